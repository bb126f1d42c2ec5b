import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { describeError } from '@fleetwatch/common';
import { ConfigError, loadConfig } from '@fleetwatch/config';
import { syncCatalogue } from '@fleetwatch/cost';
import { PARTITION_DAYS_AHEAD, resolveDatabaseUrl, runMigrations } from '@fleetwatch/database';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './configure-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await resolveDatabaseUrl({ databaseUrl: config.database.url, dataDir: config.server.dataDir });
  try {
    if (process.argv.includes('--migrate')) {
      const applied = await runMigrations(database.url, {
        partitions: { backDays: config.telemetry.rawRetentionDays, aheadDays: PARTITION_DAYS_AHEAD },
        onWarning: (message) => process.stderr.write(`${message}\n`),
        afterMigrate: async (db) => {
          const r = await syncCatalogue(db, new Date());
          process.stdout.write(`prices: catalogue ${r.catalogueVersion}, ${r.added} new and ${r.changed} changed versions\n`);
        },
      });
      process.stdout.write(`migrations: ${applied.length ? applied.join(', ') : 'none pending'}\n`);
    }
    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.register({ config: config.withDatabaseUrl(database.url), stopDatabase: database.stop }),
      createFastifyAdapter(config),
      { bufferLogs: true },
    );
    await configureApp(app, config);
    app.enableShutdownHooks();
    await app.listen({ port: config.server.port, host: config.server.host });
    const where = `http://${config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host}:${config.server.port}`;
    process.stdout.write(
      `Fleetwatch listening on ${where}  (OpenAPI UI ${where}/api/docs, readiness ${where}/health/ready; database: ${database.embedded ? 'embedded PostgreSQL in ' + config.server.dataDir + '/pg' : 'DATABASE_URL'})\n` +
        `\n  ➜  Open the web console: ${consoleUrl(config.server.host, config.server.port)}\n\n`,
    );
  } catch (error) {
    await database.stop().catch(() => undefined);
    throw error;
  }
}

/** A wildcard bind address is not something a browser can open: point at this machine instead. */
function consoleUrl(host: string, port: number): string {
  const browsable = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${browsable}:${port}/`;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else {
    // The cause first, on one line; the stack after it for whoever debugs.
    process.stderr.write(`Fleetwatch failed to start: ${describeError(error)}\n`);
    if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  }
  process.exit(1);
});
