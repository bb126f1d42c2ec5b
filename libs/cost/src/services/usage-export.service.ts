import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { Clock, neutraliseCsvText, Principal } from '@fleetwatch/common';
import { ExportSlots } from '@fleetwatch/database';
import { UsageExportQueryDto } from '../dto/usage.dto';
import { usageRange } from '../periods/usage-period';
import { CallRow, UsageRepository } from '../repositories/usage.repository';
import { TOKEN_TYPE_COLUMNS, TokenTypeColumn } from '../repositories/usage-columns.sql';

const BATCH = 1000;

/** Columns of both formats, in order; CSV headers and JSON keys are the same names (token types as llm_calls stores them). */
export const EXPORT_COLUMNS = [
  'timestamp',
  'id',
  'agent_id',
  'agent_name',
  'model',
  'response_model',
  'provider',
  'input_tokens',
  'output_tokens',
  'total_tokens',
  ...TOKEN_TYPE_COLUMNS,
  'latency_ms',
  'status',
  'error_type',
  'cost_usd',
  'rate_source',
  'price_source',
  'price_version',
  'trace_id',
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

function toExportRow(r: CallRow): ExportRow {
  return {
    timestamp: new Date(r.ts).toISOString(),
    id: r.id,
    agent_id: r.agent_id,
    agent_name: r.agent_name,
    model: r.model,
    response_model: r.response_model,
    provider: r.provider,
    input_tokens: Number(r.input_tokens),
    output_tokens: Number(r.output_tokens),
    total_tokens: Number(r.input_tokens) + Number(r.output_tokens),
    ...(Object.fromEntries(TOKEN_TYPE_COLUMNS.map((c) => [c, Number(r[c])])) as Record<TokenTypeColumn, number>),
    latency_ms: Number(r.latency_ms),
    status: r.status,
    error_type: r.error_type,
    cost_usd: Number(r.cost_usd),
    rate_source: r.rate_source,
    price_source: r.price_source,
    price_version: r.price_version,
    trace_id: r.trace_id,
  };
}

/**
 * Streams the caller's LLM calls of a period, oldest first, reading keyset batches of 1000 rows
 * over (ts, id) only as the client consumes them, so a month of calls never sits in memory.
 */
@Injectable()
export class UsageExportService {
  private readonly logger = new Logger('UsageExport');

  constructor(
    private readonly repository: UsageRepository,
    private readonly clock: Clock,
    private readonly slots: ExportSlots,
  ) {}

  /**
   * The first batch is read before the answer starts, so an unreachable database is a 503 with
   * Retry-After rather than a 200 cut short; a failure after that ends the download, never the process.
   */
  async export(principal: Principal, query: UsageExportQueryDto): Promise<StreamableFile> {
    const format = query.format ?? 'csv';
    const period = query.period ?? 'current';
    const now = this.clock.now();
    const range = usageRange(period, now);
    const slot = this.slots.take(principal.userId);
    let first: CallRow[];
    try {
      first = await this.repository.batchAfter(principal, range.start, range.end, null, BATCH);
    } catch (error) {
      slot.release();
      throw error;
    }
    const rows = Readable.from(this.rows(principal, range.start, range.end, first));
    const filename = `fleetwatch-usage-${period}-${now.toISOString().slice(0, 10)}.${format}`;
    const failed = (error: Error | null) => {
      if (error) this.logger.warn(`usage export stopped: ${error.message}`);
    };
    // Model, agent name and the like are what clients sent: made inert for spreadsheets. Numbers are
    // numbers here, so a number cell is never touched.
    const cast = { number: (v: number) => String(v), string: (v: string) => neutraliseCsvText(v) };
    const body =
      format === 'csv'
        ? pipeline(rows, stringify({ header: true, columns: [...EXPORT_COLUMNS], cast }), failed)
        : pipeline(Readable.from(this.json(rows)), new PassThrough(), failed);
    return new StreamableFile(slot.guard(body), {
      type: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }

  private async *rows(principal: Principal, start: Date | null, end: Date, first: CallRow[]): AsyncGenerator<ExportRow> {
    let after: { tsKey: string; id: string } | null = null;
    for (let batch = first; ; batch = await this.repository.batchAfter(principal, start, end, after, BATCH)) {
      for (const row of batch) yield toExportRow(row);
      if (batch.length < BATCH) return;
      const last = batch[batch.length - 1];
      after = { tsKey: last.ts_key, id: last.id };
    }
  }

  private async *json(rows: AsyncIterable<ExportRow>): AsyncGenerator<string> {
    let first = true;
    yield '[';
    for await (const row of rows) {
      yield (first ? '\n' : ',\n') + JSON.stringify(row);
      first = false;
    }
    yield first ? ']' : '\n]\n';
  }
}
