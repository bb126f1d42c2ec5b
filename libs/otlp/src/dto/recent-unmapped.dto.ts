import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RecentUnmappedQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 24, default: 24, description: 'Span names last seen within this many hours.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  hours?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100, description: 'At most this many names, most frequent first.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class UnmappedSpanDto {
  @ApiProperty({ format: 'uuid', description: 'The user whose credentials sent the spans.' })
  ownerId!: string;

  @ApiProperty({ example: 'GET /orders' })
  spanName!: string;

  @ApiProperty({ description: 'Spans with this name since firstSeenAt (the count restarts after 24 h unseen).', example: 12 })
  count!: number;

  @ApiProperty({ type: [String], description: 'Attribute keys of the latest such span (sorted, at most 40).', example: ['http.request.method', 'url.path'] })
  attributeKeys!: string[];

  @ApiProperty({ format: 'date-time' })
  firstSeenAt!: string;

  @ApiProperty({ format: 'date-time' })
  lastSeenAt!: string;
}

export class RecentUnmappedResponseDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the window.' })
  since!: string;

  @ApiProperty({ type: [UnmappedSpanDto] })
  spans!: UnmappedSpanDto[];
}
