import { INGEST_RANGES } from './ingest-ranges';
import { RFC3339_PATTERN } from './rfc3339';
import { SAFE_TEXT_PATTERN } from './text-safety';

/** JSON schema of the POST /api/ingest body, compiled once by Ajv. Semantic checks follow in code. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const METRIC_TYPE_PATTERN = '^[a-z][a-z0-9_.]{0,63}$';
/** RFC 3339 with a time zone, so a timestamp never depends on the server's zone. */
export const TIMESTAMP_PATTERN = RFC3339_PATTERN;

const uuid = { type: 'string', pattern: UUID_PATTERN };
const timestamp = { type: 'string', pattern: TIMESTAMP_PATTERN };
const metadata = { type: 'object' };
const status = { type: 'string', enum: ['success', 'error'] };
const shortText = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: SAFE_TEXT_PATTERN });
const duration = { type: 'number', minimum: 0, maximum: INGEST_RANGES.durationMsMax };
const tokens = { type: 'integer', minimum: 0, maximum: INGEST_RANGES.tokensMax };
const sampleValue = { type: 'number', minimum: -INGEST_RANGES.sampleValueAbsMax, maximum: INGEST_RANGES.sampleValueAbsMax };

const sample = {
  type: 'object',
  additionalProperties: false,
  required: ['agentId', 'type', 'value'],
  properties: { agentId: uuid, type: { type: 'string', pattern: METRIC_TYPE_PATTERN }, value: sampleValue, timestamp, metadata },
};

const llmCall = {
  type: 'object',
  additionalProperties: false,
  required: ['agentId', 'model', 'inputTokens', 'outputTokens', 'latencyMs', 'status'],
  properties: {
    agentId: uuid,
    model: shortText(200),
    provider: shortText(100),
    responseModel: shortText(200),
    inputTokens: tokens,
    outputTokens: tokens,
    cacheReadInputTokens: tokens,
    cacheCreationInputTokens: tokens,
    cacheCreation5mInputTokens: tokens,
    cacheCreation1hInputTokens: tokens,
    reasoningOutputTokens: tokens,
    audioInputTokens: tokens,
    audioOutputTokens: tokens,
    imageInputTokens: tokens,
    latencyMs: duration,
    timeToFirstTokenMs: duration,
    status,
    errorType: shortText(200),
    costUsd: { type: 'number', minimum: 0, maximum: INGEST_RANGES.costUsdMax },
    traceId: shortText(128),
    runId: shortText(200),
    conversationId: shortText(200),
    timestamp,
  },
};

const toolCall = {
  type: 'object',
  additionalProperties: false,
  required: ['agentId', 'tool', 'durationMs', 'status'],
  properties: {
    agentId: uuid,
    tool: shortText(200),
    durationMs: duration,
    status,
    errorType: shortText(200),
    traceId: shortText(128),
    runId: shortText(200),
    conversationId: shortText(200),
    timestamp,
  },
};

const event = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'message'],
  properties: {
    agentId: uuid,
    type: { type: 'string', pattern: METRIC_TYPE_PATTERN },
    message: { type: 'string', maxLength: 4000, pattern: SAFE_TEXT_PATTERN },
    metadata,
    timestamp,
  },
};

const run = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'agentId', 'status', 'startedAt'],
  properties: {
    id: shortText(200),
    agentId: uuid,
    conversationId: shortText(200),
    name: shortText(200),
    status: { type: 'string', enum: ['running', 'success', 'error'] },
    startedAt: timestamp,
    endedAt: timestamp,
    metadata,
  },
};

export const INGEST_BODY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    samples: { type: 'array', items: sample },
    llmCalls: { type: 'array', items: llmCall },
    toolCalls: { type: 'array', items: toolCall },
    events: { type: 'array', items: event },
    runs: { type: 'array', items: run },
  },
};
