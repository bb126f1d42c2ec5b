import { Migration } from '@mikro-orm/migrations';

/**
 * Partition DDL that never stalls the hot path. Creating or dropping a partition needs an
 * ACCESS EXCLUSIVE lock on the parent, which queues behind any open read (a long export) and then
 * makes every later read and insert of that table queue behind it. Both functions now give up
 * after a lock timeout (the caller retries), and creation is serialised per table and day and
 * treats a partition another session created meanwhile as success.
 */
export class Migration20261201020000PartitionLocks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop function if exists fw_ensure_daily_partitions(regclass, date, date);`);
    this.addSql(`
      create function fw_ensure_daily_partitions(parent regclass, from_day date, to_day date, lock_timeout_ms integer default 2000)
      returns integer language plpgsql as $$
      declare
        d date := from_day;
        created integer := 0;
        part text;
      begin
        perform set_config('lock_timeout', lock_timeout_ms || 'ms', true);
        while d <= to_day loop
          part := parent::text || '_p' || to_char(d, 'YYYYMMDD');
          if to_regclass(part) is null then
            -- Two keys: the table and the day, so creators of different days never wait on each other.
            perform pg_advisory_xact_lock(hashtext('fw_partition:' || parent::text), d - date '2000-01-01');
            if to_regclass(part) is null then
              begin
                execute format('create table %I partition of %s for values from (%L) to (%L)',
                  part, parent, d::timestamp at time zone 'UTC', (d + 1)::timestamp at time zone 'UTC');
                created := created + 1;
              exception
                -- Another session's partition this one's catalog view did not show yet: it exists, done.
                when duplicate_table or unique_violation then null;
              end;
            end if;
          end if;
          d := d + 1;
        end loop;
        return created;
      end $$;`);

    this.addSql(`drop function if exists fw_drop_daily_partitions_before(regclass, date);`);
    this.addSql(`
      create function fw_drop_daily_partitions_before(parent regclass, before_day date, lock_timeout_ms integer default 2000)
      returns integer language plpgsql as $$
      declare
        part record;
        dropped integer := 0;
      begin
        perform set_config('lock_timeout', lock_timeout_ms || 'ms', true);
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
    this.addSql(`drop function if exists fw_ensure_daily_partitions(regclass, date, date, integer);`);
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
    this.addSql(`drop function if exists fw_drop_daily_partitions_before(regclass, date, integer);`);
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
}
