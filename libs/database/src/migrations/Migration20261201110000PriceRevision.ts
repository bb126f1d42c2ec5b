import { Migration } from '@mikro-orm/migrations';

/**
 * One counter that every write to the price tables moves, in the writing transaction, so a reader
 * sees it move exactly when it can see the new prices. The ingest path reads it (by primary key)
 * once per batch to know whether its price index is current; it replaces a count and two max()
 * over model_prices, which also missed a version replaced with an older timestamp than the newest.
 */
export class Migration20261201110000PriceRevision extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table price_revision (id boolean primary key default true check (id), n bigint not null);`);
    this.addSql(`insert into price_revision (id, n) values (true, 0);`);
    this.addSql(`
      create function fw_bump_price_revision() returns trigger language plpgsql as $$
      begin
        update price_revision set n = n + 1;
        return null;
      end $$;`);
    for (const table of ['model_prices', 'price_providers']) {
      this.addSql(`
        create trigger ${table}_bump_revision after insert or update or delete or truncate on ${table}
        for each statement execute function fw_bump_price_revision();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['model_prices', 'price_providers']) this.addSql(`drop trigger if exists ${table}_bump_revision on ${table};`);
    this.addSql(`drop function if exists fw_bump_price_revision();`);
    this.addSql(`drop table if exists price_revision;`);
  }
}
