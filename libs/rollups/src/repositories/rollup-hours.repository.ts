import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Histogram } from '../histogram/log-histogram';
import { num, query } from './execute';
import { LLM_HOURS, SAMPLE_HOURS, TOOL_HOURS } from './rollup.sql';

export interface SampleHour {
  agentId: string;
  type: string;
  hour: Date;
  count: number;
  sum: number;
  min: number;
  max: number;
  hist: Histogram;
}

export interface LlmHour {
  agentId: string;
  /** '' for calls sent without a model. */
  model: string;
  hour: Date;
  count: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencySum: number;
  latencyMin: number;
  latencyMax: number;
  latencyHist: Histogram;
  /** Per-type token sums (OpenTelemetry GenAI partitions of inputTokens / outputTokens). */
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
  cacheCreation5mInputTokens: number;
  cacheCreation1hInputTokens: number;
  reasoningOutputTokens: number;
  audioInputTokens: number;
  audioOutputTokens: number;
  imageInputTokens: number;
  /** Calls priced with the fallback rate (rate_source 'fallback'), and their tokens. */
  unpricedCalls: number;
  unpricedInputTokens: number;
  unpricedOutputTokens: number;
}

export interface ToolHour {
  agentId: string;
  tool: string;
  hour: Date;
  count: number;
  errors: number;
  durationSum: number;
  durationMin: number;
  durationMax: number;
  durationHist: Histogram;
  errorTypes: Record<string, number>;
}

/** Rows of `rollup_samples_hourly`, `rollup_llm_hourly` and `rollup_tool_hourly` for hours in [from, to). */
@Injectable()
export class RollupHoursRepository {
  constructor(private readonly em: EntityManager) {}

  async sampleHours(agentIds: string[], from: Date, to: Date, type?: string): Promise<SampleHour[]> {
    const rows = await query<Record<string, unknown>>(
      this.em,
      SAMPLE_HOURS(Boolean(type)),
      type ? [agentIds.join(','), from, to, type] : [agentIds.join(','), from, to],
    );
    return rows.map((r) => ({
      agentId: String(r.agent_id),
      type: String(r.type),
      hour: new Date(r.hour as string),
      count: num(r.count),
      sum: num(r.sum),
      min: num(r.min),
      max: num(r.max),
      hist: r.hist as Histogram,
    }));
  }

  async llmHours(agentIds: string[], from: Date, to: Date, model?: string): Promise<LlmHour[]> {
    const rows = await query<Record<string, unknown>>(
      this.em,
      LLM_HOURS(model !== undefined),
      model !== undefined ? [agentIds.join(','), from, to, model] : [agentIds.join(','), from, to],
    );
    return rows.map((r) => ({
      agentId: String(r.agent_id),
      model: String(r.model),
      hour: new Date(r.hour as string),
      count: num(r.count),
      errors: num(r.errors),
      inputTokens: num(r.input_tokens),
      outputTokens: num(r.output_tokens),
      costUsd: num(r.cost_usd),
      latencySum: num(r.latency_sum),
      latencyMin: num(r.latency_min),
      latencyMax: num(r.latency_max),
      latencyHist: r.latency_hist as Histogram,
      cacheReadInputTokens: num(r.cache_read_input_tokens),
      cacheCreationInputTokens: num(r.cache_creation_input_tokens),
      cacheCreation5mInputTokens: num(r.cache_creation_5m_input_tokens),
      cacheCreation1hInputTokens: num(r.cache_creation_1h_input_tokens),
      reasoningOutputTokens: num(r.reasoning_output_tokens),
      audioInputTokens: num(r.audio_input_tokens),
      audioOutputTokens: num(r.audio_output_tokens),
      imageInputTokens: num(r.image_input_tokens),
      unpricedCalls: num(r.unpriced_calls),
      unpricedInputTokens: num(r.unpriced_input_tokens),
      unpricedOutputTokens: num(r.unpriced_output_tokens),
    }));
  }

  async toolHours(agentIds: string[], from: Date, to: Date, tool?: string): Promise<ToolHour[]> {
    const rows = await query<Record<string, unknown>>(
      this.em,
      TOOL_HOURS(Boolean(tool)),
      tool ? [agentIds.join(','), from, to, tool] : [agentIds.join(','), from, to],
    );
    return rows.map((r) => ({
      agentId: String(r.agent_id),
      tool: String(r.tool),
      hour: new Date(r.hour as string),
      count: num(r.count),
      errors: num(r.errors),
      durationSum: num(r.duration_sum),
      durationMin: num(r.duration_min),
      durationMax: num(r.duration_max),
      durationHist: r.duration_hist as Histogram,
      errorTypes: r.error_types as Record<string, number>,
    }));
  }
}
