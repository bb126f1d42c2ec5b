import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageSize } from '@fleetwatch/common';

/** A naive time would silently mean the server's zone. */
const ZONED = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

export class EventsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this agent’s events (404 when it is not yours).' })
  @IsOptional()
  @IsUUID()
  agentId?: string;

  @PageSize()
  limit?: number;
}

export class PerformanceQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Start of the range; default 24 hours ago.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(ZONED, { message: 'since must be a timestamp with Z or an offset' })
  since?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000, default: 1000, description: 'Newest records first, at most this many.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  limit?: number;
}

export class DashboardQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 720, default: 24, description: 'Hours of history in trends, troubled agents and endpoints.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  hours?: number;
}
