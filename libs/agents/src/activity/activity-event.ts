import { ApiProperty } from '@nestjs/swagger';

/** One row of the activity log, as callers inside the service hand it over. */
export interface ActivityEntry {
  ownerId: string;
  agentId: string | null;
  type: string;
  message: string;
  metadata: Record<string, unknown>;
  /** `system`, `agent` (sent through ingest) or the acting user's id. */
  actor: string;
  ts: Date;
}

/** Seed 004 event shape. */
export class ActivityEventResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'agent_deployed' }) type!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: Object, example: { agentId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890' } }) metadata!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}
