import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabaseName } from '@fleetwatch/database';
import { TEMPLATE_DATABASE, TEST_ADMIN_URL_ENV } from './test-database-env';

export function testAdminUrl(): string {
  const url = process.env[TEST_ADMIN_URL_ENV];
  if (!url) throw new Error(`${TEST_ADMIN_URL_ENV} is not set: run the tests through jest (global setup starts PostgreSQL)`);
  return url;
}

/** A fresh, already migrated database cloned from the template; returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const name = `fw_test_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: testAdminUrl() });
  await client.connect();
  try {
    await client.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
  } finally {
    await client.end();
  }
  return withDatabaseName(testAdminUrl(), name);
}

/** A plain pg client on a test database, for assertions on stored rows. */
export async function sqlClient(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}
