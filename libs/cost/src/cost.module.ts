import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { AgentCostController } from './controllers/agent-cost.controller';
import { AgentCostRepository } from './repositories/agent-cost.repository';
import { AgentCostService } from './services/agent-cost.service';
import { BudgetCheckJob } from './jobs/budget-check.job';
import { BudgetsController } from './controllers/budgets.controller';
import { AgentBudget } from './entities/agent-budget.entity';
import { ModelPrice } from './entities/model-price.entity';
import { PriceProvider } from './entities/price-provider.entity';
import { BudgetsService } from './services/budgets.service';
import { ModelPricesController } from './controllers/model-prices.controller';
import { PriceBook } from './services/price-book.service';
import { CostAdminController } from './controllers/cost-admin.controller';
import { PriceAdminService } from './services/price-admin.service';
import { RepriceRepository } from './repositories/reprice.repository';
import { RepriceService } from './services/reprice.service';
import { UsageExportService } from './services/usage-export.service';
import { UsageController } from './controllers/usage.controller';
import { UsageRepository } from './repositories/usage.repository';
import { UsageService } from './services/usage.service';
import { OwnerPricesController } from './controllers/owner-prices.controller';
import { OwnerPricesService } from './services/owner-prices.service';

/** Prices, per-agent cost, repricing, budgets (with their job) and usage. */
@Module({
  imports: [AgentsModule, MikroOrmModule.forFeature([AgentBudget, ModelPrice, PriceProvider])],
  controllers: [ModelPricesController, OwnerPricesController, AgentCostController, CostAdminController, BudgetsController, UsageController],
  providers: [
    PriceBook,
    AgentCostRepository,
    AgentCostService,
    PriceAdminService,
    OwnerPricesService,
    RepriceRepository,
    RepriceService,
    BudgetsService,
    BudgetCheckJob,
    UsageRepository,
    UsageService,
    UsageExportService,
  ],
  exports: [PriceBook],
})
export class CostModule {}
