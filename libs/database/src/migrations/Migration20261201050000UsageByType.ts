import { Migration } from '@mikro-orm/migrations';

/** The hand-typed seed rows of Migration20261122011000ModelPrices: (model, provider, input, output) on 2025-09-01. */
const SEED_ROWS: ReadonlyArray<[string, string, number, number]> = [
  ['gpt-5', 'openai', 1.25, 10],
  ['gpt-5-mini', 'openai', 0.25, 2],
  ['gpt-5-nano', 'openai', 0.05, 0.4],
  ['gpt-4.1', 'openai', 2, 8],
  ['gpt-4.1-mini', 'openai', 0.4, 1.6],
  ['gpt-4.1-nano', 'openai', 0.1, 0.4],
  ['gpt-4o', 'openai', 2.5, 10],
  ['gpt-4o-mini', 'openai', 0.15, 0.6],
  ['gpt-4-turbo', 'openai', 10, 30],
  ['gpt-3.5-turbo', 'openai', 0.5, 1.5],
  ['o1', 'openai', 15, 60],
  ['o3', 'openai', 2, 8],
  ['o3-mini', 'openai', 1.1, 4.4],
  ['o4-mini', 'openai', 1.1, 4.4],
  ['claude-opus-4-1', 'anthropic', 15, 75],
  ['claude-opus-4', 'anthropic', 15, 75],
  ['claude-sonnet-4', 'anthropic', 3, 15],
  ['claude-3-7-sonnet', 'anthropic', 3, 15],
  ['claude-3-5-sonnet', 'anthropic', 3, 15],
  ['claude-3-5-haiku', 'anthropic', 0.8, 4],
  ['claude-3-opus', 'anthropic', 15, 75],
  ['claude-3-haiku', 'anthropic', 0.25, 1.25],
  ['gemini-2.5-pro', 'google', 1.25, 10],
  ['gemini-2.5-flash', 'google', 0.3, 2.5],
  ['gemini-2.5-flash-lite', 'google', 0.1, 0.4],
  ['gemini-2.0-flash', 'google', 0.1, 0.4],
  ['gemini-2.0-flash-lite', 'google', 0.075, 0.3],
  ['gemini-1.5-pro', 'google', 1.25, 5],
  ['gemini-1.5-flash', 'google', 0.075, 0.3],
  ['mistral-large-latest', 'mistral', 2, 6],
  ['mistral-medium-latest', 'mistral', 0.4, 2],
  ['mistral-small-latest', 'mistral', 0.1, 0.3],
  ['codestral-latest', 'mistral', 0.3, 0.9],
  ['open-mistral-nemo', 'mistral', 0.15, 0.15],
  ['ministral-8b-latest', 'mistral', 0.1, 0.1],
  ['llama-4-maverick', 'meta', 0.27, 0.85],
  ['llama-4-scout', 'meta', 0.18, 0.59],
  ['llama-3.3-70b-instruct', 'meta', 0.88, 0.88],
  ['llama-3.1-405b-instruct', 'meta', 3.5, 3.5],
  ['llama-3.1-8b-instruct', 'meta', 0.18, 0.18],
];

const RATE_COLUMNS = [
  'cache_read_per_1m',
  'cache_write_5m_per_1m',
  'cache_write_1h_per_1m',
  'audio_input_per_1m',
  'audio_output_per_1m',
  'cache_read_audio_per_1m',
  'image_input_per_1m',
  'cache_read_image_per_1m',
  'reasoning_per_1m',
  'per_request_usd',
];

const LLM_TOKEN_COLUMNS = [
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'cache_creation_5m_input_tokens',
  'cache_creation_1h_input_tokens',
  'reasoning_output_tokens',
  'audio_input_tokens',
  'audio_output_tokens',
  'image_input_tokens',
];

/**
 * Usage by token type and prices from a catalogue.
 *
 * llm_calls gets each token type (OpenTelemetry GenAI semantics: partitions of input / output, 0
 * when not reported), the response model, which price applied (`price_source`, `price_version`),
 * and the run / conversation / span ids and time to first token that agent runs are built from;
 * tool_calls gets the same ids.
 *
 * model_prices becomes one table for three kinds of price versions: `catalogue` rows written by
 * `prices:sync` (with the catalogue version, its model-name rule, the catalogue's own start date
 * and a hash of the content, so a sync can tell a changed price from a known one), `admin` overrides, and an
 * owner's own negotiated prices (`owner_id`). The hand-typed seed rows are removed: left as admin
 * rows they would win over the catalogue and price cache reads as plain input.
 * price_providers holds the catalogue's provider and model-name rules that matching needs, in
 * catalogue order (rules, not prices: a sync replaces them in place).
 */
