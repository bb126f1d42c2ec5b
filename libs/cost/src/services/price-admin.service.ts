import { Injectable } from '@nestjs/common';
import { Clock } from '@fleetwatch/common';
import { ModelPriceDto } from '../dto/model-price.dto';
import { PriceBook } from './price-book.service';
import { CostError } from '../errors/cost.error';
import { PutModelPriceDto } from '../dto/reprice.dto';

@Injectable()
export class PriceAdminService {
  constructor(
    private readonly prices: PriceBook,
    private readonly clock: Clock,
  ) {}

  addVersion(model: string, dto: PutModelPriceDto): Promise<ModelPriceDto> {
    const name = model.trim();
    if (name.length === 0 || name.length > 200) throw CostError.invalidModel('model must be 1 to 200 characters');
    return this.prices.addVersion({
      model: name,
      provider: dto.provider ?? null,
      inputPer1M: dto.inputPer1M,
      outputPer1M: dto.outputPer1M,
      effectiveFrom: dto.effectiveFrom ? new Date(dto.effectiveFrom) : this.clock.now(),
    });
  }
}
