import { BeforeApplicationShutdown, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { newId } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { PartitionService } from '@fleetwatch/database';
import { ApiRequestRow, RequestLogRepository } from '../repositories/request-log.repository';

export interface RequestLogEntry {
  userId: string | null;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  ts: Date;
}

/** While the database is unreachable the buffer keeps at most this many rows, dropping the oldest. */
const MAX_BUFFERED = 50_000;

/**
 * Holds API request timings in memory and writes them in batches (one insert per flush), on a
 * timer, when the batch size is reached, and before shutdown. Requests only push onto an array,
 * so none waits for this write; a crash loses at most one flush interval (REQUEST_LOG_FLUSH_MS).
 */
@Injectable()
export class RequestLogBuffer implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('RequestLog');
  private rows: RequestLogEntry[] = [];
  private chain: Promise<number> = Promise.resolve(0);
  /** A flush that has not started yet: it will take everything buffered, so later requests join it. */
  private queued?: Promise<number>;
  /** After a failed write only the timer retries, so a database outage is not hit once per request. */
  private failing = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repository: RequestLogRepository,
    private readonly partitions: PartitionService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.monitoring.requestFlushMs);
    this.timer.unref();
  }

  record(entry: RequestLogEntry): void {
    this.rows.push(entry);
    if (this.rows.length > MAX_BUFFERED) this.rows.splice(0, this.rows.length - MAX_BUFFERED);
    if (!this.failing && this.rows.length >= this.config.monitoring.requestBatchSize) void this.flush();
  }

  /** Rows waiting for the next flush. */
  pending(): number {
    return this.rows.length;
  }

  /** Writes what is buffered; flushes never overlap, and at most one waits. Resolves to the number of rows written. */
  flush(): Promise<number> {
    if (this.queued) return this.queued;
    const next = this.chain.then(
      () => this.start(),
      () => this.start(),
    );
    this.queued = next;
    this.chain = next;
    return next;
  }

  private start(): Promise<number> {
    this.queued = undefined;
    return this.writeBuffered();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush().catch(() => undefined);
  }

  private async writeBuffered(): Promise<number> {
    if (this.rows.length === 0) return 0;
    const batch = this.rows;
    this.rows = [];
    try {
      await this.partitions.ensureForTimestamps(
        'api_requests',
        batch.map((r) => r.ts),
      );
      const payload = batch.map((r): ApiRequestRow => ({
        id: newId(),
        user_id: r.userId,
        method: r.method,
        route: r.route,
        status: r.status,
        duration_ms: r.durationMs,
        ts: r.ts.toISOString(),
      }));
      await this.repository.insert(payload);
      this.failing = false;
      return batch.length;
    } catch (error) {
      // Keep the batch for the next attempt (bounded), so a short outage loses nothing.
      this.rows = batch.concat(this.rows).slice(-MAX_BUFFERED);
      this.failing = true;
      this.logger.warn(`request log flush failed, ${batch.length} rows kept for retry: ${(error as Error).message}`);
      return 0;
    }
  }
}
