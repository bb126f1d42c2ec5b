import { Injectable } from '@nestjs/common';
import { CostError } from '../errors/cost.error';
import { PriceBook } from './price-book.service';
import { RepriceDto, RepriceResultDto } from '../dto/reprice.dto';
import { CostUpdate, RepriceRepository, StoredCallRow } from '../repositories/reprice.repository';
import type { CallToPrice } from '../prices/price-resolution';

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

/** A stored call as pricing sees it: every token type, both model names, the agent's owner. */
export function storedCallToPrice(r: StoredCallRow): CallToPrice {
  return {
    ownerId: r.owner_id,
    model: r.model,
    responseModel: r.response_model,
    provider: r.provider,
    timestamp: new Date(r.ts),
    usage: {
      input: Number(r.input_tokens),
      output: Number(r.output_tokens),
      cacheRead: Number(r.cache_read_input_tokens),
      cacheWrite: Number(r.cache_creation_input_tokens),
      cacheWrite5m: Number(r.cache_creation_5m_input_tokens),
      cacheWrite1h: Number(r.cache_creation_1h_input_tokens),
      reasoning: Number(r.reasoning_output_tokens),
      audioIn: Number(r.audio_input_tokens),
      audioOut: Number(r.audio_output_tokens),
      imageIn: Number(r.image_input_tokens),
    },
  };
}

/**
 * Recomputes computed costs (rate_source model or fallback) with the price table as it is now (owner, admin and catalogue versions, every token type), in keyset
 * batches of 1000 calls: one read, one pricing query and at most one update per batch. Client
 * costs are never read nor written. Running it twice changes nothing the second time. The delta
 * is the sum of (new − old) over the rows the updates actually rewrote, summed as exact decimals.
 * The per-type lines (cost_lines) are rewritten with every changed cost; a call whose cost is
 * unchanged but was stored without lines gets them filled and is not counted as changed.
 */
@Injectable()
export class RepriceService {
  constructor(
    private readonly repository: RepriceRepository,
    private readonly prices: PriceBook,
  ) {}

  /** `ownerId` limits the pass to one owner's agents (after a change of that owner's prices). */
  async reprice(dto: RepriceDto, ownerId?: string): Promise<RepriceResultDto> {
    const from = new Date(dto.from);
    const to = new Date(dto.to);
    if (to.getTime() <= from.getTime()) throw CostError.invalidPeriod('to must be after from');
    let after: { tsKey: string; id: string } | null = null;
    let scanned = 0;
    let changed = 0;
    let delta = 0n;
    for (;;) {
      const rows = await this.repository.nextBatch(from, to, { model: dto.model, ownerId }, after, BATCH);
      if (rows.length === 0) break;
      const priced = await this.prices.priceCalls(rows.map(storedCallToPrice));
      const updates: CostUpdate[] = [];
      rows.forEach((row, i) => {
        const next = priced[i];
        const same =
          Number(next.costUsd) === Number(row.cost_usd) &&
          next.rateSource === row.rate_source &&
          next.priceSource === row.price_source &&
          next.priceVersion === row.price_version;
        // A priced call stored without its per-type lines gets them, though nothing else changed.
        const linesOnly = same && row.lines_missing && next.costParts !== null;
        if (same && !linesOnly) return;
        updates.push({
          id: row.id,
          ts_key: row.ts_key,
          old_cost: row.cost_usd,
          cost_usd: next.costUsd,
          rate_source: next.rateSource,
          price_source: next.priceSource,
          price_version: next.priceVersion,
          provider: next.provider,
          cost_lines: next.costParts ?? null,
          lines_only: linesOnly,
        });
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
