import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { withClientReadTimeout } from '@fleetwatch/database';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { finished, Readable } from 'node:stream';

/** Rows fetched per round trip: memory stays at about one batch whatever the export's size. */
export const CURSOR_BATCH_SIZE = 1000;
/** The client waits this much past the server's own cap, so the server reports its cancellation first. */
const CLIENT_MARGIN_MS = 2000;

interface PoolOwner {
  acquireConnection(): Promise<PoolClient>;
  releaseConnection(connection: PoolClient): Promise<unknown>;
}

/**
 * Streams a query's rows through a server-side cursor on a connection borrowed from the ORM's pool.
 * The connection is borrowed before this resolves (so an outage is an error, not a broken download)
 * and goes back to the pool when the stream ends, fails or is destroyed (by a client that hung up or
 * by the export guard's idle timeout). How many cursors may be open at once is ExportSlots' rule.
 */
@Injectable()
export class RowCursor {
  private readonly timeoutMs: number;

  constructor(
    private readonly em: EntityManager,
    config: AppConfig,
  ) {
    this.timeoutMs = config.exports.maxSeconds * 1000;
  }

  async open(sql: string, params: unknown[]): Promise<Readable> {
    const pool = this.em.getConnection().getKnex().client as unknown as PoolOwner;
    const connection = await pool.acquireConnection();
    try {
      // PostgreSQL times a portal from its first fetch to its last (no Sync comes in between), so a
      // server-wide statement_timeout would cut off any export read for longer than it; this export's
      // own cap, EXPORT_MAX_SECONDS, bounds it instead, for this transaction only.
      await connection.query('begin read only');
      await connection.query(`set local statement_timeout = ${this.timeoutMs}`);
    } catch (error) {
      await pool.releaseConnection(connection);
      throw error;
    }
    // The pool's client read timeout (just above DATABASE_STATEMENT_TIMEOUT_MS) would also end a long
    // download: the cursor is one query for node-postgres too, so it gets the export's own bound.
    const stream = connection.query(withClientReadTimeout(new QueryStream(sql, params, { batchSize: CURSOR_BATCH_SIZE }), this.timeoutMs + CLIENT_MARGIN_MS));
    let released = false;
    finished(stream, () => {
      if (released) return;
      released = true;
      // The transaction only read; ending it drops the snapshot before the connection is reused.
      void connection
        .query('rollback')
        .catch(() => undefined)
        .finally(() => void pool.releaseConnection(connection));
    });
    return stream;
  }
}
