import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Clock, HOUR_MS, ownerCondition, Principal } from '@fleetwatch/common';
import { RecentUnmappedQueryDto, RecentUnmappedResponseDto } from '../dto/recent-unmapped.dto';
import type { UnmappedSpan } from '../mapping/genai-span.mapper';
import { OtlpUnmappedRepository, UnmappedTally } from '../repositories/otlp-unmapped.repository';

/** How long an unmapped span name is remembered after it was last seen. */
export const UNMAPPED_WINDOW_MS = 24 * HOUR_MS;
/** Distinct names recorded per export, names kept per owner, keys kept per name: bounds on what a client can make us store. */
const MAX_NAMES_PER_EXPORT = 50;
const MAX_NAMES_PER_OWNER = 500;
const MAX_KEYS = 40;
const MAX_TEXT = 200;

/** Span names and attribute keys that reached OTLP without a convention, per caller, for the last 24 h. */
@Injectable()
export class OtlpUnmappedService {
  constructor(
    private readonly repo: OtlpUnmappedRepository,
    private readonly clock: Clock,
  ) {}

  async record(principal: Principal, spans: UnmappedSpan[]): Promise<void> {
    if (spans.length === 0) return;
    const tallies = new Map<string, UnmappedTally>();
    for (const span of spans) {
      const name = span.name.slice(0, MAX_TEXT) || '(unnamed)';
      const tally = tallies.get(name);
      if (tally) {
        tally.count += 1;
        continue;
      }
      if (tallies.size >= MAX_NAMES_PER_EXPORT) continue;
      tallies.set(name, { name, count: 1, keys: [...new Set(span.attributeKeys.map((k) => k.slice(0, MAX_TEXT)))].sort().slice(0, MAX_KEYS) });
    }
    const now = this.clock.now();
    await this.repo.upsert(principal.userId, [...tallies.values()], now, new Date(now.getTime() - UNMAPPED_WINDOW_MS), MAX_NAMES_PER_OWNER);
  }

  async recent(principal: Principal, query: RecentUnmappedQueryDto): Promise<RecentUnmappedResponseDto> {
    const since = new Date(this.clock.now().getTime() - (query.hours ?? 24) * HOUR_MS);
    const rows = await this.repo.list(ownerCondition(principal, 'owner_id'), since, query.limit ?? 100);
    return {
      since: since.toISOString(),
      spans: rows.map((r) => ({
        ownerId: r.owner_id,
        spanName: r.span_name,
        count: Number(r.span_count),
        attributeKeys: r.attribute_keys,
        firstSeenAt: new Date(r.first_seen_at).toISOString(),
        lastSeenAt: new Date(r.last_seen_at).toISOString(),
      })),
    };
  }

  prune(em: EntityManager): Promise<number> {
    return this.repo.prune(em, new Date(this.clock.now().getTime() - UNMAPPED_WINDOW_MS));
  }
}

/** Names listed in the partialSuccess warning. */
const NAMES_IN_MESSAGE = 5;

/** `3 spans were not recognised: GET /orders, db.query, …` — the OTLP warning (with rejectedSpans 0). */
export function unmappedMessage(spans: UnmappedSpan[]): string | undefined {
  if (spans.length === 0) return undefined;
  const names = [...new Set(spans.map((s) => s.name.slice(0, MAX_TEXT) || '(unnamed)'))];
  const listed = names.slice(0, NAMES_IN_MESSAGE).join(', ') + (names.length > NAMES_IN_MESSAGE ? `, and ${names.length - NAMES_IN_MESSAGE} more names` : '');
  const verb = spans.length === 1 ? 'span was' : 'spans were';
  return `${spans.length} ${verb} not recognised: ${listed} (see GET /api/otlp/recent-unmapped and docs/otlp.md)`;
}
