import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, Env, EnvReader } from './env-reader';
import { AlertsConfig, readAlertsConfig } from './namespaces/alerts.config';
import { AuthConfig, readAuthConfig } from './namespaces/auth.config';
import { DatabaseConfig, readDatabaseConfig } from './namespaces/database.config';
import { ExportsConfig, readExportsConfig } from './namespaces/exports.config';
import { JobsConfig, readJobsConfig } from './namespaces/jobs.config';
import { MonitoringConfig, readMonitoringConfig } from './namespaces/monitoring.config';
import { OtlpConfig, readOtlpConfig } from './namespaces/otlp.config';
import { readServerConfig, ServerConfig } from './namespaces/server.config';
import { readTelemetryConfig, TelemetryConfig } from './namespaces/telemetry.config';

/** The whole validated configuration; injected by class, so it is the DI token too. */
export class AppConfig {
  constructor(
    readonly server: ServerConfig,
    readonly database: DatabaseConfig,
    readonly auth: AuthConfig & { jwtSecret: string },
    readonly jobs: JobsConfig,
    readonly telemetry: TelemetryConfig,
    readonly alerts: AlertsConfig,
    readonly monitoring: MonitoringConfig,
    readonly otlp: OtlpConfig,
    readonly exports: ExportsConfig,
  ) {}

  /** A copy with another database URL: used once the embedded PostgreSQL knows its port. */
  withDatabaseUrl(url: string): AppConfig {
    return new AppConfig(this.server, { ...this.database, url }, this.auth, this.jobs, this.telemetry, this.alerts, this.monitoring, this.otlp, this.exports);
  }
}

function persistentJwtSecret(dataDir: string): string {
  const dir = resolve(dataDir);
  const file = join(dir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Validates every variable; throws one ConfigError naming all bad ones. */
export function loadConfig(env: Env = process.env): AppConfig {
  const reader = new EnvReader(env);
  const server = readServerConfig(reader);
  const database = readDatabaseConfig(reader);
  const auth = readAuthConfig(reader, server.nodeEnv === 'production');
  const jobs = readJobsConfig(reader);
  const telemetry = readTelemetryConfig(reader);
  const alerts = readAlertsConfig(reader);
  const monitoring = readMonitoringConfig(reader);
  const otlp = readOtlpConfig(reader);
  const exportLimits = readExportsConfig(reader);
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  const jwtSecret = auth.jwtSecret ?? persistentJwtSecret(server.dataDir);
  return new AppConfig(server, database, { ...auth, jwtSecret }, jobs, telemetry, alerts, monitoring, otlp, exportLimits);
}
