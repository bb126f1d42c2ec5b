import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsTimestamp } from '@fleetwatch/common';

export class ModelPriceDto {
  @ApiProperty({ example: 'gpt-4o' }) model!: string;
  @ApiProperty({ example: 'openai', nullable: true, type: String }) provider!: string | null;
  @ApiProperty({ example: 2.5, nullable: true, type: Number, description: 'USD per 1M input tokens.' }) inputPer1M!: number | null;
  @ApiProperty({ example: 10, nullable: true, type: Number, description: 'USD per 1M output tokens.' }) outputPer1M!: number | null;
  @ApiProperty({ format: 'date-time', description: 'This version applies to calls at or after this instant, until a later version.' })
  effectiveFrom!: string;
}

export class ModelPricesQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Show the versions in force at this instant instead of now.' })
  @IsOptional()
  @IsTimestamp()
  at?: string;
}
