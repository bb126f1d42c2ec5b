import type { Locator } from 'playwright-core';

/** Text as a reader sees it: runs of whitespace (narrow no-break spaces of time formats included) as one space. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The cell texts of `tr` rows keyed by their data-col attributes. */
export async function cells(row: Locator, columns: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const column of columns) out[column] = await textOf(row.locator(`[data-col="${column}"]`));
  return out;
}

/** What `when()` shows in the console for this instant: en-US, Europe/Berlin, as openPage configures the browser. */
export function shownWhen(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(iso)).replace(/\s+/g, ' ');
}

/** What `day()` shows for a timestamp. */
export function shownDay(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date(iso));
}

/** What `clock()` shows: the time of day to the second. */
export function shownClock(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { timeStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date(iso)).replace(/\s+/g, ' ');
}
