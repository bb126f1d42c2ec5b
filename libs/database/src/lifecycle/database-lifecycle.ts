import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';

export const STOP_DATABASE = Symbol('STOP_DATABASE');
export type StopDatabase = () => Promise<void>;

/** Closes the pool, then stops the embedded PostgreSQL if this process started one. */
@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly orm: MikroORM,
    @Inject(STOP_DATABASE) private readonly stopDatabase: StopDatabase,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.orm.close(true).catch(() => undefined);
    await this.stopDatabase();
  }
}
