import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { BrowserHandle, describeInBrowser, launchBrowser, openPage, signIn } from './support/browser';
import { ConsoleApp, startConsoleApp } from './support/console-app';

describeInBrowser('web console: who sees what, sessions and serving', () => {
  let t: ConsoleApp;
  let chrome: BrowserHandle;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let agentId: string;

  beforeAll(async () => {
    [t, chrome] = await Promise.all([startConsoleApp(), launchBrowser()]);
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    agentId = (await createAgent(t.client, owner, { name: 'private-bot' })).id;
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });

  it("does not show another user's agent by URL: the API's 404 message instead", async () => {
    const w = await openPage(chrome.browser);
    await signIn(w.page, t.baseUrl, other.email, other.password, `/agents/${agentId}`);
    const error = w.page.locator('.state.error');
    await error.waitFor();
    const api = await t.client.get(`/api/agents/${agentId}`, other.auth);
    expect(api.status).toBe(404);
    expect(await error.locator('span').textContent()).toBe(api.body.message);
    expect(await w.page.content()).not.toContain('private-bot');
    // The refused request itself is the only console error (Chromium logs every 4xx resource).
    expect(w.errors).toEqual([expect.stringContaining('404')]);
    await w.context.close();
  });

  it('shows the same agent to an admin', async () => {
    const w = await openPage(chrome.browser);
    await signIn(w.page, t.baseUrl, admin.email, admin.password, `/agents/${agentId}`);
    await w.page.getByTestId('agent-name').waitFor();
    expect(await w.page.getByTestId('agent-name').textContent()).toContain('private-bot');
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('sends an expired session back to sign-in and returns to the remembered page afterwards', async () => {
    const w = await openPage(chrome.browser);
    await signIn(w.page, t.baseUrl, owner.email, owner.password, '/cost');
    // Runs in the page; a string keeps the Node-side type check free of DOM globals.
    await w.page.evaluate(`(() => {
      const stored = JSON.parse(localStorage.getItem('fleetwatch.session'));
      localStorage.setItem('fleetwatch.session', JSON.stringify({ ...stored, expiresAt: Date.now() - 1000 }));
    })()`);
    await w.page.goto(`${t.baseUrl}/alerts/rules`);
    await w.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(new URL(w.page.url()).searchParams.get('next')).toBe('/alerts/rules');
    await w.page.getByLabel('Email').fill(owner.email);
    await w.page.getByLabel('Password').fill(owner.password);
    await w.page.getByRole('button', { name: 'Sign in' }).click();
    await w.page.getByRole('heading', { name: 'Rules' }).waitFor();
    expect(new URL(w.page.url()).pathname).toBe('/alerts/rules');
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('sends a session that lapses while a page is open to sign-in at the next request, without sending it', async () => {
    const w = await openPage(chrome.browser);
    await signIn(w.page, t.baseUrl, owner.email, owner.password, '/cost');
    await w.page.getByRole('heading', { name: 'Cost' }).first().waitFor();
    const sent: string[] = [];
    w.page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) sent.push(r.url());
    });
    await w.page.evaluate(`(() => {
      const stored = JSON.parse(localStorage.getItem('fleetwatch.session'));
      localStorage.setItem('fleetwatch.session', JSON.stringify({ ...stored, expiresAt: Date.now() - 1000 }));
    })()`);
    // In-app navigation: the page renders with the lapsed session and its first request finds no token.
    await w.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await w.page.getByRole('button', { name: 'Sign in' }).waitFor();
    const url = new URL(w.page.url());
    expect(url.pathname).toBe('/sign-in');
    expect(url.searchParams.get('next')).toBe('/alerts');
    expect(await w.page.locator('.notice').textContent()).toBe('Your session has ended. Sign in again to continue where you were.');
    expect(sent).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('serves index.html for console paths and keeps the API 404 for unknown /api paths', async () => {
    const page = await t.client.get('/agents/anything/at/all');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="app"></div>');
    const api = await t.client.get('/api/no-such-route');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect((await t.client.get('/assets/missing.js')).status).toBe(404);
    expect((await t.client.get('/health/live')).status).toBe(200);
  });
});

describeInBrowser('web console with sign-up disabled', () => {
  let t: ConsoleApp;
  let chrome: BrowserHandle;

  beforeAll(async () => {
    [t, chrome] = await Promise.all([startConsoleApp({ env: { SIGNUP_ENABLED: 'false' } }), launchBrowser()]);
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });

  it('offers no registration link, and /register shows only sign-in', async () => {
    const w = await openPage(chrome.browser);
    await w.page.goto(`${t.baseUrl}/register`);
    await w.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await w.page.getByText('Create an account').count()).toBe(0);
    expect(await w.page.getByLabel('Username').count()).toBe(0);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});
