import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsTimestamp } from '@fleetwatch/common';

export class RepriceDto {
  @ApiProperty({ format: 'date-time', description: 'Calls at or after this instant.' })
  @IsTimestamp()
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'Calls before this instant.' })
  @IsTimestamp()
  to!: string;

  @ApiPropertyOptional({ description: 'Only calls of this model (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  model?: string;
}

export class RepriceResultDto {
  @ApiProperty({ description: 'Calls with a computed cost (rate_source model or fallback) in the range.' }) scanned!: number;
  @ApiProperty({
    description:
      'Calls whose cost, rate source, price source or price version changed. Their per-type cost split (costs_by_type of GET /api/agents/:id/cost) is rewritten with the cost; ' +
      'a priced call whose cost did not change but that was stored without a split (before per-type costs were stored) gets its split filled in and is not counted here.',
  })
  changed!: number;
  @ApiProperty({ description: 'New total minus old total of the changed calls, USD.' }) costDelta!: number;
}
