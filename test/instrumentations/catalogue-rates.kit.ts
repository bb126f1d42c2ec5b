/**
 * The catalogue's price for the scenario's model and the cost a call must have with it, computed
 * here from the rates (not copied from Fleetwatch's pricing code) so a pricing or mapping slip
 * shows as a difference.
 */
import type { TestApp } from '../support/test-app';
import type { TestUser } from '@fleetwatch/testing';
import { REQUEST_MODEL } from './mock-openai/mock-openai.scenario';

/** USD per 1M tokens; null where the catalogue has no separate rate (those tokens bill as their parent). */
export interface Rates {
  input: number;
  cacheRead: number | null;
  cacheWrite: number | null;
  output: number;
  reasoning: number | null;
}

/** What @pydantic/genai-prices lists for openai gpt-4o-mini; the spec checks the stored catalogue still says so. */
export const GPT_4O_MINI_LIST_PRICE: Rates = { input: 0.15, cacheRead: 0.075, cacheWrite: null, output: 0.6, reasoning: null };

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The catalogue version in force now, read from model_prices (the catalogue sync writes it after
 * every migrate), cross-checked against GET /api/cost/models for the rates that route lists.
 */
export async function catalogueRates(t: TestApp, user: TestUser): Promise<Rates> {
  const { rows } = await t.sql.query(
    `select input_per_1m, cache_read_per_1m, cache_write_5m_per_1m, output_per_1m, reasoning_per_1m
       from model_prices
      where source = 'catalogue' and provider = 'openai' and model = $1 and effective_from <= now()
      order by effective_from desc limit 1`,
    [REQUEST_MODEL],
  );
  if (rows.length !== 1) throw new Error(`no catalogue price for openai ${REQUEST_MODEL}`);
  const r = rows[0] as Record<string, unknown>;
  const rates: Rates = {
    input: Number(r.input_per_1m),
    cacheRead: num(r.cache_read_per_1m),
    cacheWrite: num(r.cache_write_5m_per_1m),
    output: Number(r.output_per_1m),
    reasoning: num(r.reasoning_per_1m),
  };
  const listed = await t.client.get('/api/cost/models', user.auth);
  if (listed.status !== 200) throw new Error(`GET /api/cost/models: ${listed.status}`);
  const row = (listed.body as Array<Record<string, unknown>>).find((m) => m.model === REQUEST_MODEL && m.provider === 'openai');
  if (row) {
    const http: Partial<Rates> = { input: Number(row.inputPer1M), output: Number(row.outputPer1M) };
    if ('cacheReadPer1M' in row) http.cacheRead = num(row.cacheReadPer1M);
    const fromSql: Partial<Rates> = { input: rates.input, output: rates.output, ...('cacheRead' in http ? { cacheRead: rates.cacheRead } : {}) };
    if (JSON.stringify(http) !== JSON.stringify(fromSql))
      throw new Error(`GET /api/cost/models says ${JSON.stringify(http)}, the catalogue ${JSON.stringify(fromSql)}`);
  }
  return rates;
}

export interface Usage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
}

export const NO_TOKENS: Usage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };

/** Integer units of 1e-10 USD per token for a per-1M rate (the catalogue's rates have at most 4 decimals here). */
const unit = (ratePer1M: number): number => Math.round(ratePer1M * 10_000);

/** Cost in units of 1e-10 USD (exact integers, so sums do not drift). */
export function costUnits(u: Usage, rates: Rates): number {
  let input = u.input;
  let output = u.output;
  let units = 0;
  if (rates.cacheRead !== null) {
    units += u.cacheRead * unit(rates.cacheRead);
    input -= u.cacheRead;
  }
  if (rates.cacheWrite !== null) {
    units += u.cacheWrite * unit(rates.cacheWrite);
    input -= u.cacheWrite;
  }
  if (rates.reasoning !== null) {
    units += u.reasoning * unit(rates.reasoning);
    output -= u.reasoning;
  }
  return units + input * unit(rates.input) + output * unit(rates.output);
}

export const usd = (units: number): number => units / 1e10;
