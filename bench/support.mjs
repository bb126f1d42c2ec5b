// What the benchmark scripts share. Each runs the compiled code from dist/ (npm run build first) on a database
// of its own, created and dropped by the run, so that a benchmark never touches data someone works with; and
// each describes the machine and the server the same way, so that figures of different runs can be compared.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const require = createRequire(import.meta.url);
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Before any compiled module loads: without it their decorators record no parameter types and Nest cannot inject.
require('reflect-metadata');
export const dist = (path) => require(join(root, 'dist', path));
const { Client } = require('pg');
const { loadConfig } = dist('libs/config/src/index.js');
const { startEmbeddedPostgres, withDatabaseName } = dist('libs/database/src/index.js');

/** Numeric option `--name value`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

export const flag = (name) => process.argv.includes(`--${name}`);

export const log = (line) => process.stdout.write(`${line}\n`);

/** Nearest-rank percentile (q = 0.5: the median). */
export function percentile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

/** E.g. "2 × AMD EPYC, 23.5 GiB RAM". */
export function machine() {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;
}

/** E.g. "PostgreSQL 18.4 on x86_64-pc-linux-gnu (embedded)". */
export async function serverVersion(sql, db) {
  const [{ version }] = (await sql.query('select version()')).rows;
  return `${version.split(',')[0]} (${db.embedded ? 'embedded' : 'DATABASE_URL'})`;
}

/**
 * A new database on DATABASE_URL's server, or, without DATABASE_URL, on an embedded server started for the run
 * (fsync off). `stop()` drops it, and the embedded server with its files.
 */
export async function benchDatabase(label) {
  const name = `fw_bench_${label}_${randomBytes(4).toString('hex')}`;
  let serverUrl = loadConfig().database.url;
  let handle;
  let dir;
  if (!serverUrl) {
    dir = mkdtempSync(join(tmpdir(), `fleetwatch-bench-${label}-`));
    // The embedded server runs as another user when started as root and must reach its data directory.
    chmodSync(dir, 0o755);
    handle = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), persistent: false });
    serverUrl = handle.url;
  }
  await onServer(serverUrl, `create database ${name}`);
  return {
    url: withDatabaseName(serverUrl, name),
    embedded: Boolean(handle),
    /** The embedded server's data directory (to find its processes), or undefined on DATABASE_URL. */
    dataDir: dir ? join(dir, 'pg') : undefined,
    stop: async () => {
      await onServer(serverUrl, `drop database if exists ${name} with (force)`).catch(() => undefined);
      await handle?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function onServer(url, statement) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The whole API in-process on the bench database; jobs off, as the scripts drive the work themselves. */
export async function startApp(db, label, env = {}) {
  const { NestFactory } = require('@nestjs/core');
  const { AppModule } = dist('apps/api/src/app.module.js');
  const { configureApp, createFastifyAdapter } = dist('apps/api/src/configure-app.js');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    DATA_DIR: join(tmpdir(), `fleetwatch-bench-${label}-data`),
    ...env,
  });
  const app = await NestFactory.create(AppModule.register({ config }), createFastifyAdapter(config), { logger: false });
  await configureApp(app, config);
  await app.init();
  return app;
}

/** Replaces the section `## <heading>` of docs/benchmarks.md (or appends it), leaving the others as they are. */
export function writeSection(heading, section) {
  const file = join(root, 'docs', 'benchmarks.md');
  mkdirSync(dirname(file), { recursive: true });
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = text.search(new RegExp(`^## ${heading}\\b.*$`, 'm'));
  if (start >= 0) {
    const rest = text.slice(start + 1);
    const next = rest.search(/^## /m);
    text = text.slice(0, start) + section + (next >= 0 ? '\n' + rest.slice(next) : '');
  } else {
    text = text.replace(/\s*$/, '\n\n') + section;
  }
  writeFileSync(file, text.replace(/\n*$/, '\n'));
}

/** Runs a script's main; a failure ends the process with status 1 after printing why. */
export function run(name, main) {
  main().catch((error) => {
    process.stderr.write(`bench:${name} failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
