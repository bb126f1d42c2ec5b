import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageSize } from '@fleetwatch/common';
import { BudgetDto } from './budget.dto';
import { TokenTypeCountsDto, UnpricedUsageDto } from './usage-tokens.dto';
import { USAGE_PERIODS, UsagePeriod } from '../periods/usage-period';

export class UsageAggregateQueryDto {
  @ApiPropertyOptional({
    enum: USAGE_PERIODS,
    default: 'current',
    description:
      '`current`: this UTC month so far; `last_30_days`: the 30 × 24 h before now; `all_time`: everything — hours before the raw-retention day (RAW_RETENTION_DAYS) come from the hourly LLM rollups, which outlive raw calls; the rest from raw calls.',
  })
  @IsOptional()
  @IsIn(USAGE_PERIODS)
  period?: UsagePeriod;
}

export class UsageCostsQueryDto {
  @ApiPropertyOptional({ enum: ['current', 'last_30_days'], default: 'current' })
  @IsOptional()
  @IsIn(['current', 'last_30_days'])
  period?: 'current' | 'last_30_days';
}

export class UsageExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';

  @ApiPropertyOptional({ enum: USAGE_PERIODS, default: 'current', description: '`all_time` covers the LLM calls still retained (RAW_RETENTION_DAYS).' })
  @IsOptional()
  @IsIn(USAGE_PERIODS)
  period?: UsagePeriod;
}

export class UsageRequestsQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @PageSize()
  per_page?: number;
}

export class BudgetProgressDto {
  @ApiProperty({ description: 'Sum of monthlyUsd over your agents with a budget (0 when none).' }) monthlyUsd!: number;
  @ApiProperty({ description: 'Month-to-date cost of those agents.' }) monthToDateUsd!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'monthToDateUsd / monthlyUsd × 100, two decimals; null without budgets.' }) percentUsed!:
    number | null;
  @ApiProperty({ enum: ['ok', 'warning', 'exceeded'], description: 'The worst status among the agents’ budgets (`ok` without budgets).' }) status!: string;
  @ApiProperty({ type: BudgetDto, isArray: true }) agents!: BudgetDto[];
}

export class UsageAggregateDto extends TokenTypeCountsDto {
  @ApiProperty({ enum: USAGE_PERIODS }) period!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) periodStart!: string | null;
  @ApiProperty({ format: 'date-time' }) periodEnd!: string;
  @ApiProperty({ description: 'LLM calls in the period.' }) requests!: number;
  @ApiProperty() successfulRequests!: number;
  @ApiProperty() failedRequests!: number;
  @ApiProperty() inputTokens!: number;
  @ApiProperty() outputTokens!: number;
  @ApiProperty() totalTokens!: number;
  @ApiProperty({ description: 'Sum of stored call costs, USD (each priced by token type at ingest or by the last reprice).' }) costUsd!: number;
  @ApiProperty({ type: UnpricedUsageDto, description: 'The calls of the period priced with the fallback rate, and their tokens: their cost is an estimate.' })
  unpriced!: UnpricedUsageDto;
  @ApiProperty({ type: BudgetProgressDto, description: 'Always month-to-date, whatever the period.' }) budget!: BudgetProgressDto;
}

export class CostByModelDto extends TokenTypeCountsDto {
  @ApiProperty({ description: '`Unknown model` for calls without one (the model the client requested; see GET /api/usage/requests for the response model).' })
  model!: string;
  @ApiProperty({ type: String, nullable: true }) provider!: string | null;
  @ApiProperty() requests!: number;
  @ApiProperty() inputTokens!: number;
  @ApiProperty() outputTokens!: number;
  @ApiProperty() costUsd!: number;
  @ApiProperty({ type: UnpricedUsageDto, description: 'Calls of this model priced with the fallback rate, and their tokens.' }) unpriced!: UnpricedUsageDto;
}

export class CostByAgentDto {
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() requests!: number;
  @ApiProperty() totalTokens!: number;
  @ApiProperty() costUsd!: number;
}

export class CostByDayDto {
  @ApiProperty({ example: '2026-11-03', description: 'UTC day.' }) date!: string;
  @ApiProperty() requests!: number;
  @ApiProperty() totalTokens!: number;
  @ApiProperty() costUsd!: number;
}

export class MonthProjectionDto {
  @ApiProperty({ format: 'date-time' }) monthStart!: string;
  @ApiProperty({ format: 'date-time' }) monthEnd!: string;
  @ApiProperty() daysInMonth!: number;
  @ApiProperty({ description: 'Fractional days from the start of the UTC month to now.' }) daysElapsed!: number;
  @ApiProperty() monthToDateUsd!: number;
  @ApiProperty({ description: 'monthToDateUsd / daysElapsed.' }) dailyRateUsd!: number;
  @ApiProperty({ description: 'dailyRateUsd × daysInMonth (straight line; equals monthToDateUsd at the first instant of a month).' })
  projectedMonthUsd!: number;
}

export class UsageCostsDto {
  @ApiProperty({ enum: ['current', 'last_30_days'] }) period!: string;
  @ApiProperty({ format: 'date-time' }) periodStart!: string;
  @ApiProperty({ format: 'date-time' }) periodEnd!: string;
  @ApiProperty() totalCostUsd!: number;
  @ApiProperty({ type: UnpricedUsageDto, description: 'Calls of the period priced with the fallback rate (all models), and their tokens.' })
  unpriced!: UnpricedUsageDto;
  @ApiProperty({ type: CostByModelDto, isArray: true, description: 'Highest cost first.' }) byModel!: CostByModelDto[];
  @ApiProperty({ type: CostByAgentDto, isArray: true, description: 'Highest cost first.' }) byAgent!: CostByAgentDto[];
  @ApiProperty({ type: CostByDayDto, isArray: true, description: 'Every UTC day of the period, oldest first, zero-filled.' }) byDay!: CostByDayDto[];
  @ApiProperty({ type: MonthProjectionDto, description: 'Always for the current UTC month.' }) projection!: MonthProjectionDto;
}

export class UsageRequestDto extends TokenTypeCountsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty() agentName!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The model the client requested.' }) model!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The model the provider answered with (e.g. a dated snapshot), when reported.' })
  responseModel!: string | null;
  @ApiProperty({ type: String, nullable: true }) provider!: string | null;
  @ApiProperty() inputTokens!: number;
  @ApiProperty() outputTokens!: number;
  @ApiProperty() latencyMs!: number;
  @ApiProperty({ enum: ['success', 'error'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) errorType!: string | null;
  @ApiProperty() costUsd!: number;
  @ApiProperty({
    enum: ['model', 'fallback', 'client'],
    description: '`model`: a model price; `fallback`: no price matched (COST_FALLBACK_PER_1K); `client`: costUsd sent by the client.',
  })
  rateSource!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['owner', 'admin', 'catalogue'], description: 'Which model price applied (rateSource `model` only).' })
  priceSource!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '0.1.8', description: 'The catalogue version of that price (catalogue prices only).' })
  priceVersion!: string | null;
  @ApiProperty({ type: String, nullable: true }) traceId!: string | null;
}

export class UsageRequestsPageDto {
  @ApiProperty() page!: number;
  @ApiProperty() per_page!: number;
  @ApiProperty({ description: 'LLM calls visible to you, all time.' }) total!: number;
  @ApiProperty() total_pages!: number;
  @ApiProperty({ type: UsageRequestDto, isArray: true, description: 'Newest first.' }) requests!: UsageRequestDto[];
}
