import { existsSync } from 'node:fs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Browser specs run when Debian's chromium is installed. In CI its absence is a failure (the
 * describe runs and launching throws); elsewhere one test stands in and says what is missing, as
 * the other tool-backed specs (promtool, Alertmanager) do.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (!existsSync(CHROMIUM) && process.env.CI !== 'true') {
    describe(name, () => {
      it(`needs ${CHROMIUM} (not run here)`, () => {
        console.warn(`${name}: not run, ${CHROMIUM} is missing (apt-get install chromium). In CI this fails instead.`);
      });
    });
    return;
  }
  describe(name, body);
}

export interface BrowserHandle {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserHandle> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`);
  // No --user-data-dir: Playwright refuses it with launch() and gives every launch a fresh temporary profile itself.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** A page that records console errors and uncaught exceptions, so a spec can assert there were none. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

export async function openPage(browser: Browser, options: { width?: number; height?: number } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.setDefaultTimeout(15_000);
  return { page, context, errors };
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('whoami').waitFor();
}
