import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { waitForUpdate, type ModelInfo, type Provider } from '@pydantic/genai-prices';
import { decimal, shiftLeft, toDecimalString } from './exact-decimal';
import { UNCONDITIONAL_EFFECTIVE_FROM, type Catalogue, type CatalogueProvider, type PriceRow, type TimeOfDayWindow } from './catalogue.types';
import { isTiered, ratesWithTiers } from './price-tier';
import { PRICE_KEY_OF, ratesProblem, REQUEST_PRICE_KEY } from './token-units';

export const CATALOGUE_PACKAGE = '@pydantic/genai-prices';

const METERED_KEYS = new Set<string>([...Object.values(PRICE_KEY_OF), REQUEST_PRICE_KEY]);

/**
 * The package's embedded providers. It exports no list of them, but `waitForUpdate()` resolves to
 * the data `calcPrice` uses, which is the embedded array as long as nothing in the process called
 * `updatePrices` (Fleetwatch never does: prices change through `prices:sync`, as new versions).
 */
export async function loadPackageProviders(): Promise<Provider[]> {
  const providers = await waitForUpdate();
  if (!Array.isArray(providers) || providers.length === 0) throw new Error(`${CATALOGUE_PACKAGE} returned no provider data`);
  return providers;
}

/** The installed package's version, read from its package.json (its `exports` hide that path). */
export function packageVersion(): string {
  let dir = dirname(require.resolve(CATALOGUE_PACKAGE));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === CATALOGUE_PACKAGE && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No manifest at this level: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json of ${CATALOGUE_PACKAGE} not found`);
    dir = parent;
  }
}

export async function loadCatalogue(): Promise<Catalogue> {
  return normalizeCatalogue(await loadPackageProviders(), packageVersion());
}

type ConditionalEntry = { constraint?: { type?: string; start_date?: string; start_time?: string; end_time?: string }; prices: Record<string, unknown> };

function conditionalEntries(model: ModelInfo): ConditionalEntry[] {
  return Array.isArray(model.prices) ? model.prices : [{ prices: model.prices }];
}

/**
 * When each entry starts to apply, or why the list cannot be read as dated versions. The package
 * walks the list from the end and takes the first entry whose constraint holds, falling back to the
 * first; that equals "latest start date ≤ the call, time-of-day windows first" only when the list
 * is: one base entry, start dates ascending, then time-of-day windows.
 */
function entrySchedule(entries: ConditionalEntry[]): Array<{ effectiveFrom: string; timeOfDay: TimeOfDayWindow | null }> | string {
  const out: Array<{ effectiveFrom: string; timeOfDay: TimeOfDayWindow | null }> = [];
  let lastStart = '';
  let seenWindow = false;
  for (const [i, entry] of entries.entries()) {
    const c = entry.constraint;
    if (i === 0) {
      // The first entry is the fallback for any earlier call, whatever its own constraint says.
      if (c !== undefined && c.type !== 'start_date') return 'first price entry is time-of-day only';
      out.push({ effectiveFrom: UNCONDITIONAL_EFFECTIVE_FROM, timeOfDay: null });
      lastStart = c?.start_date ?? '';
      continue;
    }
    if (c === undefined) return 'unconditional price entry after the first';
    if (c.type === 'start_date' && typeof c.start_date === 'string') {
      if (seenWindow) return 'start date after a time-of-day price';
      if (c.start_date <= lastStart) return 'start dates not ascending';
      lastStart = c.start_date;
      out.push({ effectiveFrom: new Date(`${c.start_date}T00:00:00Z`).toISOString(), timeOfDay: null });
    } else if (c.type === 'time_of_date' && typeof c.start_time === 'string' && typeof c.end_time === 'string') {
      seenWindow = true;
      // The package applies a window on any date, so it is in force from the start of time.
      out.push({ effectiveFrom: UNCONDITIONAL_EFFECTIVE_FROM, timeOfDay: { start: c.start_time, end: c.end_time } });
    } else {
      return `unknown price constraint ${JSON.stringify(c)}`;
    }
  }
  return out;
}

function rowsOf(provider: Provider, model: ModelInfo, matchOrder: number, version: string): PriceRow[] | string {
  const entries = conditionalEntries(model);
  const schedule = entrySchedule(entries);
  if (typeof schedule === 'string') return schedule;
  const rows: PriceRow[] = [];
  for (const [i, entry] of entries.entries()) {
    const { rates, tiers } = ratesWithTiers(entry.prices);
    const problem = ratesProblem(rates);
    if (problem) return problem;
    const request = entry.prices[REQUEST_PRICE_KEY];
    if (request !== undefined && typeof request !== 'number') return `${isTiered(request) ? 'tiered' : 'invalid'} ${REQUEST_PRICE_KEY}`;
    const otherPrices: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry.prices)) if (!METERED_KEYS.has(key) && value !== undefined) otherPrices[key] = value;
    const when = schedule[i];
    rows.push({
      provider: provider.id,
      model: model.id,
      matchRule: model.match,
      matchOrder,
      effectiveFrom: when.effectiveFrom,
      timeOfDay: when.timeOfDay,
      rates,
      tiers,
      // requests_kcount is USD per thousand requests.
      perRequest: request === undefined ? null : toDecimalString(shiftLeft(decimal(request), 3)),
      otherPrices,
      catalogueVersion: version,
    });
  }
  return rows;
}

/** Converts the package's providers into Fleetwatch's rows; pure, so any provider data can be fed in. */
export function normalizeCatalogue(providers: readonly Provider[], version: string): Catalogue {
  const catalogue: Catalogue = { version, providers: [], prices: [], skipped: [] };
  for (const provider of providers) {
    const entry: CatalogueProvider = {
      id: provider.id,
      name: provider.name,
      providerMatch: provider.provider_match ?? null,
      modelMatch: provider.model_match ?? null,
      fallbackModelProviders: provider.fallback_model_providers ?? [],
      models: [],
    };
    for (const [order, model] of provider.models.entries()) {
      entry.models.push({ id: model.id, match: model.match });
      const rows = rowsOf(provider, model, order, version);
      if (typeof rows === 'string') catalogue.skipped.push({ provider: provider.id, model: model.id, reason: rows });
      else catalogue.prices.push(...rows);
    }
    catalogue.providers.push(entry);
  }
  return catalogue;
}
