import { Migration } from '@mikro-orm/migrations';

export class Migration20261122000000Foundation extends Migration {
  override async up(): Promise<void> {
    // Daily range partitions for append-only telemetry, created on demand and ahead of time.
    // The advisory lock makes concurrent creators (replicas, parallel ingests) safe.
    this.addSql(`
      create function fw_ensure_daily_partitions(parent regclass, from_day date, to_day date)
      returns integer language plpgsql as $$
      declare
        d date := from_day;
        created integer := 0;
        part text;
      begin
        perform pg_advisory_xact_lock(hashtext('fw_partitions:' || parent::text));
        while d <= to_day loop
          part := parent::text || '_p' || to_char(d, 'YYYYMMDD');
          if to_regclass(part) is null then
            execute format('create table %I partition of %s for values from (%L) to (%L)',
              part, parent, d::timestamp at time zone 'UTC', (d + 1)::timestamp at time zone 'UTC');
            created := created + 1;
          end if;
          d := d + 1;
        end loop;
        return created;
      end $$;`);

    this.addSql(`
      create table users (
        id uuid primary key,
        email text not null,
        username text not null,
        password_hash text not null,
        role text not null default 'user' check (role in ('user', 'admin')),
        plan text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create unique index users_email_key on users (lower(email));`);
    this.addSql(`create unique index users_username_key on users (username);`);

    this.addSql(`
      create table api_keys (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        name text not null,
        prefix text not null,
        key_hash text not null,
        scopes text[] not null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );`);
    this.addSql(`create unique index api_keys_prefix_key on api_keys (prefix);`);
    this.addSql(`create index api_keys_user_idx on api_keys (user_id, created_at desc);`);

    this.addSql(`
      create table agents (
        id uuid primary key,
        owner_id uuid not null references users (id) on delete cascade,
        name text not null,
        description text,
        runtime text,
        model text,
        labels jsonb not null default '{}'::jsonb,
        status text not null default 'stopped'
          check (status in ('queued', 'deploying', 'running', 'warning', 'error', 'stopped')),
        status_changed_at timestamptz not null default now(),
        last_seen_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint agents_owner_name_key unique (owner_id, name)
      );`);
    this.addSql(`create index agents_owner_status_idx on agents (owner_id, status);`);

    this.addSql(`
      create table deployments (
        id uuid primary key,
        agent_id uuid not null references agents (id) on delete cascade,
        environment text not null,
        version text,
        configuration jsonb not null default '{}'::jsonb,
        status text not null default 'pending'
          check (status in ('pending', 'in_progress', 'succeeded', 'failed')),
        error text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz
      );`);
    this.addSql(`create index deployments_agent_created_idx on deployments (agent_id, created_at desc);`);

    // Status history: the source of agent uptime.
    this.addSql(`
      create table agent_status_changes (
        id bigint generated always as identity primary key,
        agent_id uuid not null references agents (id) on delete cascade,
        status text not null,
        changed_at timestamptz not null
      );`);
    this.addSql(`create index agent_status_changes_agent_idx on agent_status_changes (agent_id, changed_at);`);

    // The activity log: service events and agent-sent events alike.
    this.addSql(`
      create table events (
        id uuid not null,
        owner_id uuid not null,
        agent_id uuid,
        type text not null,
        message text not null,
        metadata jsonb not null default '{}'::jsonb,
        actor text not null default 'system',
        ts timestamptz not null,
        primary key (id, ts)
      ) partition by range (ts);`);
    this.addSql(`create index events_owner_ts_idx on events (owner_id, ts desc);`);
    this.addSql(`create index events_agent_type_ts_idx on events (agent_id, type, ts desc);`);
    this.addSql(`select fw_ensure_daily_partitions('events', current_date - 2, current_date + 7);`);
  }

  override async down(): Promise<void> {
    for (const table of ['events', 'agent_status_changes', 'deployments', 'agents', 'api_keys', 'users']) {
      this.addSql(`drop table if exists ${table} cascade;`);
    }
    this.addSql(`drop function if exists fw_ensure_daily_partitions(regclass, date, date);`);
  }
}
