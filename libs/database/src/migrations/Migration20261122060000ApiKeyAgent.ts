import { Migration } from '@mikro-orm/migrations';

/** An API key may be bound to one agent: telemetry sent with it is that agent's unless it says otherwise. */
export class Migration20261122060000ApiKeyAgent extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table api_keys add column agent_id uuid references agents (id) on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table api_keys drop column if exists agent_id;`);
  }
}
