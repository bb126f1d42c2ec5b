import type { PlannedAgent } from './fleet-plan';
import { Random } from './random';

/** The POST /api/ingest item shapes the demo sends (field names as in libs/ingest's schema). */
export interface SampleItem {
  agentId: string;
  type: string;
  value: number;
  timestamp: string;
}

export interface LlmCallItem {
  agentId: string;
  model: string;
  provider: string;
  inputTokens: number;
  outputTokens: number;
  /** Part of inputTokens (GenAI conventions); sent only when the server accepts it. */
  cacheReadInputTokens?: number;
  /** Part of outputTokens; sent only when the server accepts it. */
  reasoningOutputTokens?: number;
  latencyMs: number;
  status: 'success' | 'error';
  errorType?: string;
  traceId: string;
  timestamp: string;
}

export interface ToolCallItem {
  agentId: string;
  tool: string;
  durationMs: number;
  status: 'success' | 'error';
  errorType?: string;
  traceId: string;
  timestamp: string;
}

export interface TelemetryBatch {
  samples: SampleItem[];
  llmCalls: LlmCallItem[];
  toolCalls: ToolCallItem[];
}

export interface FleetAgent extends PlannedAgent {
  id: string;
  /** LLM calls per streaming tick when fixed (the budget agent); otherwise one to three. */
  callsPerTick?: number;
}

export const TOOL_ERROR_RATE = 0.1;
const LLM_ERROR_RATE = 0.03;
const TOOL_ERRORS = ['timeout', 'http_502', 'rate_limited', 'invalid_arguments'] as const;

export function emptyBatch(): TelemetryBatch {
  return { samples: [], llmCalls: [], toolCalls: [] };
}

export function batchSize(batch: TelemetryBatch): number {
  return batch.samples.length + batch.llmCalls.length + batch.toolCalls.length;
}

/** Busier during the UTC working day: 0.35 at night up to 1 in the afternoon. */
export function dayCurve(at: Date): number {
  const hour = at.getUTCHours() + at.getUTCMinutes() / 60;
  return 0.35 + 0.65 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI));
}

function clampPercent(value: number): number {
  return Math.round(Math.min(100, Math.max(0, value)) * 10) / 10;
}

/** cpu and memory percent and a message count for one agent at one moment. */
export function resourceSamples(agent: FleetAgent, at: Date, rng: Random, load = dayCurve(at)): SampleItem[] {
  const timestamp = at.toISOString();
  // The hot agent stays hot whatever the hour, so the demo's CPU rule has something to fire on.
  const cpu = agent.role === 'hot' ? agent.cpu + rng.between(-4, 6) : agent.cpu * (0.6 + 0.6 * load) + rng.between(-6, 6);
  const memory = agent.memory + 8 * load + rng.between(-3, 3);
  return [
    { agentId: agent.id, type: 'cpu', value: clampPercent(cpu), timestamp },
    { agentId: agent.id, type: 'memory', value: clampPercent(memory), timestamp },
    { agentId: agent.id, type: 'messages', value: rng.int(0, Math.round(6 * load) + 1), timestamp },
  ];
}

/** One LLM call as the agent's model would report it: cache reads within the input, reasoning within the output. */
export function llmCall(agent: FleetAgent, at: Date, rng: Random): LlmCallItem {
  const inputTokens = Math.round(agent.inputTokens * rng.between(0.6, 1.4));
  const outputTokens = Math.round(rng.between(120, 900) * (1 + 2 * agent.reasoningShare));
  const failed = rng.chance(LLM_ERROR_RATE);
  return {
    agentId: agent.id,
    model: agent.model,
    provider: agent.provider,
    inputTokens,
    outputTokens: failed ? 0 : outputTokens,
    cacheReadInputTokens: Math.round(inputTokens * agent.cacheShare * rng.between(0.7, 1)),
    reasoningOutputTokens: failed ? 0 : Math.round(outputTokens * agent.reasoningShare),
    latencyMs: Math.round(rng.between(400, 2200) * (1 + agent.reasoningShare)),
    status: failed ? 'error' : 'success',
    ...(failed ? { errorType: rng.pick(['rate_limit_exceeded', 'overloaded', 'context_length_exceeded']) } : {}),
    traceId: rng.hex(16),
    timestamp: at.toISOString(),
  };
}

/** One tool call; about one in ten fails. */
export function toolCall(agent: FleetAgent, at: Date, rng: Random, traceId = rng.hex(16)): ToolCallItem {
  const failed = rng.chance(TOOL_ERROR_RATE);
  return {
    agentId: agent.id,
    tool: rng.pick(agent.tools),
    durationMs: Math.round(rng.between(30, 1500)),
    status: failed ? 'error' : 'success',
    ...(failed ? { errorType: rng.pick(TOOL_ERRORS) } : {}),
    traceId,
    timestamp: at.toISOString(),
  };
}

/**
 * What one agent does in one interval ending at `at`: resource samples, `calls` LLM calls, and a
 * tool call after most of them. Call times spread over the `spanMs` before `at`.
 */
export function agentActivity(agent: FleetAgent, at: Date, spanMs: number, calls: number, rng: Random): TelemetryBatch {
  const batch: TelemetryBatch = { samples: resourceSamples(agent, at, rng), llmCalls: [], toolCalls: [] };
  for (let i = 0; i < calls; i++) {
    const when = new Date(at.getTime() - Math.floor(rng.next() * spanMs));
    const call = llmCall(agent, when, rng);
    batch.llmCalls.push(call);
    if (rng.chance(0.7)) batch.toolCalls.push(toolCall(agent, new Date(when.getTime() + 50), rng, call.traceId));
  }
  return batch;
}
