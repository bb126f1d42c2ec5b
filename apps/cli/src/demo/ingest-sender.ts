import { ApiClient, ApiError } from './api-client';
import { LlmCallItem, TelemetryBatch } from './telemetry-generator';

const EXTENDED_TOKEN_FIELDS = ['cacheReadInputTokens', 'reasoningOutputTokens'] as const;

export interface Accepted {
  samples: number;
  llmCalls: number;
  toolCalls: number;
}

function withoutExtendedTokens(call: LlmCallItem): LlmCallItem {
  const { cacheReadInputTokens: _cache, reasoningOutputTokens: _reasoning, ...rest } = call;
  return rest;
}

/**
 * POST /api/ingest with the demo's API key. The API contract has cache-read and reasoning token
 * fields, but a server from before they were accepted refuses unknown properties with a 400 naming
 * them; then the sender drops those two fields for the rest of the run (and says so once), rather
 * than stopping the demo.
 */
export class IngestSender {
  private extendedTokens = true;

  constructor(
    private readonly api: ApiClient,
    private readonly note: (message: string) => void,
  ) {}

  get sendsExtendedTokens(): boolean {
    return this.extendedTokens;
  }

  async send(batch: TelemetryBatch): Promise<Accepted> {
    const body = this.extendedTokens ? batch : { ...batch, llmCalls: batch.llmCalls.map(withoutExtendedTokens) };
    try {
      return await this.post(body);
    } catch (error) {
      if (!this.extendedTokens || !(error instanceof ApiError) || error.status !== 400) throw error;
      const text = error.messageText;
      if (!text.includes('not an allowed property') || !EXTENDED_TOKEN_FIELDS.some((field) => text.includes(field))) throw error;
      this.extendedTokens = false;
      this.note(
        'this server does not accept cacheReadInputTokens/reasoningOutputTokens on /api/ingest yet: sending LLM calls without them (OTLP spans still carry them)',
      );
      return this.send(batch);
    }
  }

  private async post(body: TelemetryBatch): Promise<Accepted> {
    const answer = await this.api.call<{ accepted: Accepted }>('POST', '/api/ingest', body);
    return answer.accepted;
  }
}
