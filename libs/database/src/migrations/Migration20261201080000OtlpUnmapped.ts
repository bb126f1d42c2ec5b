import { Migration } from '@mikro-orm/migrations';

/**
 * Span names that reached OTLP without any convention recognising them, per caller, so an owner
 * sees what their instrumentation sends that Fleetwatch stores nothing for. One row per
 * (owner, span name): `span_count` counts sightings since `first_seen_at` (restarted after a
 * 24 h gap), `attribute_keys` keeps a sample of the keys. Rows unseen for 24 h are pruned by
 * the otlp.unmapped-prune job.
 */
export class Migration20261201080000OtlpUnmapped extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table otlp_unmapped_spans (
        owner_id uuid not null references users(id) on delete cascade,
        span_name text not null,
        span_count bigint not null check (span_count > 0),
        attribute_keys text[] not null default '{}',
        first_seen_at timestamptz not null,
        last_seen_at timestamptz not null,
        primary key (owner_id, span_name)
      );`);
    this.addSql(`create index otlp_unmapped_spans_last_seen_idx on otlp_unmapped_spans (last_seen_at);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists otlp_unmapped_spans;`);
  }
}