export class Migration20261201050000UsageByType extends Migration {
  override async up(): Promise<void> {
    for (const column of LLM_TOKEN_COLUMNS) {
      this.addSql(`alter table llm_calls add column ${column} integer not null default 0 check (${column} >= 0);`);
    }
    this.addSql(`
      alter table llm_calls
        add column response_model text,
        add column price_source text check (price_source in ('owner', 'admin', 'catalogue')),
        add column price_version text,
        add column run_id text,
        add column conversation_id text,
        add column span_id text,
        add column parent_span_id text,
        add column ttft_ms double precision check (ttft_ms >= 0);`);
    this.addSql(`alter table tool_calls add column run_id text, add column conversation_id text, add column span_id text, add column parent_span_id text;`);
    this.addSql(`create index llm_calls_agent_run_idx on llm_calls (agent_id, run_id) where run_id is not null;`);
    this.addSql(`create index tool_calls_agent_run_idx on tool_calls (agent_id, run_id) where run_id is not null;`);

    const seed = SEED_ROWS.map(([m, p, i, o]) => `('${m}', '${p}', ${i}, ${o})`).join(', ');
    this.addSql(`
      delete from model_prices p using (values ${seed}) as s(model, provider, input_per_1m, output_per_1m)
      where p.model = s.model and p.provider = s.provider and p.input_per_1m = s.input_per_1m
        and p.output_per_1m = s.output_per_1m and p.effective_from = '2025-09-01T00:00:00Z';`);
    this.addSql(`alter table model_prices drop constraint model_prices_model_effective_key;`);
    this.addSql(`alter table model_prices alter column input_per_1m drop not null, alter column output_per_1m drop not null;`);
    this.addSql(`
      alter table model_prices
        add column source text not null default 'admin' check (source in ('catalogue', 'admin', 'owner')),
        add column owner_id uuid references users (id) on delete cascade,
        add column catalogue_version text,
        add column match_rule jsonb,
        add column match_order integer,
        add column catalogue_effective_from timestamptz,
        add column content_hash text,
        add column time_of_day_start text,
        add column time_of_day_end text,
        ${RATE_COLUMNS.map((c) => `add column ${c} numeric(20, 10) check (${c} >= 0)`).join(',\n        ')},
        add column tiers jsonb not null default '[]',
        add column other_prices jsonb not null default '{}',
        add constraint model_prices_owner_check check ((source = 'owner') = (owner_id is not null)),
        add constraint model_prices_catalogue_check check ((source = 'catalogue') = (catalogue_version is not null and match_rule is not null));`);
    this.addSql(`alter table model_prices alter column source drop default;`);
    // One version per (kind, owner, provider, model, start, time-of-day window): sync never rewrites one.
    this.addSql(`
      create unique index model_prices_version_key on model_prices
        (source, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'), coalesce(provider, ''), model, effective_from, coalesce(time_of_day_start, ''));`);
    this.addSql(`create index model_prices_owner_idx on model_prices (owner_id) where owner_id is not null;`);

    this.addSql(`
      create table price_providers (
        id text primary key,
        name text not null,
        provider_match jsonb,
        model_match jsonb,
        fallback_model_providers text[] not null default '{}',
        models jsonb not null default '[]',
        position integer not null,
        catalogue_version text not null,
        synced_at timestamptz not null default now()
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists price_providers;`);
    this.addSql(`delete from model_prices where source <> 'admin';`);
    this.addSql(`drop index if exists model_prices_version_key;`);
    this.addSql(
      `alter table model_prices drop column source, drop column owner_id, drop column catalogue_version, drop column match_rule, drop column match_order, drop column catalogue_effective_from, drop column content_hash, drop column time_of_day_start, drop column time_of_day_end, ${RATE_COLUMNS.map((c) => `drop column ${c}`).join(', ')}, drop column tiers, drop column other_prices;`,
    );
    this.addSql(`alter table model_prices add constraint model_prices_model_effective_key unique (model, effective_from);`);
    this.addSql(`drop index if exists llm_calls_agent_run_idx;`);
    this.addSql(`drop index if exists tool_calls_agent_run_idx;`);
    this.addSql(`alter table tool_calls drop column run_id, drop column conversation_id, drop column span_id, drop column parent_span_id;`);
    this.addSql(
      `alter table llm_calls ${[...LLM_TOKEN_COLUMNS, 'response_model', 'price_source', 'price_version', 'run_id', 'conversation_id', 'span_id', 'parent_span_id', 'ttft_ms'].map((c) => `drop column ${c}`).join(', ')};`,
    );
  }
}
