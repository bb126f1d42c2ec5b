import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { BrowserHandle, describeInBrowser, launchBrowser, openPage, signIn, WatchedPage } from './support/browser';
import { ConsoleApp, startConsoleApp } from './support/console-app';
import { shownClock, textOf } from './support/dom-text';
import { ingestReportRuns, LOCAL, SONNET, writeTracedRun } from './support/run-fixtures';
import { saveScreenshot } from './support/screenshots';

/**
 * Each call line as the reader sees it, in document order: its depth, then the texts of its parts
 * (kind, name, provider, figures, status, error) one space apart; the time is checked on its own.
 */
async function callLines(w: WatchedPage): Promise<string[]> {
  return w.page.locator('li.call > .call-line').evaluateAll((lines) =>
    lines.map((line) => {
      const parts = [...line.children]
        .filter((part) => part.tagName !== 'TIME')
        .flatMap((part) => (part.classList.contains('call-figures') ? [...part.children] : [part]))
        .map((part) => (part.textContent ?? '').trim());
      return `${line.parentElement?.getAttribute('data-depth')} ${parts.join(' ')}`;
    }),
  );
}

describeInBrowser('web console: a run’s totals and its calls as a tree', () => {
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

  const stats = async (): Promise<Record<string, string>> => {
    const out: Record<string, string> = {};
    for (const stat of await w.page.locator('[data-testid="run-totals"] .stat').all()) {
      out[await textOf(stat.locator('.stat-label'))] = await textOf(stat.locator('.stat-value'));
    }
    return out;
  };

  it('opens a run from the agent’s list: its totals and its calls in time order', async () => {
    const agent = await createAgent(t.client, user, { name: 'report-bot' });
    await ingestReportRuns(t, user, agent);
    const run = (await t.client.get(`/api/agents/${agent.id}/runs?status=success`, user.auth)).body[0] as { key: string };
    const when = (await t.client.get(`/api/runs/${run.key}`, user.auth)).body.calls.map((c: { timestamp: string }) => c.timestamp) as string[];

    await signIn(w.page, t.baseUrl, user.email, user.password, `/agents/${agent.id}`);
    await w.page.getByRole('link', { name: 'nightly-report' }).click();
    await w.page.getByTestId('run-name').waitFor();
    expect(w.page.url()).toBe(`${t.baseUrl}/runs/${run.key}`);
    expect(await textOf(w.page.getByTestId('run-name'))).toBe('nightly-report success');
    expect(await textOf(w.page.locator('.crumbs'))).toBe('Fleet / report-bot / nightly-report');
    expect(await stats()).toEqual({ Duration: '42 s', Steps: '4', Tokens: '12,000', Cache: '6,000', Cost: '$0.0288', Errors: '1' });

    expect(when).toHaveLength(4);
    expect([...when].sort()).toEqual(when);
    const times = w.page.locator('li.call time');
    expect(await times.evaluateAll((els) => els.map((el) => el.getAttribute('datetime')))).toEqual(when);
    expect((await times.allTextContents()).map((text) => text.replace(/\s+/g, ' '))).toEqual(when.map(shownClock));
    const lines = await callLines(w);
    expect(lines).toEqual([
      `0 LLM ${SONNET} anthropic 10,000 in (6,000 cached) · 500 out $0.0258 1.8 s success`,
      '0 tool web_search 350 ms success',
      `0 LLM ${LOCAL} 1,000 in · 500 out $0.003 900 ms success`,
      '0 tool send_email 120 ms error smtp_timeout',
    ]);
  });

  it('indents each call under the call owning its parent span', async () => {
    const agent = await createAgent(t.client, user, { name: 'support-bot' });
    await writeTracedRun(t, user, agent);
    await signIn(w.page, t.baseUrl, user.email, user.password, `/agents/${agent.id}`);
    await w.page.getByRole('link', { name: 'support-ticket' }).click();
    await w.page.getByTestId('run-name').waitFor();
    // 1,000 × 3 + 3,000 × 0.3 + 300 × 15 = $0.0084 and 1,000 × 3 + 4,000 × 0.3 + 200 × 15 = $0.0072.
    expect(await stats()).toEqual({ Duration: '8 s', Steps: '5', Tokens: '9,500', Cache: '7,000', Cost: '$0.0156', Errors: '1' });
    const lines = await callLines(w);
    expect(lines).toEqual([
      `0 LLM ${SONNET} anthropic 4,000 in (3,000 cached) · 300 out $0.0084 1.2 s success`,
      '1 tool search_kb 240 ms success',
      '2 tool fetch_article 80 ms success',
      `0 LLM ${SONNET} anthropic 5,000 in (4,000 cached) · 200 out $0.0072 900 ms success`,
      '0 tool send_reply 150 ms error http_502',
    ]);
    // Drawn indented: each level starts further right than its parent.
    const left = async (depth: number): Promise<number> => (await w.page.locator(`li.call[data-depth="${depth}"] > .call-line`).first().boundingBox())!.x;
    const [d0, d1, d2] = [await left(0), await left(1), await left(2)];
    expect(d1).toBeGreaterThan(d0 + 10);
    expect(d2).toBeGreaterThan(d1 + 10);
    await saveScreenshot(w.page, 'run');
  });
});
