import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsTimestamp } from '@fleetwatch/common';
import { PriceRatesBodyDto } from './price-rates.dto';

export class PutPriceTierDto extends PriceRatesBodyDto {
  @ApiProperty({ example: 200000, minimum: 1, description: 'The tier applies to a call whose total input exceeds this; strictly ascending across tiers.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  aboveInputTokens!: number;
}

/** An admin override or an owner's own price: every rate, tiers and a per-request fee. */
export class PutModelPriceDto extends PriceRatesBodyDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'openai' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  provider?: string | null;

  @ApiPropertyOptional({
    type: PutPriceTierDto,
    isArray: true,
    description: 'Context tiers, strictly ascending by aboveInputTokens; each prices the same token types as the base rates.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PutPriceTierDto)
  tiers?: PutPriceTierDto[];

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, example: 0.01, description: 'USD added once per call.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  perRequest?: number | null;

  @ApiPropertyOptional({ format: 'date-time', description: 'When this version starts to apply; default now.' })
  @IsOptional()
  @IsTimestamp()
  effectiveFrom?: string;
}
