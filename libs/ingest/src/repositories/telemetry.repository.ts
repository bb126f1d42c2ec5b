import { EntityManager, Knex } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from '@fleetwatch/common';
import type { PricedCall } from '@fleetwatch/cost';
import { LlmCallItem, SampleItem, ToolCallItem } from '../validation/ingest-batch';
import { copyJson, copyNumber, copyString } from './copy-text.codec';

/** The part of knex's (untyped) pg client that hands out the raw pg connections. */
interface KnexPgClient {
  acquireConnection(): Promise<PoolClient>;
  releaseConnection(connection: PoolClient): Promise<void>;
}

/**
 * Batch SQL of the ingest path: each method is ONE statement whatever the batch size. Rows go in
 * with COPY straight on the pg connection (the ORM would inline a JSON literal into the SQL text,
 * which measured several times slower); no per-row binds, no unit of work.
 */
@Injectable()
export class TelemetryRepository {
  async insertSamples(em: EntityManager, items: readonly SampleItem[]): Promise<void> {
    if (items.length === 0) return;
    let text = '';
    for (const s of items) {
      text += `${newId()}\t${s.agentId}\t${copyString(s.type)}\t${s.value}\t${copyJson(s.metadata)}\t${s.timestamp.toISOString()}\n`;
    }
    await this.copy(em, 'metric_samples (id, agent_id, type, value, metadata, ts)', text);
  }

  async insertLlmCalls(em: EntityManager, items: readonly LlmCallItem[], priced: readonly PricedCall[]): Promise<void> {
    if (items.length === 0) return;
    let text = '';
    items.forEach((c, i) => {
      const p = priced[i];
      text +=
        `${newId()}\t${c.agentId}\t${copyString(c.model)}\t${copyString(c.provider ?? p.provider)}\t${c.inputTokens}\t${c.outputTokens}\t` +
        `${c.latencyMs}\t${c.status}\t${copyString(c.errorType)}\t${p.costUsd}\t${p.rateSource}\t${copyString(c.traceId)}\t${c.timestamp.toISOString()}\n`;
    });
    await this.copy(
      em,
      'llm_calls (id, agent_id, model, provider, input_tokens, output_tokens, latency_ms, status, error_type, cost_usd, rate_source, trace_id, ts)',
      text,
    );
  }

  async insertToolCalls(em: EntityManager, items: readonly ToolCallItem[]): Promise<void> {
    if (items.length === 0) return;
    let text = '';
    for (const c of items) {
      text +=
        `${newId()}\t${c.agentId}\t${copyString(c.tool)}\t${copyNumber(c.durationMs)}\t${c.status}\t${copyString(c.errorType)}\t` +
        `${copyString(c.traceId)}\t${c.timestamp.toISOString()}\n`;
    }
    await this.copy(em, 'tool_calls (id, agent_id, tool, duration_ms, status, error_type, trace_id, ts)', text);
  }

  /**
   * COPY on the connection that holds `em`'s transaction, so the rows commit or roll back with it;
   * without a transaction, on a pooled connection of its own (a single COPY is atomic by itself).
   */
  private async copy(em: EntityManager, target: string, text: string): Promise<void> {
    const trx = em.getTransactionContext<Knex.Transaction>();
    const client = (trx ? trx.client : em.getConnection().getKnex().client) as KnexPgClient;
    const connection = await client.acquireConnection();
    try {
      await pipeline(Readable.from([text]), connection.query(copyFrom(`copy ${target} from stdin`)));
    } finally {
      await client.releaseConnection(connection);
    }
  }
}
