import { Injectable } from '@nestjs/common';
import { Page, PageQueryDto, Principal } from '@fleetwatch/common';
import { ModelPriceDto } from '../dto/model-price.dto';
import { PutModelPriceDto } from '../dto/put-model-price.dto';
import { RepriceDto, RepriceResultDto } from '../dto/reprice.dto';
import { CostError } from '../errors/cost.error';
import { ModelPriceRepository } from '../repositories/model-price.repository';
import { overrideName, PriceAdminService } from './price-admin.service';
import { RepriceService } from './reprice.service';

/**
 * An owner's own negotiated prices, winning for their agents only. Everyone, admins included,
 * acts for themselves here: an admin's own price applies to the admin's own agents.
 */
@Injectable()
export class OwnerPricesService {
  constructor(
    private readonly versions: PriceAdminService,
    private readonly prices: ModelPriceRepository,
    private readonly repricing: RepriceService,
  ) {}

  list(principal: Principal, query: PageQueryDto & { at?: string; provider?: string; model?: string }): Promise<Page<ModelPriceDto>> {
    return this.versions.list({ ownerId: principal.userId, at: query.at ? new Date(query.at) : null, provider: query.provider, model: query.model }, query);
  }

  put(principal: Principal, model: string, dto: PutModelPriceDto): Promise<ModelPriceDto> {
    return this.versions.addVersion(model, dto, principal.userId);
  }

  /** Every version of that model (any spelling case); 404 when there is none. */
  async remove(principal: Principal, model: string): Promise<void> {
    const name = overrideName(model);
    const deleted = await this.prices.deleteOwnerModel(principal.userId, name);
    if (deleted === 0) throw CostError.ownerPriceNotFound(name);
  }

  reprice(principal: Principal, dto: RepriceDto): Promise<RepriceResultDto> {
    return this.repricing.reprice(dto, principal.userId);
  }
}
