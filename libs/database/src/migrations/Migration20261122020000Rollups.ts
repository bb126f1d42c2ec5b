import { Migration } from '@mikro-orm/migrations';

/**
 * Hourly rollups of telemetry, kept current by the metrics rollup job.
 *
 * Raw rows carry no ingestion time, so "which hours changed" is recorded as rows are written: a
 * statement-level trigger on each raw table appends the distinct (agent, hour) pairs of every
 * insert statement (COPY included) to `rollup_dirty`. Late data for an old hour therefore marks
 * that hour, whoever wrote it. The log has no unique key on purpose: the job deletes only marks
 * committed before its statement, and recomputes from raw rows after that, so a concurrent insert
 * either is seen by the recompute or leaves its own mark for the next tick.
 *
 * Keys lead with (agent, hour): the job rewrites whole agent-hours, and reads are per agent over a
 * range of hours; the `hour` indexes serve owner recomputes and retention.
 *
 * Histograms are jsonb maps bucket → count over log buckets of ratio 1.02 (see
 * libs/metrics/src/histogram); `fw_hist_bucket` is the SQL twin of `bucketKey`.
 */
export class Migration20261122020000Rollups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function fw_hist_bucket(v double precision) returns text
      language sql immutable parallel safe as $$
        select case
          when abs(v) < 1e-9 then 'z'
          when v > 0 then ceil(ln(v) / ln(1.02))::int::text
          else 'n' || ceil(ln(-v) / ln(1.02))::int::text
        end $$;`);

    this.addSql(`
      create table rollup_dirty (
        kind text not null check (kind in ('samples', 'llm', 'tool')),
        agent_id uuid not null,
        hour timestamptz not null
      );`);
    this.addSql(`create index rollup_dirty_kind_idx on rollup_dirty (kind);`);

    for (const [table, kind] of [
      ['metric_samples', 'samples'],
      ['llm_calls', 'llm'],
      ['tool_calls', 'tool'],
    ] as const) {
      this.addSql(`
        create function fw_mark_dirty_${kind}() returns trigger language plpgsql as $$
        begin
          insert into rollup_dirty (kind, agent_id, hour)
          select distinct '${kind}', agent_id, date_trunc('hour', ts, 'UTC') from new_rows;
          return null;
        end $$;`);
      this.addSql(`
        create trigger ${table}_mark_dirty after insert on ${table}
        referencing new table as new_rows for each statement execute function fw_mark_dirty_${kind}();`);
    }

    this.addSql(`
      create table rollup_samples_hourly (
        agent_id uuid not null references agents (id) on delete cascade,
        type text not null,
        hour timestamptz not null,
        count bigint not null,
        sum double precision not null,
        min double precision not null,
        max double precision not null,
        hist jsonb not null,
        primary key (agent_id, hour, type)
      );`);
    this.addSql(`create index rollup_samples_hourly_hour_idx on rollup_samples_hourly (hour);`);

    // The same per owner, so a user's fleet-wide hourly series reads a few rows per hour.
    this.addSql(`
      create table rollup_owner_samples_hourly (
        owner_id uuid not null references users (id) on delete cascade,
        type text not null,
        hour timestamptz not null,
        count bigint not null,
        sum double precision not null,
        min double precision not null,
        max double precision not null,
        primary key (owner_id, hour, type)
      );`);
    this.addSql(`
      create table rollup_owner_dirty (
        owner_id uuid not null,
        hour timestamptz not null
      );`);
    // Deleting an agent removes its rollups (cascade); its owner's hours must be recomputed too.
    this.addSql(`
      create function fw_agent_deleted_mark_owner() returns trigger language plpgsql as $$
      begin
        insert into rollup_owner_dirty (owner_id, hour)
        select distinct old.owner_id, hour from rollup_samples_hourly where agent_id = old.id;
        return old;
      end $$;`);
    this.addSql(`
      create trigger agents_mark_owner_rollups before delete on agents
      for each row execute function fw_agent_deleted_mark_owner();`);

    // model '' stands for calls sent without a model.
    this.addSql(`
      create table rollup_llm_hourly (
        agent_id uuid not null references agents (id) on delete cascade,
        model text not null,
        hour timestamptz not null,
        count bigint not null,
        errors bigint not null,
        input_tokens bigint not null,
        output_tokens bigint not null,
        cost_usd numeric(24, 10) not null,
        latency_sum double precision not null,
        latency_min double precision not null,
        latency_max double precision not null,
        latency_hist jsonb not null,
        primary key (agent_id, hour, model)
      );`);
    this.addSql(`create index rollup_llm_hourly_hour_idx on rollup_llm_hourly (hour);`);

    this.addSql(`
      create table rollup_tool_hourly (
        agent_id uuid not null references agents (id) on delete cascade,
        tool text not null,
        hour timestamptz not null,
        count bigint not null,
        errors bigint not null,
        duration_sum double precision not null,
        duration_min double precision not null,
        duration_max double precision not null,
        duration_hist jsonb not null,
        error_types jsonb not null,
        primary key (agent_id, hour, tool)
      );`);
    this.addSql(`create index rollup_tool_hourly_hour_idx on rollup_tool_hourly (hour);`);

    // One row per minute in which some replica of the service was up (platform uptime).
    this.addSql(`create table service_heartbeats (minute timestamptz primary key);`);

    // Hours that already hold raw rows when this migration runs get rolled up by the first tick.
    this.addSql(`insert into rollup_dirty (kind, agent_id, hour) select distinct 'samples', agent_id, date_trunc('hour', ts, 'UTC') from metric_samples;`);
    this.addSql(`insert into rollup_dirty (kind, agent_id, hour) select distinct 'llm', agent_id, date_trunc('hour', ts, 'UTC') from llm_calls;`);
    this.addSql(`insert into rollup_dirty (kind, agent_id, hour) select distinct 'tool', agent_id, date_trunc('hour', ts, 'UTC') from tool_calls;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists agents_mark_owner_rollups on agents;`);
    for (const [table, kind] of [
      ['metric_samples', 'samples'],
      ['llm_calls', 'llm'],
      ['tool_calls', 'tool'],
    ] as const) {
      this.addSql(`drop trigger if exists ${table}_mark_dirty on ${table};`);
      this.addSql(`drop function if exists fw_mark_dirty_${kind}();`);
    }
    this.addSql(`drop function if exists fw_agent_deleted_mark_owner();`);
    for (const table of [
      'service_heartbeats',
      'rollup_tool_hourly',
      'rollup_llm_hourly',
      'rollup_owner_dirty',
      'rollup_owner_samples_hourly',
      'rollup_samples_hourly',
      'rollup_dirty',
    ]) {
      this.addSql(`drop table if exists ${table};`);
    }
    this.addSql(`drop function if exists fw_hist_bucket(double precision);`);
  }
}
