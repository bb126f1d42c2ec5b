import { Migration } from '@mikro-orm/migrations';

const TOKEN_COLUMNS = [
  'input_tokens',
  'output_tokens',
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
 * Agent runs: one row per execution of an agent's task, keyed by the client's (or the root span's)
 * id within its agent. Ingest keeps the totals of the run's LLM and tool calls on the row itself,
 * so a run keeps its steps, tokens and cost after its raw calls are dropped by retention. `key` is
 * a generated UUID that addresses a run without naming its agent (GET /api/runs/:id). `reported`
 * says the run itself was sent; false for a placeholder made from calls that named it first (OTLP
 * sends children before their root). Not partitioned: a run is one row, however many calls it has.
 */
export class Migration20261201070000Runs extends Migration {
  override async up(): Promise<void> {
    const totals = TOKEN_COLUMNS.map((c) => `${c} bigint not null default 0 check (${c} >= 0),`).join('\n        ');
    this.addSql(`
      create table runs (
        agent_id uuid not null references agents (id) on delete cascade,
        id text not null,
        key uuid not null unique,
        conversation_id text,
        name text,
        status text not null check (status in ('running', 'success', 'error')),
        reported boolean not null default false,
        started_at timestamptz not null,
        ended_at timestamptz,
        metadata jsonb,
        trace_id text,
        span_id text,
        llm_calls integer not null default 0 check (llm_calls >= 0),
        tool_calls integer not null default 0 check (tool_calls >= 0),
        errors integer not null default 0 check (errors >= 0),
        ${totals}
        cost_usd numeric(24, 10) not null default 0,
        first_call_at timestamptz,
        last_call_at timestamptz,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (agent_id, id)
      );`);
    this.addSql(`create index runs_agent_started_idx on runs (agent_id, started_at desc, key desc);`);
    this.addSql(`create index runs_agent_conversation_idx on runs (agent_id, conversation_id) where conversation_id is not null;`);
    // Runaway checks (fleet status, alert rules) look only at open runs.
    this.addSql(`create index runs_agent_open_idx on runs (agent_id, started_at) where status = 'running';`);
    this.addSql(`create index runs_agent_ended_idx on runs (agent_id, ended_at) where ended_at is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists runs;`);
  }
}
