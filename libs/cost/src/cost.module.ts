import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { AgentCostController } from './agent-cost/agent-cost.controller';
import { AgentCostRepository } from './agent-cost/agent-cost.repository';
import { AgentCostService } from './agent-cost/agent-cost.service';
import { BudgetCheckJob } from './budgets/budget-check.job';
import { BudgetsController } from './budgets/budgets.controller';
import { BudgetsRepository } from './budgets/budgets.repository';
import { BudgetsService } from './budgets/budgets.service';
import { ModelPriceRepository } from './prices/model-price.repository';
import { ModelPricesController } from './prices/model-prices.controller';
import { PriceBook } from './prices/price-book.service';
import { CostAdminController } from './reprice/cost-admin.controller';
import { PriceAdminService } from './reprice/price-admin.service';
import { RepriceRepository } from './reprice/reprice.repository';
import { RepriceService } from './reprice/reprice.service';
import { UsageExportService } from './usage/usage-export.service';
import { UsageController } from './usage/usage.controller';
import { UsageRepository } from './usage/usage.repository';
import { UsageService } from './usage/usage.service';

/** Prices, per-agent cost, repricing, budgets (with their job) and usage. */
@Module({
  imports: [AgentsModule],
  controllers: [ModelPricesController, AgentCostController, CostAdminController, BudgetsController, UsageController],
  providers: [
    ModelPriceRepository,
    PriceBook,
    AgentCostRepository,
    AgentCostService,
    PriceAdminService,
    RepriceRepository,
    RepriceService,
    BudgetsRepository,
    BudgetsService,
    BudgetCheckJob,
    UsageRepository,
    UsageService,
    UsageExportService,
  ],
  exports: [PriceBook],
})
export class CostModule {}
