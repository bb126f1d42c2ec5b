/**
 * Every pooled connection carries a client read timeout just above DATABASE_STATEMENT_TIMEOUT_MS.
 * A server-side cursor streamed over many minutes (an export) is one query for node-postgres, so it
 * needs a bound of its own:
 * node-postgres reads `query_timeout` from a submittable (QueryStream) before the connection's
 * default: a positive value replaces the client read timeout for that one query.
 */
export function withClientReadTimeout<T extends object>(submittable: T, timeoutMs: number): T {
  (submittable as T & { query_timeout?: number }).query_timeout = Math.max(1, Math.round(timeoutMs));
  return submittable;
}
