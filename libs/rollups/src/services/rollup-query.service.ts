import { Injectable } from '@nestjs/common';
import { LlmHour, RollupHoursRepository, SampleHour, ToolHour } from '../repositories/rollup-hours.repository';

/**
 * Read access to the hourly rollups for other libs (analytics, alerts): rows of hours in
 * [from, to), filtered by agents and optionally one sample type / model / tool. Merge histograms
 * with `mergeHistograms` and read percentiles with `percentileFromHistogram`.
 */
@Injectable()
export class RollupQueryService {
  constructor(private readonly hours: RollupHoursRepository) {}

  sampleHours(agentIds: string[], from: Date, to: Date, type?: string): Promise<SampleHour[]> {
    return this.hours.sampleHours(agentIds, from, to, type);
  }

  llmHours(agentIds: string[], from: Date, to: Date, model?: string): Promise<LlmHour[]> {
    return this.hours.llmHours(agentIds, from, to, model);
  }

  toolHours(agentIds: string[], from: Date, to: Date, tool?: string): Promise<ToolHour[]> {
    return this.hours.toolHours(agentIds, from, to, tool);
  }
}
