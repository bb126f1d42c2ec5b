import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsTimestamp, PageSize } from '@fleetwatch/common';

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
  @IsTimestamp()
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
