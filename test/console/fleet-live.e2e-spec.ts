import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createAgent, createDeployment, createUser, TestUser } from '@fleetwatch/testing';
import { ALERT_ENV, alertsOf, alignedNow, createRule, everyMinute, insertSamples, step } from '../alerts/alerts-support';
import { BrowserHandle, describeInBrowser, launchBrowser, openPage, signIn, WatchedPage } from './support/browser';
import { ConsoleApp, startConsoleApp } from './support/console-app';
import { saveScreenshot } from './support/screenshots';

const PHONE = { width: 390, height: 844 };

/** Phone screenshots for a person to look at; outside the repo, so docs/ only changes on purpose. */
async function phoneShot(page: Page, name: string): Promise<void> {
  const dir = join(tmpdir(), 'fleetwatch-phone-screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** What a person sees as a page wider than the phone: the document scrolls sideways. */
async function pageOverflow(page: Page): Promise<number> {
  // Strings run in the page: the specs are compiled without the DOM's types.
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

const TABLE_SCROLLS_INSIDE_ITS_WRAP = `(() => {
  const table = document.querySelector('#agents-table');
  const wrap = table.parentElement;
  return getComputedStyle(wrap).overflowX === 'auto' && table.scrollWidth > wrap.clientWidth;
})()`;

describeInBrowser('web console: the live fleet page in Chromium', () => {
  let t: ConsoleApp;
  let chrome: BrowserHandle;
  let user: TestUser;
  let w: WatchedPage | undefined;

  beforeAll(async () => {
    [t, chrome] = await Promise.all([startConsoleApp({ env: ALERT_ENV, now: alignedNow() }), launchBrowser()]);
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });
  beforeEach(async () => {
    user = await createUser(t.client, t.sql);
  });
  afterEach(async () => {
    const errors = w?.errors ?? [];
    await w?.context.close();
    w = undefined;
    expect(errors).toEqual([]);
  });

  const at = (minutesAgo: number, base: number): string => new Date(base - minutesAgo * 60_000).toISOString();
  const call = (agentId: string, minutesAgo: number, base: number) => ({
    agentId,
    model: 'gpt-4o-mini',
    inputTokens: 1000,
    outputTokens: 200,
    latencyMs: 700,
    status: 'success',
    timestamp: at(minutesAgo, base),
  });

  it('charts the whole fleet’s last hour, one point per minute with calls, and redraws on Refresh', async () => {
    const a = await createAgent(t.client, user, { name: 'alpha-bot' });
    const b = await createAgent(t.client, user, { name: 'beta-bot' });
    const now = Date.now();
    // Two agents share minute 41: the fleet chart has one bucket there, so 5 points from 6 calls.
    const llmCalls = [call(a.id, 50, now), call(a.id, 41, now), call(b.id, 41, now), call(a.id, 20, now), call(b.id, 12, now), call(b.id, 3, now)];
    const samples = [
      { agentId: a.id, type: 'cpu', value: 30, timestamp: at(30, now) },
      { agentId: b.id, type: 'cpu', value: 50, timestamp: at(10, now) },
    ];
    expect((await t.client.post('/api/ingest', user.auth).send({ samples, llmCalls })).status).toBe(202);

    w = await openPage(chrome.browser);
    await signIn(w.page, t.baseUrl, user.email, user.password);
    const calls = w.page.locator('#fleet-charts figure[data-chart="LLM calls / min"]');
    await calls.locator('canvas').waitFor();
    expect(await calls.getAttribute('data-points')).toBe('5');
    expect(await w.page.locator('#fleet-charts figure[data-chart="Tokens / min"]').getAttribute('data-points')).toBe('5');
    expect(await w.page.locator('#fleet-charts figure[data-chart="CPU, fleet average"]').getAttribute('data-points')).toBe('2');
    // Every minute with calls had none failing: 0 % is a measured value, one per minute with calls.
    expect(await w.page.locator('#fleet-charts figure[data-chart="LLM error rate"]').getAttribute('data-points')).toBe('5');
    expect(await w.page.locator('#agents-table tbody tr[data-agent-id]').count()).toBe(2);
    expect(await w.page.locator('#fleet-alerts').textContent()).toContain('No alert is firing.');

    // A call a minute ago appears after Refresh, without reloading the page.
    expect((await t.client.post('/api/ingest', user.auth).send({ llmCalls: [call(a.id, 1, Date.now())] })).status).toBe(202);
    await w.page.getByRole('button', { name: 'Refresh' }).click();
    await w.page.locator('#fleet-charts figure[data-chart="LLM calls / min"][data-points="6"]').waitFor();
    expect(await w.page.locator('#fleet-charts figure[data-chart="LLM calls / min"] canvas').count()).toBe(1);
  });

  it('says there is no telemetry yet for a fleet that has sent none', async () => {
    await createAgent(t.client, user, { name: 'quiet-bot' });
    w = await openPage(chrome.browser);
    await signIn(w.page, t.baseUrl, user.email, user.password);
    await w.page.locator('#fleet-charts .state.empty').waitFor();
    expect(await w.page.locator('#fleet-charts').textContent()).toContain('No telemetry in the last hour yet.');
    expect(await w.page.locator('#fleet-charts figure').count()).toBe(0);
  });

  it('acknowledges a firing alert from the fleet page, with a note, as the signed-in user', async () => {
    const agent = await createAgent(t.client, user, { name: 'hot-bot' });
    const calm = await createAgent(t.client, user, { name: 'calm-bot' });
    // Some traffic, so the README screenshot of this page has moving charts as well as the alert.
    const now = Date.now();
    const traffic = [55, 47, 38, 31, 26, 18, 9, 4].flatMap((m, i) => [call(agent.id, m, now), ...(i % 2 ? [call(calm.id, m, now)] : [])]);
    expect((await t.client.post('/api/ingest', user.auth).send({ llmCalls: traffic })).status).toBe(202);
    await insertSamples(t.sql, agent.id, 'cpu', everyMinute(t.clock.now(), -10, 10, 95));
    await createRule(t, user, { name: 'CPU over 80', agentId: agent.id, severity: 'critical' });
    for (let i = 0; i < 3 && (await alertsOf(t, user))[0]?.status !== 'firing'; i++) await step(t);
    const [alert] = await alertsOf(t, user);
    expect(alert).toMatchObject({ status: 'firing', ruleName: 'CPU over 80', agentId: agent.id });

    w = await openPage(chrome.browser);
    await signIn(w.page, t.baseUrl, user.email, user.password);
    const row = w.page.locator(`#fleet-alerts [data-alert-id="${alert.id as string}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('firing');
    expect(await w.page.locator('#fleet-alerts h2').textContent()).toBe('Open alerts (1)');
    // Agent names arrive with their own request: the row shows `agent …<id>` until then.
    await row.getByText('hot-bot').waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('CPU over 80');
    expect(text).toContain('critical');
    expect(text).toContain('hot-bot');
    expect(text).toContain('value 95 vs threshold 80');
    expect(await w.page.locator(`#agents-table tr[data-agent-id="${agent.id}"] td.num`).last().textContent()).toBe('1');
    await row.getByLabel('Note for CPU over 80').fill('on it from the fleet page');
    await saveScreenshot(w.page, 'fleet');
    await row.getByRole('button', { name: 'Acknowledge' }).click();

    await w.page.locator(`#fleet-alerts [data-alert-id="${alert.id as string}"][data-status="acknowledged"]`).waitFor();
    const line = await row.getByTestId('acknowledged-by').textContent();
    expect(line).toContain(`Acknowledged by ${user.username} (you)`);
    expect(line).toContain('“on it from the fleet page”');
    expect(await w.page.locator('#fleet-alerts h2').textContent()).toBe('Open alerts (0)');
    expect(w.page.url()).toBe(`${t.baseUrl}/`);
    const [after] = await alertsOf(t, user);
    expect(after).toMatchObject({ id: alert.id, status: 'acknowledged', acknowledgedBy: user.id, note: 'on it from the fleet page' });
  });

  it('fits a phone: no sideways page scroll on the fleet and agent pages; wide tables scroll inside their card', async () => {
    const agent = await createAgent(t.client, user, { name: 'a-rather-long-agent-name-for-a-phone', labels: { team: 'support', env: 'production' } });
    await createDeployment(t.client, user, agent.id, { version: '2024.11.30-build.1234' });
    const now = Date.now();
    const samples = [20, 9, 2].map((m, i) => ({ agentId: agent.id, type: 'cpu', value: 40 + i, timestamp: at(m, now) }));
    expect((await t.client.post('/api/ingest', user.auth).send({ samples, llmCalls: [call(agent.id, 5, now)] })).status).toBe(202);

    w = await openPage(chrome.browser, PHONE);
    await signIn(w.page, t.baseUrl, user.email, user.password);
    await w.page.locator('#fleet-charts canvas').first().waitFor();
    await w.page.locator(`#agents-table tr[data-agent-id="${agent.id}"]`).waitFor();
    expect(await pageOverflow(w.page)).toBeLessThanOrEqual(0);
    const nav = await w.page.locator('header.topbar nav').boundingBox();
    expect(nav!.x + nav!.width).toBeLessThanOrEqual(PHONE.width);
    const tableScrolls = await w.page.evaluate(TABLE_SCROLLS_INSIDE_ITS_WRAP);
    expect(tableScrolls).toBe(true);
    await phoneShot(w.page, 'fleet');

    await w.page.getByRole('link', { name: agent.name }).click();
    await w.page.getByTestId('agent-name').waitFor();
    await w.page.locator('figure[data-chart="CPU"] canvas').waitFor();
    expect(await pageOverflow(w.page)).toBeLessThanOrEqual(0);
    await phoneShot(w.page, 'agent');
  });
});
