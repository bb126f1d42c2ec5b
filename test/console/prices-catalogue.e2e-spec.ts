import { createUser, TestUser } from '@fleetwatch/testing';
import { BrowserHandle, describeInBrowser, launchBrowser, openPage, signIn, WatchedPage } from './support/browser';
import { ConsoleApp, startConsoleApp } from './support/console-app';
import { cells, shownDay, textOf } from './support/dom-text';

/** The page's document, for functions run in the browser (the Node-side type check has no DOM globals). */
declare const document: { querySelectorAll(selector: string): { length: number } };
/** Runs in the page (the console's CSP forbids evaluating strings there): are exactly n price rows shown? */
const rowsAre = (n: number): boolean => document.querySelectorAll('[data-testid="prices-table"] tbody tr[data-model]').length === n;
const COLUMNS = ['input', 'output', 'cache-read', 'cache-write', 'source', 'effective-from'];

describeInBrowser('web console: the price catalogue', () => {
  let t: ConsoleApp;
  let chrome: BrowserHandle;
  let admin: TestUser;
  let w: WatchedPage;

  beforeAll(async () => {
    [t, chrome] = await Promise.all([startConsoleApp(), launchBrowser()]);
    admin = await createUser(t.client, t.sql, { admin: true });
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });
  beforeEach(async () => {
    w = await openPage(chrome.browser);
  });
  afterEach(async () => {
    const errors = w.errors;
    await w.context.close();
    expect(errors).toEqual([]);
  });

  const rowsShown = (): Promise<string[]> =>
    w.page.locator('[data-testid="prices-table"] tbody tr[data-model]').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-model')}`));

  it('searches with the model filter of GET /api/cost/models and shows cache rates, source and version', async () => {
    const api = await t.client.get('/api/cost/models?model=sonnet-4-5&limit=100', admin.auth);
    expect(api.status).toBe(200);
    const expected = (api.body as { model: string }[]).map((p) => p.model);
    expect(expected).toContain('claude-sonnet-4-5');
    expect(expected.every((m) => m.includes('sonnet-4-5'))).toBe(true);
    const sonnet = (api.body as { model: string; provider: string; effectiveFrom: string; cacheWrite1hPer1M: number | null }[]).find(
      (p) => p.model === 'claude-sonnet-4-5',
    )!;

    await signIn(w.page, t.baseUrl, admin.email, admin.password, '/cost/prices');
    await w.page.locator('[data-testid="prices-table"] tbody tr[data-model]').first().waitFor();
    await w.page.getByLabel('Search models').fill('sonnet-4-5');
    await w.page.waitForFunction(rowsAre, expected.length);
    await w.page.locator('[data-testid="prices-table"] tbody tr[data-model]:not([data-model*="sonnet-4-5"])').waitFor({ state: 'detached' });
    expect(await rowsShown()).toEqual(expected);

    const row = w.page.locator('[data-testid="prices-table"] tr[data-model="claude-sonnet-4-5"][data-source="catalogue"]').first();
    expect(await textOf(row.locator('td').nth(1))).toBe(sonnet.provider);
    expect(await cells(row, COLUMNS)).toEqual({
      input: '$3.00',
      output: '$15.00',
      'cache-read': '$0.30',
      // The 1-hour rate is listed only when the catalogue row has one (null: billed at the 5-minute rate).
      'cache-write': sonnet.cacheWrite1hPer1M === null ? '$3.75' : `$3.75 / $${sonnet.cacheWrite1hPer1M.toFixed(2)} 1h`,
      source: 'catalogue 0.1.8',
      'effective-from': shownDay(sonnet.effectiveFrom),
    });
  });

  it('shows an override without cache rates as dashes, with its source and no catalogue version', async () => {
    const put = await t.client
      .put('/api/cost/models/console-test-model', admin.auth)
      .send({ provider: 'acme', inputPer1M: 1.25, outputPer1M: 2.5, effectiveFrom: '2026-01-15T00:00:00Z' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ cacheReadPer1M: null, cacheWrite5mPer1M: null, cacheWrite1hPer1M: null, source: 'admin', catalogueVersion: null });

    await signIn(w.page, t.baseUrl, admin.email, admin.password, '/cost/prices');
    await w.page.getByLabel('Search models').fill('console-test');
    const row = w.page.locator('[data-testid="prices-table"] tr[data-model="console-test-model"]');
    await row.waitFor();
    await w.page.waitForFunction(rowsAre, 1);
    expect(await cells(row, COLUMNS)).toEqual({
      input: '$1.25',
      output: '$2.50',
      'cache-read': '—',
      'cache-write': '—',
      source: 'admin',
      'effective-from': shownDay('2026-01-15T00:00:00Z'),
    });
    await w.page.getByLabel('Search models').fill('no-such-model-anywhere');
    await w.page.getByText('No model matches “no-such-model-anywhere”.').waitFor();
  });
});
