import 'reflect-metadata';
import { describeError } from '@fleetwatch/common';
import { ConfigError, loadConfig } from '@fleetwatch/config';
import { syncCatalogue, type PriceSyncResult } from '@fleetwatch/cost';
import { PARTITION_DAYS_AHEAD, resolveDatabaseUrl, runMigrations } from '@fleetwatch/database';

const USAGE = 'usage: node dist/apps/cli/src/main.js migrate | prices:sync | demo [--help]';

function describeSync(r: PriceSyncResult): string {
  return `prices: catalogue @pydantic/genai-prices ${r.catalogueVersion}: ${r.added} new, ${r.changed} changed (new versions from now), ${r.unchanged} unchanged; ${r.providers} providers\n`;
}

/**
 * Operator commands. `migrate` applies pending migrations to DATABASE_URL (or the embedded
 * database) and then syncs the price catalogue; `prices:sync` is the same command under the name an
 * operator upgrading @pydantic/genai-prices looks for; `demo` runs the demo fleet against a server.
 */
async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  // Loaded on demand: the demo needs the OpenTelemetry SDK, a dev dependency absent from production images.
  if (command === 'demo') return (await import('./demo/demo.command')).demoCommand(argv.slice(1));
  if (command !== 'migrate' && command !== 'prices:sync') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const database = await resolveDatabaseUrl({ databaseUrl: config.database.url, dataDir: config.server.dataDir });
  try {
    let synced: PriceSyncResult | undefined;
    const applied = await runMigrations(database.url, {
      partitions: { backDays: config.telemetry.rawRetentionDays, aheadDays: PARTITION_DAYS_AHEAD },
      onWarning: (message) => process.stderr.write(`${message}\n`),
      afterMigrate: async (db) => void (synced = await syncCatalogue(db, new Date())),
    });
    process.stdout.write(`migrations applied: ${applied.length ? applied.join(', ') : 'none pending'}\n`);
    if (synced) process.stdout.write(describeSync(synced));
    return 0;
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError
        ? `${error.message}\n`
        : `migrate failed: ${describeError(error)}\n${error instanceof Error && error.stack ? `${error.stack}\n` : ''}`,
    );
    process.exit(1);
  },
);
