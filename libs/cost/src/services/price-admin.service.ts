import { Injectable } from '@nestjs/common';
import { Clock, decodeCursor, encodeCursor, Page, PageQueryDto } from '@fleetwatch/common';
import { ModelPriceDto } from '../dto/model-price.dto';
import { PutModelPriceDto } from '../dto/put-model-price.dto';
import { CostError } from '../errors/cost.error';
import { pricesFromBody, toModelPriceDto } from '../prices/price-view';
import { ModelPriceRepository } from '../repositories/model-price.repository';
import type { PriceListFilter } from '../repositories/price-list.sql';
import { PriceBook } from './price-book.service';

export function overrideName(model: string): string {
  const name = model.trim();
  if (name.length === 0 || name.length > 200) throw CostError.invalidModel('model must be 1 to 200 characters');
  return name;
}

/** Price versions as the routes list and write them: admin overrides and owners' own prices. */
@Injectable()
export class PriceAdminService {
  constructor(
    private readonly book: PriceBook,
    private readonly prices: ModelPriceRepository,
    private readonly clock: Clock,
  ) {}

  /** A new version (admin, or the owner's when `ownerId` is given); the same name, provider and effectiveFrom again replaces it. */
  async addVersion(model: string, dto: PutModelPriceDto, ownerId?: string): Promise<ModelPriceDto> {
    const name = overrideName(model);
    const { rates, tiers, perRequest } = pricesFromBody(dto);
    const version = await this.book.addVersion({
      source: ownerId === undefined ? 'admin' : 'owner',
      ownerId: ownerId ?? null,
      model: name,
      provider: dto.provider ?? null,
      rates,
      tiers,
      perRequest,
      timeOfDay: null,
      otherPrices: {},
      effectiveFrom: dto.effectiveFrom ? new Date(dto.effectiveFrom) : this.clock.now(),
    });
    return toModelPriceDto(version);
  }

  async list(filter: Omit<PriceListFilter, 'at'> & { at?: Date | null }, page: PageQueryDto): Promise<Page<ModelPriceDto>> {
    const limit = page.limit ?? 50;
    const rows = await this.prices.page({ ...filter, at: filter.at === undefined ? this.clock.now() : filter.at }, decodeCursor(page.cursor), limit + 1);
    const items = rows.slice(0, limit);
    const last = rows.length > limit ? items[items.length - 1] : undefined;
    return { items: items.map((r) => toModelPriceDto(r.price)), nextCursor: last ? encodeCursor({ at: last.cursorAt, id: last.price.id }) : undefined };
  }
}
