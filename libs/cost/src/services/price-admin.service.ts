import { Injectable } from '@nestjs/common';
import { Clock } from '@fleetwatch/common';
import { ModelPriceDto } from '../dto/model-price.dto';
import { emptyRates } from '../pricing/catalogue.types';
import { PriceBook, toModelPriceDto } from './price-book.service';
import { CostError } from '../errors/cost.error';
import { PutModelPriceDto } from '../dto/reprice.dto';

@Injectable()
export class PriceAdminService {
  constructor(
    private readonly prices: PriceBook,
    private readonly clock: Clock,
  ) {}

  async addVersion(model: string, dto: PutModelPriceDto): Promise<ModelPriceDto> {
    const name = model.trim();
    if (name.length === 0 || name.length > 200) throw CostError.invalidModel('model must be 1 to 200 characters');
    const rates = { ...emptyRates(), input: String(dto.inputPer1M), output: String(dto.outputPer1M) };
    const version = await this.prices.addVersion({
      source: 'admin',
      ownerId: null,
      model: name,
      provider: dto.provider ?? null,
      rates,
      tiers: [],
      perRequest: null,
      timeOfDay: null,
      otherPrices: {},
      effectiveFrom: dto.effectiveFrom ? new Date(dto.effectiveFrom) : this.clock.now(),
    });
    return toModelPriceDto(version);
  }
}
