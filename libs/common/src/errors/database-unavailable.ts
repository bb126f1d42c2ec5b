const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
// SQLSTATE classes 08 (connection exception) and 57P0x (operator intervention: shutdown, crash),
// 57014 (statement_timeout fired) and 55P03 (lock_timeout fired): the database is too busy now.
// Not 08P01 (protocol violation): MikroORM inlines parameters into the query text, so a NUL in a
// client's string ends the message early and PostgreSQL answers 08P01 — the request's fault, not an outage.
const SQLSTATE = /^(08(?!P01)|57P0|57014$|55P03$)/;
// node-postgres and knex report a silent or vanished server with messages only, no code.
const MESSAGES =
  /(Connection terminated|Knex: Timeout acquiring a connection|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|(^| - )timeout expired$|Query read timeout|Client was closed and is not queryable|Connection ended unexpectedly|read ECONNRESET|write EPIPE|socket hang up)/i;

/** True when an error means PostgreSQL could not be reached (answer 503), not a bad query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; previous?: unknown };
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
    if (e.name === 'ConnectionException') return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
    current = e.previous ?? e.cause;
  }
  return false;
}
