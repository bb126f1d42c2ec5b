import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency-Key bookkeeping for ingest: one row per (user, key), claimed `in_flight` before the
 * write and turned `done` with the answer in the write's own transaction. Rows live 24 h.
 */
export class Migration20261122012000IdempotencyKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table idempotency_keys (
        user_id uuid not null references users (id) on delete cascade,
        key text not null,
        request_hash text not null,
        status text not null check (status in ('in_flight', 'done')),
        response_status integer,
        response_body jsonb,
        created_at timestamptz not null,
        primary key (user_id, key)
      );`);
    this.addSql(`create index idempotency_keys_created_idx on idempotency_keys (created_at);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists idempotency_keys;`);
  }
}
