import { Migration } from '@mikro-orm/migrations';

/**
 * Alert rules, alerts with their history, notification channels, silences and the notification
 * outbox. Ordinary tables with foreign keys: deleting a user, agent or rule takes its alerting
 * state with it, while outbox rows outlive a deleted alert (alert_id set null) for the audit trail.
 */
export class Migration20261122030000Alerts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table alert_channels (
        id uuid primary key,
        owner_id uuid not null references users (id) on delete cascade,
        name text not null,
        type text not null check (type in ('webhook', 'slack', 'alertmanager')),
        url text not null,
        secret text,
        enabled boolean not null default true,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    this.addSql(`create index alert_channels_owner_idx on alert_channels (owner_id, created_at desc);`);

    this.addSql(`
      create table alert_rules (
        id uuid primary key,
        owner_id uuid not null references users (id) on delete cascade,
        name text not null,
        metric text not null,
        aggregation text not null check (aggregation in ('avg', 'min', 'max', 'sum', 'count', 'p95', 'p99')),
        comparator text not null check (comparator in ('gt', 'gte', 'lt', 'lte', 'eq', 'neq')),
        threshold double precision not null,
        window_minutes integer not null check (window_minutes > 0),
        for_minutes integer not null check (for_minutes >= 0),
        keep_firing_for_minutes integer not null check (keep_firing_for_minutes >= 0),
        no_data text not null check (no_data in ('ok', 'alerting', 'keep')),
        severity text not null check (severity in ('info', 'warning', 'critical')),
        agent_id uuid references agents (id) on delete cascade,
        channel_ids uuid[] not null default '{}',
        enabled boolean not null default true,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    this.addSql(`create index alert_rules_owner_idx on alert_rules (owner_id, created_at desc);`);
    this.addSql(`create index alert_rules_enabled_metric_idx on alert_rules (metric) where enabled;`);

    this.addSql(`
      create table alerts (
        id uuid primary key,
        rule_id uuid not null references alert_rules (id) on delete cascade,
        agent_id uuid not null references agents (id) on delete cascade,
        owner_id uuid not null,
        status text not null check (status in ('pending', 'firing', 'acknowledged', 'resolved')),
        severity text not null,
        value double precision,
        threshold double precision not null,
        started_at timestamptz not null,
        fired_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by text,
        resolved_at timestamptz,
        resolved_by text,
        note text,
        false_since timestamptz,
        last_notified_at timestamptz
      );`);
    // The heart of dedup: at most one open alert per (rule, agent).
    this.addSql(`create unique index alerts_open_key on alerts (rule_id, agent_id) where status <> 'resolved';`);
    this.addSql(`create index alerts_owner_started_idx on alerts (owner_id, started_at desc);`);
    this.addSql(`create index alerts_open_status_idx on alerts (status, severity) where status <> 'resolved';`);

    this.addSql(`
      create table alert_history (
        id bigint generated always as identity primary key,
        alert_id uuid not null references alerts (id) on delete cascade,
        from_status text,
        to_status text not null,
        value double precision,
        actor text not null,
        note text,
        at timestamptz not null
      );`);
    this.addSql(`create index alert_history_alert_idx on alert_history (alert_id, at, id);`);

    this.addSql(`
      create table alert_silences (
        id uuid primary key,
        owner_id uuid not null references users (id) on delete cascade,
        applies_to_all boolean not null default false,
        rule_id uuid references alert_rules (id) on delete cascade,
        agent_id uuid references agents (id) on delete cascade,
        severity text,
        starts_at timestamptz not null,
        ends_at timestamptz not null,
        comment text not null,
        created_at timestamptz not null,
        check (ends_at > starts_at)
      );`);
    this.addSql(`create index alert_silences_owner_idx on alert_silences (owner_id, ends_at desc);`);

    this.addSql(`
      create table alert_deliveries (
        id uuid primary key,
        owner_id uuid not null,
        alert_id uuid references alerts (id) on delete set null,
        channel_id uuid not null references alert_channels (id) on delete cascade,
        event text not null,
        body text not null,
        status text not null check (status in ('pending', 'delivered', 'failed', 'suppressed')),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null,
        last_status_code integer,
        last_error text,
        created_at timestamptz not null,
        delivered_at timestamptz
      );`);
    this.addSql(`create index alert_deliveries_due_idx on alert_deliveries (next_attempt_at) where status = 'pending';`);
    this.addSql(`create index alert_deliveries_owner_idx on alert_deliveries (owner_id, created_at desc);`);

    // One row: the last evaluation slot done by any replica, so a slot is evaluated once.
    this.addSql(`create table alert_evaluator (id smallint primary key check (id = 1), last_slot bigint not null);`);
    this.addSql(`insert into alert_evaluator (id, last_slot) values (1, -1);`);
  }

  override async down(): Promise<void> {
    for (const table of ['alert_evaluator', 'alert_deliveries', 'alert_silences', 'alert_history', 'alerts', 'alert_rules', 'alert_channels']) {
      this.addSql(`drop table if exists ${table} cascade;`);
    }
  }
}
