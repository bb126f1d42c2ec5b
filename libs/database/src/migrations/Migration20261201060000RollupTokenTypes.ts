import { Migration } from '@mikro-orm/migrations';

/** llm_calls token-type columns (Migration20261201050000UsageByType) summed per rollup hour. */
const TOKEN_COLUMNS = [
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'cache_creation_5m_input_tokens',
  'cache_creation_1h_input_tokens',
  'reasoning_output_tokens',
  'audio_input_tokens',
  'audio_output_tokens',
  'image_input_tokens',
];

/** Calls priced with COST_FALLBACK_PER_1K (rate_source 'fallback') and their tokens, so reports can tell a fallback from a price. */
const UNPRICED_COLUMNS = ['unpriced_calls', 'unpriced_input_tokens', 'unpriced_output_tokens'];

/**
 * Usage by token type in the hourly LLM rollups.
 *
 * No new trigger is needed: inserts and updates of llm_calls (repricing included) already mark their
 * hours dirty (Migration20261122020000Rollups, Migration20261122040000Budgets), and the job rewrites
 * whole agent-hours. Hours rolled up before this migration hold 0 in the new columns, so every hour
 * whose raw calls could differ from 0 (a token type reported, or a fallback price) is marked dirty
 * for the next tick; hours whose raw calls retention already dropped cannot be recomputed and keep 0.
 */
export class Migration20261201060000RollupTokenTypes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table rollup_llm_hourly ${[...TOKEN_COLUMNS, ...UNPRICED_COLUMNS].map((c) => `add column ${c} bigint not null default 0`).join(', ')};`);
    this.addSql(`
      insert into rollup_dirty (kind, agent_id, hour)
      select distinct 'llm', agent_id, date_trunc('hour', ts, 'UTC') from llm_calls
      where rate_source = 'fallback' or ${TOKEN_COLUMNS.map((c) => `${c} > 0`).join(' or ')};`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table rollup_llm_hourly ${[...TOKEN_COLUMNS, ...UNPRICED_COLUMNS].map((c) => `drop column ${c}`).join(', ')};`);
  }
}
