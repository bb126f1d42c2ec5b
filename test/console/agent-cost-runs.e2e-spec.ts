import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { BrowserHandle, describeInBrowser, launchBrowser, openPage, signIn, WatchedPage } from './support/browser';
import { ConsoleApp, startConsoleApp } from './support/console-app';
import { cells, shownWhen, textOf } from './support/dom-text';
import { ingestManyRuns, ingestReportRuns, LOCAL, SONNET } from './support/run-fixtures';
import { saveScreenshot } from './support/screenshots';

const COST_COLUMNS = ['calls', 'input', 'cache-read', 'cache-write', 'output', 'reasoning', 'cost'];
const RUN_COLUMNS = ['status', 'started', 'duration', 'steps', 'tokens', 'cost', 'errors'];

describeInBrowser('web console: cost by token type, runs and conversations on the agent page', () => {
  let t: ConsoleApp;
  let chrome: BrowserHandle;
  let user: TestUser;
  let w: WatchedPage;

  beforeAll(async () => {
    [t, chrome] = await Promise.all([startConsoleApp(), launchBrowser()]);
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

  it('shows each model’s tokens by type and cost, and marks the fallback-priced model as unpriced', async () => {
    const agent = await createAgent(t.client, user, { name: 'report-bot' });
    await ingestReportRuns(t, user, agent);
    const api = (await t.client.get(`/api/agents/${agent.id}/cost?period_days=30`, user.auth)).body;
    expect(api.cost_details.tokens.unpriced).toEqual({
      calls: 1,
      input_tokens: 1_000,
      output_tokens: 500,
      models: [{ model: LOCAL, calls: 1, tokens: 1_500 }],
    });

    await signIn(w.page, t.baseUrl, user.email, user.password, `/agents/${agent.id}`);
    const table = w.page.getByTestId('cost-by-type');
    await table.waitFor();
    const sonnet = table.locator(`tr[data-model="${SONNET}"]`);
    // Two calls: 10,000 + 2,000 input with 6,000 + 1,000 cache reads and 3,000 writes; $0.0258 + $0.0063.
    expect(await cells(sonnet, COST_COLUMNS)).toEqual({
      calls: '2',
      input: '12,000',
      'cache-read': '7,000',
      'cache-write': '3,000',
      output: '700',
      reasoning: '0',
      cost: '$0.0321',
    });
    expect(await sonnet.getAttribute('data-rate-source')).toBe('model');
    expect(await textOf(sonnet.locator('[data-col="provider"]'))).toBe('anthropic');
    expect(await textOf(sonnet.locator('[data-col="priced-by"]'))).toBe('catalogue 0.1.8');
    expect(await sonnet.locator('[data-col="cache-write"]').getAttribute('title')).toBe('5-minute entries 2,000 · 1-hour entries 1,000');

    const local = table.locator(`tr[data-model="${LOCAL}"]`);
    expect(await cells(local, COST_COLUMNS)).toEqual({
      calls: '1',
      input: '1,000',
      'cache-read': '0',
      'cache-write': '0',
      output: '500',
      reasoning: '0',
      cost: '$0.003',
    });
    expect(await local.getAttribute('data-rate-source')).toBe('fallback');
    expect(await textOf(local.locator('[data-col="provider"]'))).toBe('provider unknown');
    expect(await textOf(local.locator('[data-col="priced-by"]'))).toBe('fallback estimate');
    expect(await textOf(table.getByTestId('cost-total').locator('[data-col="cost"]'))).toBe('$0.0351');

    const notice = w.page.getByTestId('unpriced');
    expect(await notice.getAttribute('role')).toBe('note');
    expect(await textOf(notice)).toContain(
      'Unpriced: estimated at the fallback rate. 1 call (1,500 tokens) used a model without a known price and was costed at $0.002 per 1k tokens:',
    );
    expect(await textOf(notice.locator('li'))).toBe(`${LOCAL} — 1 call, 1,500 tokens`);
    expect(await notice.locator('li').count()).toBe(1);

    // costs_by_type is shown exactly when the API sends it (a row of fallback estimates has none).
    const sonnetRow = (api.cost_details.tokens.models as { model: string; costs_by_type?: object | null }[]).find((m) => m.model === SONNET)!;
    const parts = table.getByTestId('costs-by-type');
    if (sonnetRow.costs_by_type) {
      expect(await parts.count()).toBe(1);
      expect(await parts.locator('.chip').allTextContents()).toEqual([
        'input $0.006',
        'cache read $0.0021',
        'cache write 5m $0.0075',
        'cache write 1h $0.006',
        'output $0.0105',
      ]);
    } else {
      expect(await parts.count()).toBe(0);
    }
  });

  it('lists the runs newest first with their figures, filters them by status, and groups the conversation', async () => {
    const agent = await createAgent(t.client, user, { name: 'report-bot' });
    await ingestReportRuns(t, user, agent);
    const runs = (await t.client.get(`/api/agents/${agent.id}/runs`, user.auth)).body as { id: string; startedAt: string }[];
    expect(runs.map((r) => r.id)).toEqual(['r-draft', 'r-nightly']);

    await signIn(w.page, t.baseUrl, user.email, user.password, `/agents/${agent.id}`);
    const table = w.page.getByTestId('runs-table');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-run-id')))).toEqual(['r-draft', 'r-nightly']);
    expect(await textOf(rows.nth(1).locator('a'))).toBe('nightly-report');
    expect(await cells(rows.nth(1), RUN_COLUMNS)).toEqual({
      status: 'success',
      started: shownWhen(runs[1].startedAt),
      duration: '42 s',
      steps: '4',
      tokens: '12,000',
      cost: '$0.0288',
      errors: '1',
    });
    // Still running: the server's clock is 10 minutes past its start.
    expect(await cells(rows.nth(0), RUN_COLUMNS)).toEqual({
      status: 'running',
      started: shownWhen(runs[0].startedAt),
      duration: '10 min',
      steps: '1',
      tokens: '2,200',
      cost: '$0.0063',
      errors: '0',
    });

    // The old rows stay until the filtered page replaces them.
    await w.page.getByLabel('Run status').selectOption('success');
    await table.locator('tbody tr[data-run-id="r-draft"]').waitFor({ state: 'detached' });
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-run-id')))).toEqual(['r-nightly']);
    await w.page.getByLabel('Run status').selectOption('error');
    await w.page.locator('#runs .state.empty').waitFor();
    expect(await textOf(w.page.locator('#runs .state.empty'))).toBe('No error runs.');
    await w.page.getByLabel('Run status').selectOption('');
    await table.locator('tbody tr[data-run-id="r-draft"]').waitFor();

    const conversation = w.page.locator('[data-testid="conversations-table"] tr[data-conversation-id="conv-42"]');
    expect(await cells(conversation, ['runs', 'steps', 'tokens', 'cost', 'errors'])).toEqual({
      runs: '2 (1 running)',
      steps: '5',
      tokens: '14,200',
      cost: '$0.0351',
      errors: '1',
    });
    // The README's agent picture: cost, runs and conversations, the card's top just below the sticky 50 px top bar.
    // A string: the Node-side type check has no DOM globals.
    await w.page.evaluate("window.scrollTo(0, document.querySelector('#cost-by-type').getBoundingClientRect().top + window.scrollY - 66)");
    await saveScreenshot(w.page, 'agent');
  });

  it('loads the next page of runs from the X-Next-Cursor header', async () => {
    const agent = await createAgent(t.client, user, { name: 'busy-bot' });
    await ingestManyRuns(t, user, agent, 25);
    const first = await t.client.get(`/api/agents/${agent.id}/runs?limit=20`, user.auth);
    expect(first.headers['x-next-cursor']).toBeDefined();

    await signIn(w.page, t.baseUrl, user.email, user.password, `/agents/${agent.id}`);
    const rows = w.page.locator('[data-testid="runs-table"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(20);
    expect(await textOf(w.page.getByTestId('runs-shown'))).toBe('20 runs shown');
    await w.page.locator('#runs').getByRole('button', { name: 'Load more' }).click();
    await w.page.locator('[data-run-id="page-run-0"]').waitFor();
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-run-id')));
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => `page-run-${24 - i}`));
    expect(await textOf(w.page.getByTestId('runs-shown'))).toBe('25 runs shown (all)');
    expect(await w.page.locator('#runs').getByRole('button', { name: 'Load more' }).count()).toBe(0);
  });
});
