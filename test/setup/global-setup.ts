import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
// Relative imports: Jest's moduleNameMapper does not apply to global setup.
import { startEmbeddedPostgres, withDatabaseName } from '../../libs/database/src/embedded/embedded-postgres';
import { runMigrations } from '../../libs/database/src/orm/run-migrations';
import { syncCatalogue } from '../../libs/cost/src/prices/price-sync';
import { TEMPLATE_DATABASE, TEST_ADMIN_URL_ENV } from '../../libs/testing/src/test-database-env';

declare global {
  var __FW_EMBEDDED_STOP__: (() => Promise<void>) | undefined;
}

/**
 * One PostgreSQL for the whole run (DATABASE_URL, or an embedded cluster in a temp dir), and a
 * migrated template database that every test file clones into a fresh database of its own.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'fleetwatch-test-'));
    // Run as root, PostgreSQL runs as the `postgres` user and must reach the directory.
    chmodSync(dir, 0o755);
    const handle = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), persistent: false });
    adminUrl = handle.url;
    globalThis.__FW_EMBEDDED_STOP__ = () => handle.stop();
  }
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${TEMPLATE_DATABASE}`);
    await client.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await client.end();
  }
  // As `npm start` and `migrate` do: every test database starts with the catalogue's prices.
  await runMigrations(withDatabaseName(adminUrl, TEMPLATE_DATABASE), { afterMigrate: async (db) => void (await syncCatalogue(db, new Date())) });
  process.env[TEST_ADMIN_URL_ENV] = adminUrl;
}
