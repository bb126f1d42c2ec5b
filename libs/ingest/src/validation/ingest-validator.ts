import Ajv from 'ajv';
import { DAY_MS } from '@fleetwatch/common';
import { IngestError } from '../errors/ingest.error';
import { describeAjvError } from './ajv-messages';
import { INGEST_KINDS, IngestBatch } from './ingest-batch';
import { usageByType, usageProblem } from './llm-usage';
import { INGEST_BODY_SCHEMA } from './ingest.schema';
import { parseRfc3339 } from './rfc3339';
import { normalizeRuns } from './run-items';
import { UNSAFE_TEXT_PROBLEM, unsafeTextPaths } from './text-safety';

export interface IngestLimits {
  now: Date;
  maxItems: number;
  rawRetentionDays: number;
  futureToleranceSeconds: number;
}

const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, useDefaults: false });
const validateShape = ajv.compile(INGEST_BODY_SCHEMA);

type Raw = Record<string, unknown>;
const PERCENT_TYPES = new Set(['cpu', 'memory']);
const COUNT_TYPES = new Set(['messages', 'errors']);

function countItems(body: Raw): number {
  let n = 0;
  for (const kind of INGEST_KINDS) {
    const list = body[kind];
    if (Array.isArray(list)) n += list.length;
  }
  if (Array.isArray(body.runs)) n += body.runs.length;
  return n;
}

/**
 * Checks a parsed POST /api/ingest body and returns the normalized batch, or throws: 413 past the
 * item limit; 400 listing every problem by item path (shape through the compiled schema, then
 * timestamps and value ranges). Nothing here touches the database.
 */
export function validateIngestBody(body: unknown, limits: IngestLimits): IngestBatch {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw IngestError.invalid(['body must be a JSON object']);
  const raw = body as Raw;
  const count = countItems(raw);
  if (count > limits.maxItems) throw IngestError.tooManyItems(count, limits.maxItems);
  if (!validateShape(raw)) throw IngestError.invalid((validateShape.errors ?? []).map(describeAjvError));

  const nowMs = limits.now.getTime();
  const latest = nowMs + limits.futureToleranceSeconds * 1000;
  const earliest = nowMs - limits.rawRetentionDays * DAY_MS;
  const problems: string[] = [];
  const when = (item: Raw, path: string): Date => {
    if (item.timestamp === undefined) return limits.now;
    const ms = parseRfc3339(item.timestamp as string);
    if (ms === null) problems.push(`${path}.timestamp is not a valid date-time`);
    else if (ms > latest) problems.push(`${path}.timestamp is more than ${limits.futureToleranceSeconds / 60} minutes in the future`);
    else if (ms < earliest) problems.push(`${path}.timestamp is older than the raw retention of ${limits.rawRetentionDays} days`);
    return new Date(ms ?? Number.NaN);
  };
  const opt = <T>(v: unknown): T | null => (v === undefined ? null : (v as T));
  const meta = (item: Raw, path: string): Raw | null => {
    for (const unsafe of unsafeTextPaths(item.metadata, `${path}.metadata`)) problems.push(`${unsafe} ${UNSAFE_TEXT_PROBLEM}`);
    return opt<Raw>(item.metadata);
  };

  const samples = ((raw.samples ?? []) as Raw[]).map((s, i) => {
    const path = `samples[${i}]`;
    const type = s.type as string;
    const value = s.value as number;
    if (PERCENT_TYPES.has(type) && (value < 0 || value > 100)) problems.push(`${path}.value must be between 0 and 100 for ${type} (percent)`);
    if (COUNT_TYPES.has(type) && value < 0) problems.push(`${path}.value must be >= 0 for ${type} (a count)`);
    return { agentId: (s.agentId as string).toLowerCase(), type, value, metadata: meta(s, path), timestamp: when(s, path) };
  });
  const llmCalls = ((raw.llmCalls ?? []) as Raw[]).map((c, i) => {
    const usage = usageByType(c);
    const item = {
      agentId: (c.agentId as string).toLowerCase(),
      model: c.model as string,
      responseModel: opt<string>(c.responseModel),
      provider: opt<string>(c.provider),
      inputTokens: c.inputTokens as number,
      outputTokens: c.outputTokens as number,
      cacheReadInputTokens: usage.cacheReadInputTokens,
      cacheCreationInputTokens: usage.cacheCreationInputTokens,
      cacheCreation5mInputTokens: usage.cacheCreation5mInputTokens,
      cacheCreation1hInputTokens: usage.cacheCreation1hInputTokens,
      reasoningOutputTokens: usage.reasoningOutputTokens,
      audioInputTokens: usage.audioInputTokens,
      audioOutputTokens: usage.audioOutputTokens,
      imageInputTokens: usage.imageInputTokens,
      latencyMs: c.latencyMs as number,
      timeToFirstTokenMs: opt<number>(c.timeToFirstTokenMs),
      status: c.status as 'success' | 'error',
      errorType: opt<string>(c.errorType),
      costUsd: opt<number>(c.costUsd),
      traceId: opt<string>(c.traceId),
      runId: opt<string>(c.runId),
      conversationId: opt<string>(c.conversationId),
      timestamp: when(c, `llmCalls[${i}]`),
    };
    const problem = usageProblem(item);
    if (problem) problems.push(`llmCalls[${i}].${problem}`);
    return item;
  });
  const toolCalls = ((raw.toolCalls ?? []) as Raw[]).map((c, i) => ({
    agentId: (c.agentId as string).toLowerCase(),
    tool: c.tool as string,
    durationMs: c.durationMs as number,
    status: c.status as 'success' | 'error',
    errorType: opt<string>(c.errorType),
    traceId: opt<string>(c.traceId),
    runId: opt<string>(c.runId),
    conversationId: opt<string>(c.conversationId),
    timestamp: when(c, `toolCalls[${i}]`),
  }));
  const events = ((raw.events ?? []) as Raw[]).map((e, i) => ({
    agentId: e.agentId === undefined ? null : (e.agentId as string).toLowerCase(),
    type: e.type as string,
    message: e.message as string,
    metadata: meta(e, `events[${i}]`),
    timestamp: when(e, `events[${i}]`),
  }));
  const runs = raw.runs === undefined ? undefined : normalizeRuns(raw.runs as Raw[], limits, problems);
  if (problems.length > 0) throw IngestError.invalid(problems);
  return runs === undefined ? { samples, llmCalls, toolCalls, events } : { runs, samples, llmCalls, toolCalls, events };
}
