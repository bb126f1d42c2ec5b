import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from 'pg';
import type { TestApp } from '../support/test-app';

/** Listens on a loopback port (once) so raw http clients can leave a response unread. */
export async function loopbackPort(t: TestApp): Promise<number> {
  if (!t.app.getHttpServer().listening) await t.app.listen(0, '127.0.0.1');
  return (t.app.getHttpServer().address() as AddressInfo).port;
}

export interface HeldDownload {
  response: http.IncomingMessage;
  /** Settles once the server has ended the response, cut off or complete. */
  closed: Promise<{ complete: boolean }>;
}

/** Starts a download and never reads its body, like a client whose process stopped reading. */
export function holdDownload(port: number, path: string, token: string): Promise<HeldDownload> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.on('error', () => undefined);
      const closed = new Promise<{ complete: boolean }>((done) => response.once('close', () => done({ complete: response.complete })));
      resolve({ response, closed });
    });
    req.on('error', reject);
  });
}

/**
 * Many rows of one agent's samples, written by PostgreSQL itself: megabytes of CSV, far more than
 * loopback socket buffers take in, so an unread download really stalls on its cursor.
 */
export async function insertManySamples(sql: Client, agentId: string, count: number, from: string): Promise<void> {
  const day = from.slice(0, 10);
  await sql.query(`select fw_ensure_daily_partitions('metric_samples', $1::date, $1::date)`, [day]);
  await sql.query(
    `insert into metric_samples (id, agent_id, type, value, metadata, ts)
     select gen_random_uuid(), $1, 'cpu', n % 100, jsonb_build_object('n', n), $2::timestamptz + n * interval '1 millisecond'
     from generate_series(1, $3::int) n`,
    [agentId, from, count],
  );
}

/** Backends of this database still inside a transaction (a cursor keeps one open), other than the test's own. */
export async function openTransactions(sql: Client): Promise<{ state: string; query: string }[]> {
  const { rows } = await sql.query<{ state: string; query: string }>(
    `select state, query from pg_stat_activity
     where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null`,
  );
  return rows;
}

/** Repeats `probe` until `done` holds of its result, for at most `attempts` × 100 ms (a guard against freezes, not a timing check). */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, attempts = 100): Promise<T> {
  let value = await probe();
  for (let i = 0; i < attempts && !done(value); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}
