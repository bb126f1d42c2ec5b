import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, withDatabaseName } from './embedded-postgres';

const APP_DATABASE = 'fleetwatch';

/**
 * DATABASE_URL when set; otherwise a persistent embedded PostgreSQL under DATA_DIR/pg with a
 * `fleetwatch` database. `stop` is a no-op for an external database.
 */
export async function resolveDatabaseUrl(options: {
  databaseUrl?: string;
  dataDir: string;
  onLog?: (line: string) => void;
}): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }> {
  if (options.databaseUrl) return { url: options.databaseUrl, embedded: false, stop: async () => undefined };
  const handle = await startEmbeddedPostgres({ dataDir: join(options.dataDir, 'pg'), persistent: true, onLog: options.onLog });
  const client = new Client({ connectionString: handle.url });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [APP_DATABASE]);
    if (exists.rowCount === 0) await client.query(`create database ${APP_DATABASE}`);
  } finally {
    await client.end();
  }
  return { url: withDatabaseName(handle.url, APP_DATABASE), embedded: true, stop: () => handle.stop() };
}
