import { Migration } from '@mikro-orm/migrations';

/**
 * The stored cost of each LLM call split by token type, so per-type costs can be reported: sums of
 * token counts cannot be priced after the fact, because each call had its own tier and price version.
 *
 * `cost_lines` is a jsonb object of exact decimal strings keyed by the pricing core's token types
 * (input, output, cacheRead, cacheWrite5m, cacheWrite1h, reasoning, audioInput, audioOutput,
 * imageInput, cacheReadAudio, cacheReadImage) plus `request` for a per-request fee; a zero part is
 * absent. The parts are rounded to 10 places like cost_usd with the rounding remainder on the largest
 * part, so they add up to cost_usd exactly. Null for client-supplied and fallback costs, and for calls
 * stored before this migration until a reprice fills them (no backfill here: it would rewrite every
 * partition of llm_calls in one transaction).
 */
export class Migration20261201090000CostLines extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table llm_calls add column cost_lines jsonb;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table llm_calls drop column cost_lines;`);
  }
}
