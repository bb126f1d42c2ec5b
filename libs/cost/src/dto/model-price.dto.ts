import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsTimestamp, PageQueryDto } from '@fleetwatch/common';
import { PriceRatesDto } from './price-rates.dto';

export class PriceTierDto extends PriceRatesDto {
  @ApiProperty({
    example: 200000,
    description:
      'These rates replace the base rates for a call whose total input (cache reads and writes included) exceeds this many tokens; the whole call is billed at them.',
  })
  aboveInputTokens!: number;
}

export class TimeOfDayDto {
  @ApiProperty({ example: '16:30:00Z', description: 'UTC time of day the window opens.' }) start!: string;
  @ApiProperty({ example: '00:30:00Z', description: 'UTC time of day it closes (exclusive); before start: the window runs over midnight.' }) end!: string;
}

export class ModelPriceDto extends PriceRatesDto {
  @ApiProperty({ example: 'claude-sonnet-4-5', description: 'The catalogue’s model id, or the name an override was put under.' }) model!: string;
  @ApiProperty({ example: 'anthropic', nullable: true, type: String }) provider!: string | null;
  @ApiProperty({ type: PriceTierDto, isArray: true, description: 'Ascending by aboveInputTokens; the highest threshold the call’s input exceeds wins.' })
  tiers!: PriceTierDto[];
  @ApiProperty({ type: Number, nullable: true, example: null, description: 'USD charged once per call, on top of the token cost.' }) perRequest!: number | null;
  @ApiProperty({ type: TimeOfDayDto, nullable: true, description: 'Set for a peak / off-peak price: it wins over the dated price while the window is open.' })
  timeOfDay!: TimeOfDayDto | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {},
    description: 'Catalogue prices Fleetwatch does not meter (web searches, audio hours…), verbatim.',
  })
  otherPrices!: Record<string, unknown>;
  @ApiProperty({ enum: ['catalogue', 'admin', 'owner'], description: '`owner` only in GET /api/cost/my-prices.' }) source!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '0.1.8',
    description: 'Version of @pydantic/genai-prices that produced a catalogue price; null for overrides.',
  })
  catalogueVersion!: string | null;
  @ApiProperty({
    format: 'date-time',
    description: 'This version applies to calls at or after this instant, until a later version of the same model, source (and owner).',
  })
  effectiveFrom!: string;
}

class PriceNameFiltersDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'anthropic', description: 'Exact provider id (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  provider?: string;

  @ApiPropertyOptional({ example: 'sonnet', description: 'Part of the model name (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  model?: string;
}

export class ModelPricesQueryDto extends PriceNameFiltersDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Show the versions in force at this instant instead of now; not with history.' })
  @IsOptional()
  @IsTimestamp()
  at?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'true: every version, past and future, newest effectiveFrom first.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  history?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['catalogue', 'admin'] })
  @IsOptional()
  @IsIn(['catalogue', 'admin'])
  source?: 'catalogue' | 'admin';
}

export class OwnerPricesQueryDto extends PriceNameFiltersDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only the version of each model in force at this instant; default: every version you set, future ones included.',
  })
  @IsOptional()
  @IsTimestamp()
  at?: string;
}
