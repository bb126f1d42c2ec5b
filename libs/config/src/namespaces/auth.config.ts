import { EnvReader } from '../env-reader';

export interface AuthConfig {
  /** Unset outside production: generated once and kept in DATA_DIR/jwt-secret. */
  jwtSecret?: string;
  jwtExpiresInSeconds: number;
  adminEmail?: string;
  adminPassword?: string;
  signupEnabled: boolean;
  /** Failures per (email, address) pair in the window before that pair waits for the window's end. */
  loginMaxFailures: number;
  /** Failures per client address (any emails) before the address waits; defaults to loginMaxFailures. */
  loginMaxFailuresPerAddress: number;
  loginWindowSeconds: number;
  /** Unrevoked API keys one user may hold. */
  maxApiKeysPerUser: number;
}

const DURATION = /^(\d+)\s*(s|m|h|d)?$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseDurationSeconds(value: string): number | undefined {
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_SECONDS[match[2] ?? 's'];
}

export function readAuthConfig(env: EnvReader, production: boolean): AuthConfig {
  const jwtSecret = env.optionalString('JWT_SECRET');
  if (production && jwtSecret === undefined) env.fail('JWT_SECRET is required when NODE_ENV=production');
  if (jwtSecret !== undefined && jwtSecret.length < 32) env.fail('JWT_SECRET must be at least 32 characters');

  const expiresRaw = env.string('JWT_EXPIRES_IN', '1h');
  const jwtExpiresInSeconds = parseDurationSeconds(expiresRaw);
  if (jwtExpiresInSeconds === undefined || jwtExpiresInSeconds < 1) {
    env.fail(`JWT_EXPIRES_IN must be a duration like 3600, 15m, 1h or 7d (got "${expiresRaw}")`);
  }

  const adminEmail = env.optionalString('ADMIN_EMAIL');
  const adminPassword = env.optionalString('ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    env.fail('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (adminPassword !== undefined && adminPassword.length < 10) {
    env.fail('ADMIN_PASSWORD must be at least 10 characters');
  }

  const loginMaxFailures = env.int('LOGIN_MAX_FAILURES', 5, 1, 1000);
  return {
    jwtSecret,
    jwtExpiresInSeconds: jwtExpiresInSeconds ?? 3600,
    adminEmail: adminEmail?.toLowerCase(),
    adminPassword,
    signupEnabled: env.bool('SIGNUP_ENABLED', true),
    loginMaxFailures,
    // Raise it for many users behind one NAT: each pair still stops at LOGIN_MAX_FAILURES.
    loginMaxFailuresPerAddress: env.int('LOGIN_MAX_FAILURES_PER_ADDRESS', loginMaxFailures, 1, 100_000),
    loginWindowSeconds: env.int('LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    maxApiKeysPerUser: env.int('MAX_API_KEYS_PER_USER', 100, 1, 10_000),
  };
}
