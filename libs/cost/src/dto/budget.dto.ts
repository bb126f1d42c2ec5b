import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNumber, IsOptional, Max, Min } from 'class-validator';

export class PutBudgetDto {
  @ApiProperty({ example: 50, description: 'USD per UTC calendar month; more than 0.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.000001)
  @Max(1e12)
  monthlyUsd!: number;

  @ApiPropertyOptional({ default: 80, minimum: 1, maximum: 100, description: 'Percent of monthlyUsd at which budget_warning is written.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(100)
  softThresholdPct?: number;

  @ApiPropertyOptional({ default: false, description: 'Stop the agent (budget_paused) once month-to-date cost reaches monthlyUsd.' })
  @IsOptional()
  @IsBoolean()
  hardCap?: boolean;
}

export class BudgetDto {
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty() monthlyUsd!: number;
  @ApiProperty() softThresholdPct!: number;
  @ApiProperty() hardCap!: boolean;
  @ApiProperty({ description: 'Stored LLM cost since the start of the UTC month.' }) monthToDateUsd!: number;
  @ApiProperty({ description: 'monthToDateUsd / monthlyUsd × 100, two decimals.' }) percentUsed!: number;
  @ApiProperty({ enum: ['ok', 'warning', 'exceeded'] }) status!: string;
  @ApiProperty({ description: 'budget_warning already written this month.' }) warnedThisMonth!: boolean;
  @ApiProperty({ description: 'The hard cap already stopped the agent this month.' }) pausedThisMonth!: boolean;
}
