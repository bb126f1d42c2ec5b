import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const DIR = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

/** README screenshots: written only with UPDATE_SCREENSHOTS=1, so ordinary runs leave docs/ untouched. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(DIR, { recursive: true });
  await page.screenshot({ path: join(DIR, `${name}.png`), fullPage: false });
}
