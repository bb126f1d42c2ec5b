import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { Client } from 'pg';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp, createFastifyAdapter } from '../../apps/api/src/configure-app';
import { Clock, ManualClock } from '@fleetwatch/common';
import { AppConfig, loadConfig } from '@fleetwatch/config';
import { createTestDatabase, sqlClient, TcpProxy, TEST_ADMIN_URL_ENV, TestClient } from '@fleetwatch/testing';

/** The test cluster's maintenance database, published by Jest's global setup. */
export function testAdminUrl(): string {
  const url = process.env[TEST_ADMIN_URL_ENV];
  if (!url) throw new Error(`${TEST_ADMIN_URL_ENV} is not set: run the tests through jest (global setup starts PostgreSQL)`);
  return url;
}

export interface TestApp {
  app: NestFastifyApplication;
  client: TestClient;
  clock: ManualClock;
  config: AppConfig;
  /** URL of this file's own database (the real one, not through the proxy). */
  databaseUrl: string;
  /** A direct connection for arranging and checking rows. */
  sql: Client;
  /** Present with `viaProxy`: cut() makes PostgreSQL unreachable for the app. */
  proxy?: TcpProxy;
  get<T>(token: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment, as an operator would set it. */
  env?: Record<string, string>;
  /** Start time of the injected clock. */
  now?: string | Date;
  /** Reuse a database (a second replica); default: a fresh clone of the migrated template. */
  databaseUrl?: string;
  /** Route the app's database traffic through a TCP proxy the test can cut. */
  viaProxy?: boolean;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/** The real application on a real PostgreSQL, with an injected clock and jobs off by default. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase(testAdminUrl()));
  let proxy: TcpProxy | undefined;
  let appUrl = databaseUrl;
  if (options.viaProxy) {
    const target = new URL(databaseUrl);
    proxy = new TcpProxy(target.hostname, Number(target.port));
    const port = await proxy.start();
    const through = new URL(databaseUrl);
    through.port = String(port);
    appUrl = through.toString();
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: appUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    DATABASE_POOL_MAX: '5',
    ...options.env,
  });
  const clock = new ManualClock(options.now ?? new Date());
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register({ config })] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
  await configureApp(app, config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const sql = await sqlClient(databaseUrl);
  return {
    app,
    client: new TestClient(app.getHttpServer()),
    clock,
    config,
    databaseUrl,
    sql,
    proxy,
    get: (token) => app.get(token),
    close: async () => {
      await app.close();
      await sql.end();
      await proxy?.stop();
    },
  };
}
