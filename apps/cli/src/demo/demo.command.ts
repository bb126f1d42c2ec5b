import { ConfigError, loadConfig } from '@fleetwatch/config';
import { parseSpan } from './backfill';
import { DEFAULT_USER, DemoOptions, runDemo } from './run-demo';

export const DEMO_USAGE = `usage: npm run demo -- [options]
  --url <url>          the Fleetwatch server (default http://127.0.0.1:$PORT, PORT from the environment, else 3000)
  --backfill <span>    first write this much history, e.g. 7d or 36h (at most the server's RAW_RETENTION_DAYS)
  --duration <span>    stop after this long, e.g. 90s or 10m (default: until Ctrl-C)
  --email <email>      the demo user (default ${DEFAULT_USER.email})
  --password <pw>      its password (default ${DEFAULT_USER.password})
  --username <slug>    its account name when it is created (default ${DEFAULT_USER.username})
  --seed <n>           seed of the generated activity (same seed, same numbers)`;

export class UsageError extends Error {}

const MAX_BACKFILL_MS = 30 * 86_400_000;

function span(flag: string, value: string | undefined): number {
  const ms = value === undefined ? undefined : parseSpan(value);
  if (ms === undefined) throw new UsageError(`${flag} needs a span like 7d, 12h, 30m or 45s (got ${value ?? 'nothing'})`);
  return ms;
}

function defaultUrl(): string {
  try {
    return `http://127.0.0.1:${loadConfig().server.port}`;
  } catch (error) {
    // Only PORT matters here; a configuration the server would refuse is no reason to refuse the demo.
    if (error instanceof ConfigError) return 'http://127.0.0.1:3000';
    throw error;
  }
}

export function parseDemoArgs(argv: string[]): Omit<DemoOptions, 'signal'> {
  const values = new Map<string, string | undefined>();
  const known = ['--url', '--backfill', '--duration', '--email', '--password', '--username', '--seed'];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--help' || flag === '-h') throw new UsageError('');
    if (!known.includes(flag)) throw new UsageError(`unknown option ${flag}`);
    values.set(flag, inline ?? argv[++i]);
  }
  const url = values.get('--url') ?? defaultUrl();
  if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--url must be an http(s) URL (got ${url})`);
  const user = { ...DEFAULT_USER };
  for (const key of ['email', 'password', 'username'] as const) {
    const value = values.get(`--${key}`);
    if (values.has(`--${key}`) && !value) throw new UsageError(`--${key} needs a value`);
    if (value) user[key] = value;
  }
  const options: Omit<DemoOptions, 'signal'> = { url, user };
  if (values.has('--backfill')) {
    options.backfillMs = span('--backfill', values.get('--backfill'));
    if (options.backfillMs > MAX_BACKFILL_MS) throw new UsageError('--backfill is at most 30d (the default raw retention)');
  }
  if (values.has('--duration')) options.durationMs = span('--duration', values.get('--duration'));
  if (values.has('--seed')) {
    const seed = Number(values.get('--seed'));
    if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
    options.seed = seed;
  }
  return options;
}

function explain(error: unknown, url: string): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (cause?.code === 'ECONNREFUSED' || cause?.code === 'ENOTFOUND')
    return `cannot reach ${url} (${cause.code}): is the server running (npm start), or is --url wrong?`;
  return error instanceof Error ? error.message : String(error);
}

/** `demo`: Ctrl-C once stops cleanly (last spans flushed, sink closed, key revoked); twice exits at once. */
export async function demoCommand(argv: string[]): Promise<number> {
  let options: Omit<DemoOptions, 'signal'>;
  try {
    options = parseDemoArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message ? `${error.message}\n` : ''}${DEMO_USAGE}\n`);
    return error.message ? 2 : 0;
  }
  const stop = new AbortController();
  const onSignal = (): void => {
    if (stop.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping (Ctrl-C again to quit at once)…\n');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    let result: Awaited<ReturnType<typeof runDemo>>;
    try {
      result = await runDemo({ ...options, signal: stop.signal });
    } catch (error) {
      process.stderr.write(`\ndemo failed: ${explain(error, options.url)}\n`);
      return 1;
    }
    const s = result.stats;
    process.stdout.write(
      `demo stopped after ${s.ticks} ticks: ${s.samples} samples, ${s.llmCalls + s.chatSpans} LLM calls and ${s.toolCalls + s.toolSpans} tool calls ` +
        `(${s.chatSpans + s.toolSpans} of them as OTLP spans), notifications received: ${s.notifications}. ` +
        `The demo data stays; sign in as ${result.user.email} to look at it.\n`,
    );
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
