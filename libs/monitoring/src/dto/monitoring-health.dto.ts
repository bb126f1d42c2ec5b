import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DATABASE_PING_SQL } from '../repositories/monitoring-health.sql';

export class DatabaseHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: string;
  @ApiProperty({ type: Number, nullable: true, description: `Round trip of \`${DATABASE_PING_SQL}\`, in ms; null when it failed or took over 1 s.` })
  latencyMs!: number | null;
  @ApiPropertyOptional() error?: string;
}

export class JobHealthDto {
  @ApiProperty() name!: string;
  @ApiProperty({
    enum: ['ok', 'pending', 'late', 'failing', 'disabled'],
    description:
      '`pending`: never ran yet; `late`: lag over two intervals; `failing`: the last run threw; `disabled`: JOBS_ENABLED=false here and no replica has run it.',
  })
  status!: string;
  @ApiProperty({ type: Number, nullable: true }) intervalMs!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastStartedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastFinishedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastDurationMs!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'How far past its due time the next run is: max(0, now − last start − interval), in ms.' })
  lagMs!: number | null;
  @ApiProperty() runs!: number;
  @ApiProperty() failures!: number;
}

export class NotificationHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Alert notification deliveries still pending in the outbox (all owners); null when it could not be counted.',
  })
  backlog!: number | null;
}

export class MonitoringHealthDto {
  @ApiProperty({ enum: ['ok', 'down'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
  @ApiProperty({ type: DatabaseHealthDto }) database!: DatabaseHealthDto;
  @ApiProperty({ type: JobHealthDto, isArray: true }) jobs!: JobHealthDto[];
  @ApiProperty({ type: NotificationHealthDto }) notifications!: NotificationHealthDto;
}
