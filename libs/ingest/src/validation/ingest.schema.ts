/** JSON schema of the POST /api/ingest body, compiled once by Ajv. Semantic checks follow in code. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const METRIC_TYPE_PATTERN = '^[a-z][a-z0-9_.]{0,63}$';
/** ISO 8601 with a time zone, so a timestamp never depends on the server's zone. */
export const TIMESTAMP_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})$';

const MAX_INT4 = 2_147_483_647;
const uuid = { type: 'string', pattern: UUID_PATTERN };
const timestamp = { type: 'string', pattern: TIMESTAMP_PATTERN };
const metadata = { type: 'object' };
const status = { type: 'string', enum: ['success', 'error'] };
const shortText = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });
const nonNegative = { type: 'number', minimum: 0 };
const tokens = { type: 'integer', minimum: 0, maximum: MAX_INT4 };

const sample = {
  type: 'object',
  additionalProperties: false,
  required: ['agentId', 'type', 'value'],
  properties: { agentId: uuid, type: { type: 'string', pattern: METRIC_TYPE_PATTERN }, value: { type: 'number' }, timestamp, metadata },
};

const llmCall = {
  type: 'object',
  additionalProperties: false,
  required: ['agentId', 'model', 'inputTokens', 'outputTokens', 'latencyMs', 'status'],
  properties: {
    agentId: uuid,
    model: shortText(200),
    provider: shortText(100),
    inputTokens: tokens,
    outputTokens: tokens,
    latencyMs: nonNegative,
    status,
    errorType: shortText(200),
    costUsd: { type: 'number', minimum: 0, maximum: 1e9 },
    traceId: shortText(128),
    timestamp,
  },
};

const toolCall = {
  type: 'object',
  additionalProperties: false,
  required: ['agentId', 'tool', 'durationMs', 'status'],
  properties: { agentId: uuid, tool: shortText(200), durationMs: nonNegative, status, errorType: shortText(200), traceId: shortText(128), timestamp },
};

const event = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'message'],
  properties: { agentId: uuid, type: { type: 'string', pattern: METRIC_TYPE_PATTERN }, message: { type: 'string', maxLength: 4000 }, metadata, timestamp },
};

export const INGEST_BODY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    samples: { type: 'array', items: sample },
    llmCalls: { type: 'array', items: llmCall },
    toolCalls: { type: 'array', items: toolCall },
    events: { type: 'array', items: event },
  },
};
