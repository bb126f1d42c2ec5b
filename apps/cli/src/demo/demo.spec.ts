import { BACKFILL_BATCH_ITEMS, backfill, parseSpan } from './backfill';
import { parseDemoArgs, UsageError } from './demo.command';
import { DEMO_FLEET } from './fleet-plan';
import { Accepted, IngestSender } from './ingest-sender';
import { Random } from './random';
import { FleetAgent, TelemetryBatch } from './telemetry-generator';
import { planTick, reportingAgents } from './telemetry-stream';

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const fleet: FleetAgent[] = DEMO_FLEET.map((plan, i) => ({ ...plan, id: `00000000-0000-4000-8000-00000000000${i}` }));

describe('demo arguments', () => {
  it('reads --url, --backfill, --duration, the user and the seed', () => {
    const options = parseDemoArgs(['--url', 'http://localhost:4000/', '--backfill', '7d', '--duration=90s', '--email', 'me@example.com', '--seed', '3']);
    expect(options).toMatchObject({
      url: 'http://localhost:4000/',
      backfillMs: 7 * 86_400_000,
      durationMs: 90_000,
      seed: 3,
      user: { email: 'me@example.com', username: 'demo' },
    });
  });

  it('defaults to the local server on PORT', () => {
    expect(parseDemoArgs([]).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each([
    [['--backfill', 'week'], '--backfill needs a span like 7d'],
    [['--backfill', '45d'], '--backfill is at most 30d'],
    [['--url', 'localhost:3000'], '--url must be an http(s) URL'],
    [['--colour'], 'unknown option --colour'],
    [['--seed', '1.5'], '--seed must be an integer'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseDemoArgs(argv)).toThrow(UsageError);
    expect(() => parseDemoArgs(argv)).toThrow(message);
  });

  it('parses spans', () => {
    expect([parseSpan('7d'), parseSpan('36h'), parseSpan('90m'), parseSpan('5s'), parseSpan('0d'), parseSpan('7')]).toEqual([
      604_800_000,
      129_600_000,
      5_400_000,
      5000,
      undefined,
      undefined,
    ]);
  });
});

describe('demo telemetry', () => {
  const at = new Date('2026-03-10T14:00:00.000Z');

  it('is the same for the same seed', () => {
    expect(planTick(fleet, 1, at, 3000, 20, new Random(42))).toEqual(planTick(fleet, 1, at, 3000, 20, new Random(42)));
    expect(planTick(fleet, 1, at, 3000, 20, new Random(42))).not.toEqual(planTick(fleet, 1, at, 3000, 20, new Random(43)));
  });

  it('has the failed and stuck agents send nothing and the silent one stop after its ticks', () => {
    const names = (tick: number) => reportingAgents(fleet, tick, 2).map((a) => a.name);
    expect(names(2)).toEqual(['support-triage', 'billing-assistant', 'code-reviewer', 'research-scout', 'onboarding-guide', 'incident-summarizer']);
    expect(names(3)).toEqual(['support-triage', 'billing-assistant', 'code-reviewer', 'research-scout', 'incident-summarizer']);
  });

  it('sends each agent’s first LLM call and its tool call over OTLP, the rest over ingest, with cache reads and reasoning inside the totals', () => {
    const { ingest, otlp } = planTick(fleet, 1, at, 3000, 20, new Random(1));
    expect(otlp.llmCalls.map((c) => c.agentId)).toEqual(reportingAgents(fleet, 1, 20).map((a) => a.id));
    expect(ingest.samples).toHaveLength(3 * 6);
    for (const tool of otlp.toolCalls) expect(otlp.llmCalls.map((c) => c.traceId)).toContain(tool.traceId);
    for (const call of [...ingest.llmCalls, ...otlp.llmCalls]) {
      expect(call.timestamp).toMatch(RFC3339_UTC);
      expect(call.cacheReadInputTokens).toBeLessThanOrEqual(call.inputTokens);
      expect(call.reasoningOutputTokens).toBeLessThanOrEqual(call.outputTokens);
    }
    const hot = ingest.samples.find((s) => s.type === 'cpu' && s.agentId === fleet.find((a) => a.role === 'hot')!.id);
    expect(hot!.value).toBeGreaterThan(80);
  });

  it('fails about one tool call in ten', () => {
    const rng = new Random(5);
    const tools = Array.from({ length: 200 }, (_, tick) => planTick(fleet, tick + 1, at, 3000, 1000, rng)).flatMap((p) => [
      ...p.ingest.toolCalls,
      ...p.otlp.toolCalls,
    ]);
    const rate = tools.filter((t) => t.status === 'error').length / tools.length;
    expect(rate).toBeGreaterThan(0.06);
    expect(rate).toBeLessThan(0.14);
  });
});

describe('backfill', () => {
  it('sends a week in batches within the ingest limit, oldest first, all in the past', async () => {
    const batches: TelemetryBatch[] = [];
    const sender = {
      send: async (b: TelemetryBatch): Promise<Accepted> => (
        batches.push(b),
        { samples: b.samples.length, llmCalls: b.llmCalls.length, toolCalls: b.toolCalls.length }
      ),
    };
    const stored = { samples: 0, llmCalls: 0, toolCalls: 0 };
    const now = new Date('2026-03-10T14:07:00.000Z');
    await backfill(sender as unknown as IngestSender, fleet, 7 * 86_400_000, now, new Random(9), stored, () => undefined);
    const sizes = batches.map((b) => b.samples.length + b.llmCalls.length + b.toolCalls.length);
    expect(Math.max(...sizes)).toBeLessThan(BACKFILL_BATCH_ITEMS + 200);
    // Every half hour from 7 days back to 5 minutes before now, for all eight agents.
    expect(stored.samples).toBe(3 * 8 * (7 * 48));
    const times = batches.flatMap((b) => b.samples.map((s) => s.timestamp));
    expect(times[0]).toBe('2026-03-03T14:30:00.000Z');
    expect(times[times.length - 1]).toBe('2026-03-10T14:00:00.000Z');
    expect([...times].sort()).toEqual(times);
  });
});
