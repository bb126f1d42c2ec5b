import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsTimestamp } from '@fleetwatch/common';
import { EXPORT_DATASETS, ExportDataset } from '../export/export-datasets';
import { EXPORT_FORMATS, ExportFormat } from '../export/export-writers';

export class ExportQueryDto {
  @ApiProperty({ enum: EXPORT_DATASETS })
  @IsIn(EXPORT_DATASETS)
  dataset!: ExportDataset;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive; default end minus 24 h.' })
  @IsOptional()
  @IsTimestamp()
  start?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive; default now.' })
  @IsOptional()
  @IsTimestamp()
  end?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One agent (404 when not yours); default every agent you see.' })
  @IsOptional()
  @IsUUID()
  agentId?: string;
}
