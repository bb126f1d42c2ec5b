import type { PoolClient } from 'pg';

/**
 * Every pooled connection carries statement_timeout (DATABASE_STATEMENT_TIMEOUT_MS) and a client
 * read timeout just above it. A server-side cursor streamed over many minutes (an export) is one
 * statement for both, so it must lift them for its own connection, and put them back before the
 * connection returns to the pool.
 */
export async function liftStatementTimeout(connection: PoolClient, timeoutMs: number): Promise<void> {
  // 0 means no server-side limit at all; the stream's own idle timeout must then bound it.
  await connection.query(`select set_config('statement_timeout', $1, false)`, [`${Math.max(0, Math.round(timeoutMs))}ms`]);
}

/** Back to the session's default (the connection's start-up statement_timeout). */
export async function restoreStatementTimeout(connection: PoolClient): Promise<void> {
  await connection.query(`reset statement_timeout`);
}

/**
 * node-postgres reads `query_timeout` from a submittable (QueryStream) before the connection's
 * default: a positive value replaces the client read timeout for that one query.
 */
export function withClientReadTimeout<T extends object>(submittable: T, timeoutMs: number): T {
  (submittable as T & { query_timeout?: number }).query_timeout = Math.max(1, Math.round(timeoutMs));
  return submittable;
}
