import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { tryJobLock } from '../repositories/advisory-lock.sql';

/**
 * Runs a job body at most once at a time across every replica sharing the database: the body runs
 * inside a transaction holding a transaction-level advisory lock, taken with try-lock so a replica
 * that loses the race skips the tick instead of queueing behind it.
 */
@Injectable()
export class JobLockService {
  constructor(private readonly em: EntityManager) {}

  async runExclusive<T>(name: string, body: (em: EntityManager) => Promise<T>): Promise<{ ran: boolean; result?: T }> {
    return this.em.fork().transactional(async (tx) => {
      if (!(await tryJobLock(tx, name))) return { ran: false };
      return { ran: true, result: await body(tx) };
    });
  }
}
