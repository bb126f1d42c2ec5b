import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { ConfigError } from './env-reader';
import { parseDurationSeconds } from './namespaces/auth.config';

const SECRET = 'a-jwt-secret-that-is-at-least-32-characters';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ JWT_SECRET: SECRET });
    expect(config.server).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      dataDir: '.data',
      bodyLimitBytes: 5 * 1024 * 1024,
      logLevel: 'info',
    });
    expect(config.database.url).toBeUndefined();
    expect(config.auth).toMatchObject({
      jwtSecret: SECRET,
      jwtExpiresInSeconds: 3600,
      signupEnabled: true,
      loginMaxFailures: 5,
      loginWindowSeconds: 900,
      adminEmail: undefined,
      adminPassword: undefined,
    });
    expect(config.jobs.enabled).toBe(true);
  });

  it('reads set values, trimming blanks and treating empty as unset', () => {
    const config = loadConfig({
      JWT_SECRET: SECRET,
      PORT: ' 8080 ',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://u:p@db:5432/fw',
      BODY_LIMIT_MB: '0.5',
      SIGNUP_ENABLED: 'false',
      JOBS_ENABLED: '0',
      LOG_LEVEL: 'debug',
      JWT_EXPIRES_IN: '15m',
      ADMIN_EMAIL: 'Root@Example.test',
      ADMIN_PASSWORD: 'root-password',
      DATA_DIR: '',
    });
    expect(config.server).toMatchObject({ port: 8080, host: '0.0.0.0', bodyLimitBytes: 524288, logLevel: 'debug', dataDir: '.data' });
    expect(config.database.url).toBe('postgresql://u:p@db:5432/fw');
    expect(config.auth).toMatchObject({ signupEnabled: false, jwtExpiresInSeconds: 900, adminEmail: 'root@example.test', adminPassword: 'root-password' });
    expect(config.jobs.enabled).toBe(false);
  });

  it('limits failures per client address like per pair unless LOGIN_MAX_FAILURES_PER_ADDRESS says otherwise', () => {
    expect(loadConfig({ JWT_SECRET: SECRET, LOGIN_MAX_FAILURES: '7' }).auth.loginMaxFailuresPerAddress).toBe(7);
    expect(loadConfig({ JWT_SECRET: SECRET, LOGIN_MAX_FAILURES: '7', LOGIN_MAX_FAILURES_PER_ADDRESS: '50' }).auth.loginMaxFailuresPerAddress).toBe(50);
    expect(problemsOf({ JWT_SECRET: SECRET, LOGIN_MAX_FAILURES_PER_ADDRESS: '0' })).toEqual([expect.stringContaining('LOGIN_MAX_FAILURES_PER_ADDRESS')]);
  });

  it('names every bad variable in one ConfigError', () => {
    const problems = problemsOf({
      JWT_SECRET: 'short',
      NODE_ENV: 'staging',
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db/fw',
      BODY_LIMIT_MB: '0',
      LOG_LEVEL: 'loud',
      JWT_EXPIRES_IN: 'soon',
      SIGNUP_ENABLED: 'maybe',
      JOBS_ENABLED: '2',
      LOGIN_MAX_FAILURES: '0',
      LOGIN_WINDOW_SECONDS: '1.5',
    });
    const named = [
      'JWT_SECRET',
      'NODE_ENV',
      'PORT',
      'DATABASE_URL',
      'BODY_LIMIT_MB',
      'LOG_LEVEL',
      'JWT_EXPIRES_IN',
      'SIGNUP_ENABLED',
      'JOBS_ENABLED',
      'LOGIN_MAX_FAILURES',
      'LOGIN_WINDOW_SECONDS',
    ];
    for (const name of named) expect(problems.some((p) => p.startsWith(`${name} `))).toBe(true);
    expect(problems).toHaveLength(named.length);
    expect(problems).toContain('PORT must be an integer between 0 and 65535 (got "eighty")');
    expect(problems).toContain('SIGNUP_ENABLED must be true or false (got "maybe")');
  });

  it('puts all problems in the error message', () => {
    expect(() => loadConfig({ JWT_SECRET: SECRET, PORT: '-1', JOBS_ENABLED: 'nope' })).toThrow(
      'Invalid configuration:\n  - PORT must be an integer between 0 and 65535 (got "-1")\n  - JOBS_ENABLED must be true or false (got "nope")',
    );
  });

  it('requires JWT_SECRET in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['JWT_SECRET is required when NODE_ENV=production']);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }).auth.jwtSecret).toBe(SECRET);
  });

  it('outside production, generates a JWT secret once and keeps it under DATA_DIR', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fw-config-'));
    try {
      const first = loadConfig({ DATA_DIR: dataDir }).auth.jwtSecret;
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim()).toBe(first);
      expect(loadConfig({ DATA_DIR: dataDir }).auth.jwtSecret).toBe(first);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('needs ADMIN_EMAIL and ADMIN_PASSWORD together, with a long enough password', () => {
    expect(problemsOf({ JWT_SECRET: SECRET, ADMIN_EMAIL: 'root@example.test' })).toEqual(['ADMIN_EMAIL and ADMIN_PASSWORD must be set together']);
    expect(problemsOf({ JWT_SECRET: SECRET, ADMIN_PASSWORD: 'root-password' })).toEqual(['ADMIN_EMAIL and ADMIN_PASSWORD must be set together']);
    expect(problemsOf({ JWT_SECRET: SECRET, ADMIN_EMAIL: 'root@example.test', ADMIN_PASSWORD: 'short' })).toEqual([
      'ADMIN_PASSWORD must be at least 10 characters',
    ]);
  });

  it.each([
    ['3600', 3600],
    ['90s', 90],
    ['15m', 900],
    ['1h', 3600],
    ['7d', 604800],
  ])('reads JWT_EXPIRES_IN=%s as %i seconds', (value, seconds) => {
    expect(loadConfig({ JWT_SECRET: SECRET, JWT_EXPIRES_IN: value }).auth.jwtExpiresInSeconds).toBe(seconds);
  });

  it.each(['0', '0s', '1.5h', '-5m', '10w', 'h'])('refuses JWT_EXPIRES_IN=%s naming the variable', (value) => {
    expect(problemsOf({ JWT_SECRET: SECRET, JWT_EXPIRES_IN: value })).toEqual([`JWT_EXPIRES_IN must be a duration like 3600, 15m, 1h or 7d (got "${value}")`]);
  });

  it('limits exports per user, by idle time and by total time', () => {
    expect(loadConfig({ JWT_SECRET: SECRET }).exports).toEqual({ maxPerUser: 2, idleTimeoutSeconds: 30, maxSeconds: 3600 });
    const set = loadConfig({ JWT_SECRET: SECRET, EXPORT_MAX_PER_USER: '1', EXPORT_IDLE_TIMEOUT_SECONDS: '2', EXPORT_MAX_SECONDS: '600' });
    expect(set.exports).toEqual({ maxPerUser: 1, idleTimeoutSeconds: 2, maxSeconds: 600 });
    expect(problemsOf({ JWT_SECRET: SECRET, EXPORT_MAX_PER_USER: '0', EXPORT_IDLE_TIMEOUT_SECONDS: '0.5', EXPORT_MAX_SECONDS: 'long' })).toEqual([
      'EXPORT_MAX_PER_USER must be an integer between 1 and 100 (got "0")',
      'EXPORT_IDLE_TIMEOUT_SECONDS must be an integer between 1 and 3600 (got "0.5")',
      'EXPORT_MAX_SECONDS must be an integer between 1 and 86400 (got "long")',
    ]);
  });
});

describe('parseDurationSeconds', () => {
  it('parses plain seconds and s/m/h/d suffixes, with spaces between number and unit', () => {
    expect(parseDurationSeconds('45')).toBe(45);
    expect(parseDurationSeconds(' 2 m ')).toBe(120);
    expect(parseDurationSeconds('2d')).toBe(172800);
    expect(parseDurationSeconds('2 hours')).toBeUndefined();
    expect(parseDurationSeconds('')).toBeUndefined();
  });
});
