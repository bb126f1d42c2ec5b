export interface TimeoutOptions {
  /** Server-side statement_timeout; 0 turns statement and client read timeouts off (migrations). */
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
}

/** Time to open a connection (TCP, TLS, authentication) before the attempt fails. */
export const CONNECT_TIMEOUT_MS = 2000;
/**
 * The client waits this much longer than the server's statement_timeout: a live server reports
 * its own cancellation first, so only a server that stopped answering hits the client timer.
 */
export const CLIENT_READ_MARGIN_MS = 2000;
const KEEPALIVE_DELAY_MS = 10_000;
const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
const DEFAULT_IDLE_IN_TRANSACTION_MS = 60_000;

/** node-postgres connection settings that bound every wait on the database. */
export function connectionTimeouts(options: TimeoutOptions): Record<string, unknown> {
  const statement = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  return {
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
    ...(statement > 0 ? { statement_timeout: statement, query_timeout: statement + CLIENT_READ_MARGIN_MS } : {}),
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? DEFAULT_IDLE_IN_TRANSACTION_MS,
  };
}

/** The parts of a node-postgres Client the pool looks at; private fields of pg 8, read defensively. */
interface PgClientState {
  readyForQuery?: boolean;
  _queryable?: boolean;
  _ending?: boolean;
  _queryQueue?: unknown[];
}

/**
 * A pooled connection is reusable only when idle and healthy. After a client read timeout the
 * query is still pending on the socket (a silent server never answers it), so the connection
 * is dropped instead of queueing the next request's query behind it.
 */
export function isReusableConnection(connection: unknown): boolean {
  const c = connection as PgClientState;
  return c.readyForQuery === true && c._queryable !== false && c._ending !== true && (c._queryQueue?.length ?? 0) === 0;
}
