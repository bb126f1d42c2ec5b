import { Injectable } from '@nestjs/common';
import { Clock, Principal } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { IngestError, IngestErrorCode } from '../errors/ingest.error';
import { IdempotencyService } from './idempotency.service';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { TelemetryWriter } from './telemetry-writer.service';
import { IngestAccepted, IngestBatch } from '../validation/ingest-batch';
import { validateIngestBody } from '../validation/ingest-validator';

export interface IngestAnswer {
  accepted: IngestAccepted;
}

const ACCEPTED_STATUS = 202;

/** POST /api/ingest: Idempotency-Key handling around validation and the shared batch writer. */
@Injectable()
export class IngestService {
  constructor(
    private readonly writer: TelemetryWriter,
    private readonly idempotency: IdempotencyService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Validates a raw body against the API contract (400 naming items, 413 past the item limit). */
  validate(body: unknown): IngestBatch {
    try {
      return validateIngestBody(body, {
        now: this.clock.now(),
        maxItems: this.config.telemetry.maxIngestItems,
        rawRetentionDays: this.config.telemetry.rawRetentionDays,
        futureToleranceSeconds: this.config.telemetry.futureToleranceSeconds,
      });
    } catch (error) {
      if (error instanceof IngestError) IngestMetrics.rejected(error.code === IngestErrorCode.TooManyItems ? 'too_many_items' : 'invalid');
      throw error;
    }
  }

  async ingest(body: unknown, principal: Principal, idempotencyKey?: string): Promise<IngestAnswer> {
    if (idempotencyKey === undefined) return { accepted: await this.writer.write(this.validate(body), principal) };

    IdempotencyService.checkKey(idempotencyKey);
    const claim = await this.idempotency.claim(principal.userId, idempotencyKey, IdempotencyService.hash(body));
    if (claim.kind === 'replay') return claim.body as IngestAnswer;
    try {
      const batch = this.validate(body);
      const answer: IngestAnswer = {
        accepted: { samples: batch.samples.length, llmCalls: batch.llmCalls.length, toolCalls: batch.toolCalls.length, events: batch.events.length },
      };
      if (batch.runs?.length) answer.accepted.runs = batch.runs.length;
      await this.writer.write(batch, principal, {
        withinTransaction: (tx) => this.idempotency.complete(tx, principal.userId, idempotencyKey, ACCEPTED_STATUS, answer),
      });
      return answer;
    } catch (error) {
      await this.idempotency.release(principal.userId, idempotencyKey).catch(() => undefined);
      throw error;
    }
  }
}
