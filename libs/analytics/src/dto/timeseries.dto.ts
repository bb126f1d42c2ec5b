import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsTimestamp } from '@fleetwatch/common';
import { AGGREGATIONS, Aggregation } from '../timeseries/metric-catalog';
import { INTERVAL_PATTERN } from '../timeseries/interval';

export const SERIES_SOURCES = ['auto', 'raw', 'rollup'] as const;
export type SeriesSource = (typeof SERIES_SOURCES)[number];

export class TimeseriesQueryDto {
  @ApiProperty({ example: 'llm_latency_ms', description: 'A derived metric name or any sample type (e.g. `cpu_usage`).' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'metric must be 1-100 letters, digits or _ . : -' })
  metric!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One agent (404 when not yours); default every agent you see.' })
  @IsOptional()
  @IsUUID()
  agentId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default end minus 24 h.' })
  @IsOptional()
  @IsTimestamp()
  start?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default now.' })
  @IsOptional()
  @IsTimestamp()
  end?: string;

  @ApiPropertyOptional({ example: '1h', default: '1h', description: 'Bucket width: a positive integer and s, m, h or d.' })
  @IsOptional()
  @Matches(INTERVAL_PATTERN, { message: 'interval must look like 30s, 5m, 1h or 1d' })
  interval?: string;

  @ApiPropertyOptional({ enum: AGGREGATIONS, description: "Default: the metric's own (avg for samples and latencies, sum for tokens and cost)." })
  @IsOptional()
  @IsIn(AGGREGATIONS)
  aggregation?: Aggregation;

  @ApiPropertyOptional({
    enum: SERIES_SOURCES,
    default: 'auto',
    description: 'auto: rollups when interval is whole hours, raw rows otherwise. raw/rollup force one (rollup needs whole hours).',
  })
  @IsOptional()
  @IsIn(SERIES_SOURCES)
  source?: SeriesSource;
}

export class TimeseriesPointDto {
  @ApiProperty({ format: 'date-time', description: 'Bucket start.' }) ts!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null for an empty bucket unless the aggregation is sum or count (then 0).' })
  value!: number | null;
}

export class TimeseriesResponseDto {
  @ApiProperty() metric!: string;
  @ApiProperty({ enum: AGGREGATIONS }) aggregation!: Aggregation;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) agentId!: string | null;
  @ApiProperty({ description: 'Bucket width in seconds.' }) intervalSeconds!: number;
  @ApiProperty({ format: 'date-time', description: 'start rounded down to a multiple of interval since the Unix epoch.' }) start!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the last bucket (end rounded up).' }) end!: string;
  @ApiProperty({ enum: ['raw', 'rollup'] }) source!: 'raw' | 'rollup';
  @ApiProperty({ type: TimeseriesPointDto, isArray: true }) points!: TimeseriesPointDto[];
}
