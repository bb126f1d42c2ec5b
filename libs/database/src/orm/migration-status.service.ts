import { MikroORM } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { Injectable } from '@nestjs/common';

@Injectable()
export class MigrationStatusService {
  constructor(private readonly orm: MikroORM) {}

  async pending(): Promise<string[]> {
    const migrator = this.orm.getMigrator<Migrator>();
    return (await migrator.getPendingMigrations()).map((m) => m.name);
  }
}
