import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { IsCursor, IsTimestamp, PageQueryDto, PageSize } from '@fleetwatch/common';
import { RUN_STATUSES, RunStatus } from '@fleetwatch/ingest';

export class RunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;

  @ApiPropertyOptional({ maxLength: 200, description: 'Only the runs of this conversation.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  conversationId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Runs started at or after this time.' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Runs started before this time.' })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'Runs whose cost so far is at least this many USD.' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  minCostUsd?: number;
}

export class RunLookupQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'With agentId, `:id` is your own run id (runs[].id / runId) within that agent; without it, `:id` is the run `key`.',
  })
  @IsOptional()
  @IsUUID()
  agentId?: string;
}

/** PageQueryDto's fields, with a cursor whose id is a conversation id (the client's text). */
export class ConversationsQueryDto {
  @PageSize()
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the X-Next-Cursor header of the previous page.' })
  @IsOptional()
  @IsString()
  @IsCursor(undefined, { textId: true })
  cursor?: string;
}
