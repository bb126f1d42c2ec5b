import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabaseName } from '@fleetwatch/database';
import { TEMPLATE_DATABASE } from './test-database-env';

/**
 * A fresh, already migrated database cloned from the template on the cluster at `adminUrl`
 * (test/support reads that URL from what Jest's global setup published); returns its URL.
 */
export async function createTestDatabase(adminUrl: string): Promise<string> {
  const name = `fw_test_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
  } finally {
    await client.end();
  }
  return withDatabaseName(adminUrl, name);
}

/** A plain pg client on a test database, for assertions on stored rows. */
export async function sqlClient(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}
