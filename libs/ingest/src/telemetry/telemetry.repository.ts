import { EntityManager, Knex } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from '@fleetwatch/common';
import type { PricedCall } from '@fleetwatch/cost';
import { LlmCallItem, SampleItem, ToolCallItem } from '../validation/ingest-batch';
import { copyJson, copyNumber, copyString } from './copy-text';

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
   * One statement: when every agent among `ids` exists and is the caller's (any agent for an
   * admin), moves their last_seen_at forward (never backwards) and returns their owners; otherwise
   * changes nothing and returns an empty map. Rows are locked in id order so concurrent batches
   * touching the same agents cannot deadlock.
   */
  async touchIfAllOwned(
    em: EntityManager,
    ids: readonly string[],
    at: Date,
    callerId: string,
    admin: boolean,
    sampleAgentIds: readonly string[] = [],
  ): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const list = JSON.stringify(ids);
    const rows = await em.getConnection().execute<{ id: string; owner_id: string }[]>(
      `update agents a set last_seen_at = greatest(a.last_seen_at, ?::timestamptz),
         last_sample_at = case when a.id in (select json_array_elements_text(?::json)::uuid)
                               then greatest(a.last_sample_at, ?::timestamptz) else a.last_sample_at end
       from (select id from agents where id in (select json_array_elements_text(?::json)::uuid) and (owner_id = ? or ?)
             order by id for no key update) l
       where a.id = l.id
         and (select count(*) from agents where id in (select json_array_elements_text(?::json)::uuid) and (owner_id = ? or ?)) = ?
       returning a.id, a.owner_id`,
      [at, JSON.stringify(sampleAgentIds), at, list, callerId, admin, list, callerId, admin, ids.length],
      'all',
      em.getTransactionContext(),
    );
    return new Map(rows.map((r) => [r.id, r.owner_id]));
  }

  /** Owner of each existing agent among `ids` (only to name the culprit of a refused batch). */
  async ownersOf(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await em
      .getConnection()
      .execute<{ id: string; owner_id: string }[]>(
        `select id, owner_id from agents where id in (select json_array_elements_text(?::json)::uuid)`,
        [JSON.stringify(ids)],
        'all',
        em.getTransactionContext(),
      );
    return new Map(rows.map((r) => [r.id, r.owner_id]));
  }

  /**
   * COPY on the connection that holds `em`'s transaction, so the rows commit or roll back with it;
   * without a transaction, on a pooled connection of its own (a single COPY is atomic by itself).
   */
  private async copy(em: EntityManager, target: string, text: string): Promise<void> {
    const trx = em.getTransactionContext<Knex.Transaction>();
    const client = trx ? trx.client : em.getConnection().getKnex().client;
    const connection = (await client.acquireConnection()) as PoolClient;
    try {
      await pipeline(Readable.from([text]), connection.query(copyFrom(`copy ${target} from stdin`)));
    } finally {
      await client.releaseConnection(connection);
    }
  }
}
