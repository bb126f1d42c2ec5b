import { Injectable } from '@nestjs/common';
import { CostError } from '../errors/cost.error';
import { PriceBook } from './price-book.service';
import { RepriceDto, RepriceResultDto } from '../dto/reprice.dto';
import { CostUpdate, RepriceRepository } from '../repositories/reprice.repository';

const BATCH = 1000;
/** Stored costs are numeric(20, 10): the delta is summed in units of 1e-10 USD, exactly. */
const SCALE = 10;

/** "-0.0270000000" → -270000000n (units of 1e-10). */
export function toUnits(numeric: string): bigint {
  const negative = numeric.startsWith('-');
  const [whole, fraction = ''] = numeric.replace(/^[-+]/, '').split('.');
  const units = BigInt(whole || '0') * 10n ** BigInt(SCALE) + BigInt((fraction + '0'.repeat(SCALE)).slice(0, SCALE) || '0');
  return negative ? -units : units;
}

export function fromUnits(units: bigint): number {
  const negative = units < 0n;
  const abs = (negative ? -units : units).toString().padStart(SCALE + 1, '0');
  return Number(`${negative ? '-' : ''}${abs.slice(0, -SCALE)}.${abs.slice(-SCALE)}`);
}

/**
 * Recomputes computed costs (rate_source model or fallback) with today's price table, in keyset
 * batches of 1000 calls: one read, one pricing query and at most one update per batch. Client
 * costs are never read nor written. Running it twice changes nothing the second time. The delta
 * is the sum of (new − old) over the rows the updates actually rewrote, summed as exact decimals.
 */
@Injectable()
export class RepriceService {
  constructor(
    private readonly repository: RepriceRepository,
    private readonly prices: PriceBook,
  ) {}

  async reprice(dto: RepriceDto): Promise<RepriceResultDto> {
    const from = new Date(dto.from);
    const to = new Date(dto.to);
    if (to.getTime() <= from.getTime()) throw CostError.invalidPeriod('to must be after from');
    let after: { tsKey: string; id: string } | null = null;
    let scanned = 0;
    let changed = 0;
    let delta = 0n;
    for (;;) {
      const rows = await this.repository.nextBatch(from, to, dto.model, after, BATCH);
      if (rows.length === 0) break;
      const priced = await this.prices.priceCalls(
        rows.map((r) => ({ model: r.model, inputTokens: Number(r.input_tokens), outputTokens: Number(r.output_tokens), timestamp: new Date(r.ts) })),
      );
      const updates: CostUpdate[] = [];
      rows.forEach((row, i) => {
        const next = priced[i];
        if (next.costUsd === Number(row.cost_usd) && next.rateSource === row.rate_source) return;
        updates.push({ id: row.id, ts_key: row.ts_key, old_cost: row.cost_usd, cost_usd: next.costUsd, rate_source: next.rateSource, provider: next.provider });
      });
      const applied = await this.repository.apply(updates);
      scanned += rows.length;
      changed += applied.changed;
      delta += toUnits(applied.delta);
      const last = rows[rows.length - 1];
      after = { tsKey: last.ts_key, id: last.id };
      if (rows.length < BATCH) break;
    }
    return { scanned, changed, costDelta: fromUnits(delta) };
  }
}
