import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock, DAY_MS, MINUTE_MS } from '@fleetwatch/common';
import { IngestError, IngestErrorCode } from '../errors/ingest.error';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { IdempotencyKeyRepository } from '../repositories/idempotency-key.repository';

export const IDEMPOTENCY_TTL_MS = DAY_MS;
/**
 * An ingest finishes in seconds; a key still in flight after a minute lost its request (crash,
 * restart, or a database outage that also prevented releasing the key), so a retry may take it over.
 */
export const IN_FLIGHT_STALE_MS = MINUTE_MS;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type IdempotencyOutcome = { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown };

/** Idempotency-Key semantics for one user: replay the first answer, refuse reuse with another body. */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly repo: IdempotencyKeyRepository,
    private readonly clock: Clock,
  ) {}

  static checkKey(key: string): void {
    if (!KEY_PATTERN.test(key)) {
      throw new IngestError(IngestErrorCode.InvalidIdempotencyKey, 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
  }

  static hash(body: unknown): string {
    return createHash('sha256')
      .update(JSON.stringify(body) ?? '')
      .digest('base64url');
  }

  async claim(userId: string, key: string, requestHash: string): Promise<IdempotencyOutcome> {
    const now = this.clock.now();
    const expiredBefore = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
    const staleBefore = new Date(now.getTime() - IN_FLIGHT_STALE_MS);
    // A second pass covers a key deleted by cleanup between the two statements.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await this.repo.claim(userId, key, requestHash, now, expiredBefore, staleBefore)) return { kind: 'claimed' };
      const existing = await this.repo.findRecord(userId, key);
      if (!existing) continue;
      if (existing.requestHash !== requestHash) {
        IngestMetrics.rejected('idempotency_conflict');
        throw new IngestError(IngestErrorCode.IdempotencyKeyReused, 'Idempotency-Key was already used with a different request body');
      }
      if (existing.status === 'in_flight') {
        IngestMetrics.rejected('idempotency_in_flight');
        throw new IngestError(IngestErrorCode.IdempotencyKeyInFlight, 'a request with this Idempotency-Key is still being processed; retry later');
      }
      return { kind: 'replay', status: existing.responseStatus ?? 202, body: existing.responseBody };
    }
    throw new IngestError(IngestErrorCode.IdempotencyKeyInFlight, 'a request with this Idempotency-Key is still being processed; retry later');
  }

  complete(em: EntityManager, userId: string, key: string, status: number, body: unknown): Promise<void> {
    return this.repo.complete(em, userId, key, status, body);
  }

  release(userId: string, key: string): Promise<void> {
    return this.repo.release(userId, key);
  }

  /** Keys live 24 h; returns how many were removed. */
  cleanup(em: EntityManager): Promise<number> {
    return this.repo.deleteOlderThan(em, new Date(this.clock.now().getTime() - IDEMPOTENCY_TTL_MS));
  }
}
