import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { AnalyticsError } from '../errors/analytics.error';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { finished, Readable } from 'node:stream';

/** Rows fetched per round trip: memory stays at about one batch whatever the export's size. */
export const CURSOR_BATCH_SIZE = 1000;

interface PoolOwner {
  acquireConnection(): Promise<PoolClient>;
  releaseConnection(connection: PoolClient): Promise<unknown>;
}

/**
 * Streams a query's rows through a server-side cursor on a connection borrowed from the ORM's pool.
 * The connection is borrowed before this resolves (so an outage is an error, not a broken download)
 * and goes back to the pool when the stream ends, fails or is destroyed by a client that hung up.
 */
@Injectable()
export class RowCursor {
  /** Each open cursor holds a pooled connection for a whole download: a third of the pool at most. */
  readonly limit: number;
  private open_ = 0;

  constructor(
    private readonly em: EntityManager,
    config: AppConfig,
  ) {
    this.limit = Math.max(1, Math.floor(config.database.poolMax / 3));
  }

  async open(sql: string, params: unknown[]): Promise<Readable> {
    if (this.open_ >= this.limit) throw AnalyticsError.tooManyExports(this.limit);
    this.open_ += 1;
    const pool = this.em.getConnection().getKnex().client as unknown as PoolOwner;
    let connection: PoolClient;
    try {
      connection = await pool.acquireConnection();
    } catch (error) {
      this.open_ -= 1;
      throw error;
    }
    const stream = connection.query(new QueryStream(sql, params, { batchSize: CURSOR_BATCH_SIZE }));
    let released = false;
    finished(stream, () => {
      if (released) return;
      released = true;
      this.open_ -= 1;
      void pool.releaseConnection(connection);
    });
    return stream;
  }
}
