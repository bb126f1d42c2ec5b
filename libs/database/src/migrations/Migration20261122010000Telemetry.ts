import { Migration } from '@mikro-orm/migrations';

/**
 * Append-only telemetry, range-partitioned by day on `ts`. No foreign keys (kept off the ingest
 * hot path and ready for Citus, where agent_id is the distribution column); deleting an agent
 * deletes its rows explicitly (AGENT_SCOPED_TABLES).
 */
export class Migration20261122010000Telemetry extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table metric_samples (
        id uuid not null,
        agent_id uuid not null,
        type text not null,
        value double precision not null,
        metadata jsonb,
        ts timestamptz not null
      ) partition by range (ts);`);
    this.addSql(`create index metric_samples_agent_type_ts_idx on metric_samples (agent_id, type, ts);`);

    this.addSql(`
      create table llm_calls (
        id uuid not null,
        agent_id uuid not null,
        model text,
        provider text,
        input_tokens integer not null,
        output_tokens integer not null,
        latency_ms double precision not null,
        status text not null check (status in ('success', 'error')),
        error_type text,
        cost_usd numeric(20, 10) not null,
        rate_source text not null check (rate_source in ('model', 'fallback', 'client')),
        trace_id text,
        ts timestamptz not null
      ) partition by range (ts);`);
    this.addSql(`create index llm_calls_agent_ts_idx on llm_calls (agent_id, ts);`);
    this.addSql(`create index llm_calls_agent_model_ts_idx on llm_calls (agent_id, model, ts);`);

    this.addSql(`
      create table tool_calls (
        id uuid not null,
        agent_id uuid not null,
        tool text not null,
        duration_ms double precision not null,
        status text not null check (status in ('success', 'error')),
        error_type text,
        trace_id text,
        ts timestamptz not null
      ) partition by range (ts);`);
    this.addSql(`create index tool_calls_agent_ts_idx on tool_calls (agent_id, ts);`);
    this.addSql(`create index tool_calls_agent_tool_ts_idx on tool_calls (agent_id, tool, ts);`);

    // The service's own request timings (monitoring/performance), written in batches off the request path.
    this.addSql(`
      create table api_requests (
        id uuid not null,
        user_id uuid,
        method text not null,
        route text not null,
        status integer not null,
        duration_ms double precision not null,
        ts timestamptz not null
      ) partition by range (ts);`);
    this.addSql(`create index api_requests_ts_idx on api_requests (ts);`);
    this.addSql(`create index api_requests_user_ts_idx on api_requests (user_id, ts);`);

    for (const table of ['metric_samples', 'llm_calls', 'tool_calls', 'api_requests']) {
      this.addSql(`select fw_ensure_daily_partitions('${table}', current_date - 2, current_date + 7);`);
    }

    // Whole-partition retention: drops the daily partitions of a table that end on or before a day.
    this.addSql(`
      create function fw_drop_daily_partitions_before(parent regclass, before_day date)
      returns integer language plpgsql as $$
      declare
        part record;
        dropped integer := 0;
      begin
        perform pg_advisory_xact_lock(hashtext('fw_partitions:' || parent::text));
        for part in
          select c.relname
          from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where i.inhparent = parent
            and c.relname ~ '_p[0-9]{8}$'
            and to_date(right(c.relname, 8), 'YYYYMMDD') < before_day
        loop
          execute format('drop table %I', part.relname);
          dropped := dropped + 1;
        end loop;
        return dropped;
      end $$;`);
  }

  override async down(): Promise<void> {
    for (const table of ['api_requests', 'tool_calls', 'llm_calls', 'metric_samples']) this.addSql(`drop table if exists ${table} cascade;`);
    this.addSql(`drop function if exists fw_drop_daily_partitions_before(regclass, date);`);
  }
}
