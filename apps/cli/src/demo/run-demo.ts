import { ApiClient } from './api-client';
import { CHANNEL_NAME, ensureChannel, ensureRule, Notification, RULE_NAME, WebhookSink } from './alerting';
import { backfill } from './backfill';
import { BudgetPlanner } from './budget';
import { DemoUser, setUpFleet, signIn } from './fleet-setup';
import { IngestSender } from './ingest-sender';
import { OtlpSender } from './otlp-sender';
import { DemoStats, emptyStats, Progress } from './progress';
import { Random } from './random';
import { streamTelemetry } from './telemetry-stream';
import { FleetAgent } from './telemetry-generator';

export const DEFAULT_USER: DemoUser = { email: 'demo@example.com', password: 'fleetwatch-demo', username: 'demo' };
export const DEFAULT_TICK_MS = 3000;
/** The silent agent reports for about the first minute. */
export const SILENT_AFTER_MS = 60_000;

export interface DemoOptions {
  url: string;
  user?: DemoUser;
  /** History to write first, in milliseconds (--backfill 7d). */
  backfillMs?: number;
  durationMs?: number;
  maxTicks?: number;
  tickMs?: number;
  silentAfterTicks?: number;
  seed?: number;
  signal?: AbortSignal;
  out?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  quiet?: boolean;
  /** Called after every tick, while the sink still listens (tests drive the server's jobs here). */
  onTick?: (stats: DemoStats) => Promise<void> | void;
}

export interface DemoResult {
  user: DemoUser;
  userId: string;
  fleet: FleetAgent[];
  ruleId: string;
  channelId?: string;
  stats: DemoStats;
  notifications: Notification[];
  /** Whether LLM calls through /api/ingest carried cache-read and reasoning tokens. */
  extendedTokens: boolean;
}

/** Sets up the demo fleet on the server at `url`, optionally backfills, then streams until stopped. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const url = options.url.replace(/\/+$/, '');
  const user = options.user ?? DEFAULT_USER;
  const tickMs = options.tickMs ?? DEFAULT_TICK_MS;
  const signal = options.signal ?? new AbortController().signal;
  const progress = new Progress(options.out ?? process.stdout, options.quiet);
  const note = (m: string): void => progress.note(m);
  const stats = emptyStats();
  const rng = new Random(options.seed ?? 20_260_101);

  const session = await signIn(new ApiClient(url), user);
  note(`${session.created ? 'created' : 'signed in as'} the demo user — open ${url}/ and sign in with`);
  note(`    email:    ${user.email}\n    password: ${user.password}`);
  const ingest = new IngestSender(new ApiClient(url, session.apiKey.key), note);
  const sink = await new WebhookSink((n) => {
    stats.notifications += 1;
    note(`webhook sink: ${n.event} — ${n.headline}${n.signatureOk ? ' (signature verified)' : ' (SIGNATURE MISMATCH)'}`);
  }).start();
  const otlp = new OtlpSender(url, session.apiKey.key);
  try {
    const fleet = await setUpFleet(session.api);
    note(`fleet: ${fleet.length} agents (${fleet.map((a) => a.name).join(', ')})`);
    if (options.backfillMs) {
      note(`backfilling ${Math.round(options.backfillMs / 3_600_000)} h of history…`);
      await backfill(ingest, fleet, options.backfillMs, new Date(), rng, stats.backfill, () => progress.update(stats, 0));
      progress.end();
    }
    const budgetAgent = fleet.find((a) => a.role === 'budget');
    const budget = budgetAgent ? new BudgetPlanner(session.api, budgetAgent.id) : undefined;
    await budget?.start();
    const channelId = await ensureChannel(session.api, sink, note);
    const hot = fleet.find((a) => a.role === 'hot')!;
    const ruleId = await ensureRule(session.api, hot, channelId);
    note(`alert rule "${RULE_NAME}" watches ${hot.name}${channelId ? `; channel "${CHANNEL_NAME}" delivers to ${sink.url}` : ''}`);
    note('streaming telemetry (Ctrl-C stops)…');
    const started = Date.now();
    await streamTelemetry(
      { fleet, ingest, otlp, budget, rng, stats },
      {
        tickMs,
        silentAfterTicks: options.silentAfterTicks ?? Math.ceil(SILENT_AFTER_MS / tickMs),
        maxTicks: options.maxTicks,
        durationMs: options.durationMs,
        signal,
        note,
        onTick: async (s) => {
          progress.update(s, Date.now() - started);
          await options.onTick?.(s);
        },
      },
    );
    progress.end();
    return { user, userId: session.userId, fleet, ruleId, channelId, stats, notifications: sink.received, extendedTokens: ingest.sendsExtendedTokens };
  } finally {
    await otlp.shutdown().catch(() => undefined);
    stats.spansExported = otlp.exported;
    await sink.stop();
    // The key was only for this run's telemetry; it must not outlive the demo.
    await session.api.send('DELETE', `/api/auth/api-keys/${session.apiKey.id}`).catch(() => undefined);
  }
}
