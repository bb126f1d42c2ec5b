import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const TEXT = 'Must not contain NUL (U+0000) or unpaired UTF-16 surrogates.';
const TS = 'RFC 3339 date-time with a zone; at most 5 min in the future, not older than RAW_RETENTION_DAYS.';

/** Documentation of one `runs[]` item (validated by the compiled JSON schema like the rest of the body). */
export class RunInputDto {
  @ApiProperty({
    maxLength: 200,
    description: `Your run id, unique within the agent; LLM and tool calls name it as \`runId\`. Sending the same id again updates the run. ${TEXT}`,
  })
  id!: string;
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiPropertyOptional({ maxLength: 200, description: `Groups runs into a conversation (GET /api/agents/:id/conversations). ${TEXT}` })
  conversationId?: string;
  @ApiPropertyOptional({ maxLength: 200, description: `Last write wins. ${TEXT}` }) name?: string;
  @ApiProperty({ enum: ['running', 'success', 'error'], description: 'Last write wins.' }) status!: 'running' | 'success' | 'error';
  @ApiProperty({ format: 'date-time', description: `${TS} A run sent twice keeps the earliest start.` }) startedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: `${TS} Not before startedAt. Last write wins.` }) endedAt?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Free-form JSON; replaced when sent again.' })
  metadata?: Record<string, unknown>;
}
