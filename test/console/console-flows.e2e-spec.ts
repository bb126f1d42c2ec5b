import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { ALERT_ENV, alertsOf, alignedNow, createRule, everyMinute, insertSamples, Receiver, step } from '../alerts/alerts-support';
import { BrowserHandle, describeInBrowser, launchBrowser, openPage, signIn, WatchedPage } from './support/browser';
import { ConsoleApp, startConsoleApp } from './support/console-app';
import { saveScreenshot } from './support/screenshots';

describeInBrowser('web console: the main flows in Chromium', () => {
  let t: ConsoleApp;
  let chrome: BrowserHandle;
  let user: TestUser;
  let w: WatchedPage;

  beforeAll(async () => {
    [t, chrome] = await Promise.all([startConsoleApp({ env: ALERT_ENV, now: alignedNow() }), launchBrowser()]);
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });
  beforeEach(async () => {
    user = await createUser(t.client, t.sql);
    w = await openPage(chrome.browser);
  });
  afterEach(async () => {
    const errors = w.errors;
    await w.context.close();
    expect(errors).toEqual([]);
  });

  it('signs in and shows an agent in error under needs attention, with the reason the API gives', async () => {
    const agent = await createAgent(t.client, user, { name: 'support-bot', labels: { team: 'support' } });
    await createAgent(t.client, user, { name: 'billing-bot' });
    expect((await t.client.patch(`/api/agents/${agent.id}`, user.auth).send({ status: 'error' })).status).toBe(200);
    const fleet = (await t.client.get('/api/monitoring/fleet-status', user.auth)).body as {
      agents: { agentId: string; reasons: { code: string; label: string }[] }[];
    };
    expect(fleet.agents.map((a) => a.agentId)).toEqual([agent.id]);
    expect(fleet.agents[0].reasons.map((r) => r.code)).toEqual(['error']);

    await signIn(w.page, t.baseUrl, user.email, user.password);
    const item = w.page.locator(`#needs-attention [data-agent-id="${agent.id}"]`);
    await item.waitFor();
    expect(await item.locator('.attention-name').textContent()).toBe('support-bot');
    // The label counts seconds ("In error for 0s"), so compare its stable start with the API's.
    expect(await item.locator('[data-reason="error"]').textContent()).toMatch(/^In error for /);
    expect(await w.page.locator('#needs-attention .attention-item').count()).toBe(1);
    expect(await w.page.locator('#agents-table tbody tr[data-agent-id]').count()).toBe(2);
    await w.page.getByLabel('Filter by label').selectOption('team=support');
    expect(await w.page.locator('#agents-table tbody tr[data-agent-id]').count()).toBe(1);
  });

  it('opens the agent and draws its CPU chart with one point per sampled minute', async () => {
    const agent = await createAgent(t.client, user, { name: 'charted-bot' });
    const now = Date.now();
    const minutes = [50, 41, 33, 20, 12, 7, 2];
    const at = (m: number): string => new Date(now - m * 60_000).toISOString();
    const samples = minutes.map((m, i) => ({ agentId: agent.id, type: 'cpu', value: 20 + i * 5, timestamp: at(m) }));
    const llmCalls = minutes.slice(0, 5).map((m, i) => ({
      agentId: agent.id,
      model: 'gpt-4o-mini',
      inputTokens: 1000 + i * 200,
      outputTokens: 250,
      latencyMs: 600 + i * 150,
      status: 'success',
      timestamp: at(m),
    }));
    expect((await t.client.post('/api/ingest', user.auth).send({ samples, llmCalls })).status).toBe(202);

    await signIn(w.page, t.baseUrl, user.email, user.password);
    await w.page.getByRole('link', { name: 'charted-bot' }).click();
    await w.page.getByTestId('agent-name').waitFor();
    const cpu = w.page.locator('figure[data-chart="CPU"]');
    await cpu.locator('canvas').waitFor();
    expect(await cpu.getAttribute('data-points')).toBe(String(minutes.length));
    expect(await w.page.locator('figure[data-chart="LLM latency"]').getAttribute('data-points')).toBe('5');
    expect(await w.page.locator('figure[data-chart="Memory"]').getAttribute('data-points')).toBe('0');
    expect(await w.page.locator('figure[data-chart="Memory"]').textContent()).toContain('No data in this range');
    expect(w.page.url()).toBe(`${t.baseUrl}/agents/${agent.id}`);
  });

  it('acknowledges a firing alert and shows it acknowledged by the signed-in user', async () => {
    const agent = await createAgent(t.client, user, { name: 'hot-bot' });
    await insertSamples(t.sql, agent.id, 'cpu', everyMinute(t.clock.now(), -10, 10, 95));
    await createRule(t, user, { name: 'CPU over 80', agentId: agent.id, severity: 'critical' });
    for (let i = 0; i < 3 && (await alertsOf(t, user))[0]?.status !== 'firing'; i++) await step(t);
    const [alert] = await alertsOf(t, user);
    expect(alert).toMatchObject({ status: 'firing', ruleName: 'CPU over 80' });

    await signIn(w.page, t.baseUrl, user.email, user.password, '/alerts');
    const row = w.page.locator(`[data-alert-id="${alert.id as string}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('firing');
    await row.getByLabel('Note for CPU over 80').fill('looking into it');
    await saveScreenshot(w.page, 'alerts');
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await w.page.locator(`[data-alert-id="${alert.id as string}"][data-status="acknowledged"]`).waitFor();
    const line = await row.getByTestId('acknowledged-by').textContent();
    expect(line).toContain(`Acknowledged by ${user.username} (you)`);
    expect(line).toContain('“looking into it”');
    const [after] = await alertsOf(t, user);
    expect(after).toMatchObject({ status: 'acknowledged', acknowledgedBy: user.id, note: 'looking into it' });
  });

  it('creates a webhook channel and shows the answer of its test against a local receiver', async () => {
    const receiver = await new Receiver().start();
    try {
      await signIn(w.page, t.baseUrl, user.email, user.password, '/alerts/channels');
      await w.page.getByRole('button', { name: 'New channel' }).click();
      const form = w.page.getByRole('form', { name: 'New channel' });
      await form.getByLabel('Name').fill('on-call hook');
      await form.getByLabel('URL').fill(receiver.url);
      await form.getByLabel('Secret').fill('webhook-secret-1');
      await form.getByRole('button', { name: 'Create channel' }).click();
      const row = w.page.locator('.channel-item', { hasText: 'on-call hook' });
      await row.waitFor();
      await row.getByRole('button', { name: 'Test' }).click();
      const result = row.getByTestId('channel-test-result');
      await result.waitFor();
      expect(await result.textContent()).toMatch(/^Delivered · status 200 · /);
      expect(receiver.received).toHaveLength(1);
      expect(Receiver.verified(receiver.received[0], 'webhook-secret-1')).toBe(true);
    } finally {
      await receiver.stop();
    }
  });

  it('creates an API key, shows it once, and lists it by prefix only afterwards', async () => {
    await signIn(w.page, t.baseUrl, user.email, user.password, '/settings');
    await w.page.getByLabel('Name').fill('ci key');
    await w.page.getByRole('button', { name: 'Create key' }).click();
    const shown = w.page.getByTestId('new-key-value');
    await shown.waitFor();
    const key = (await shown.textContent())!;
    const keys = (await t.client.get('/api/auth/api-keys', user.auth)).body as { name: string; prefix: string }[];
    expect(keys.map((k) => k.name)).toEqual(['ci key']);
    expect(key.startsWith(`fw_${keys[0].prefix}_`)).toBe(true);
    expect((await t.client.post('/api/ingest', { apiKey: key }).send({ samples: [] })).status).toBe(202);

    await w.page.reload();
    await w.page.locator('#api-keys tbody tr').first().waitFor();
    expect(await w.page.locator('#api-keys').textContent()).toContain(`fw_${keys[0].prefix}_…`);
    expect(await w.page.content()).not.toContain(key);
  });
});
