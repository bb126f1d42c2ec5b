import { BrowserHandle, describeInBrowser, launchBrowser, openPage } from './support/browser';
import { ConsoleApp, startConsoleApp } from './support/console-app';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describeInBrowser('OpenAPI UI at /api/docs in a browser', () => {
  let t: ConsoleApp;
  let chrome: BrowserHandle;

  beforeAll(async () => {
    [t, chrome] = await Promise.all([startConsoleApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });

  it('lists every operation of /api/docs-json, even with `$` and backquotes in descriptions', async () => {
    const document = (await t.client.get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(document.paths).flatMap((ops) => Object.keys(ops).filter((m) => METHODS.includes(m)));
    // The text that used to blank the page: String.replace read "$`" in the metric-name pattern as "the text before the match".
    expect(JSON.stringify(document)).toContain('$`');
    expect(operations.length).toBeGreaterThan(60);

    const { page, context, errors } = await openPage(chrome.browser);
    await page.goto(`${t.baseUrl}/api/docs`);
    await page.locator('.opblock-summary').first().waitFor();
    expect(await page.locator('.opblock-summary').count()).toBe(operations.length);
    expect(await page.locator('.opblock-summary-path', { hasText: '/api/monitoring/fleet-status' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('serves a swagger-ui-init.js that parses as JavaScript', async () => {
    const script = await t.client.get('/api/docs/swagger-ui-init.js');
    expect(script.status).toBe(200);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiling (never calling) the script is how the test parses it
    expect(() => new Function(script.text)).not.toThrow();
  });
});
