import { checkRun } from './otlp-run.check';

const limits = { now: new Date('2026-03-10T12:00:00.000Z'), maxItems: 10_000, rawRetentionDays: 30, futureToleranceSeconds: 300 };
const run = (startedAt: string, endedAt: string | null) => ({
  id: 'trace-1',
  agentId: '0190A000-0000-7000-8000-000000000001',
  conversationId: 'conv\u0000',
  name: 'agent',
  status: 'success' as const,
  startedAt,
  endedAt,
  metadata: null,
  traceId: 'trace-1',
  spanId: 'span-1',
});

describe('checkRun: an OTLP run under the timestamp rules of POST /api/ingest', () => {
  it('keeps a run inside the window, lower-casing its agent and dropping text PostgreSQL cannot store', () => {
    expect(checkRun(run('2026-03-10T11:00:00.000Z', '2026-03-10T11:05:00.000Z'), limits)).toEqual({
      ...run('2026-03-10T11:00:00.000Z', null),
      agentId: '0190a000-0000-7000-8000-000000000001',
      conversationId: null,
      startedAt: new Date('2026-03-10T11:00:00.000Z'),
      endedAt: new Date('2026-03-10T11:05:00.000Z'),
    });
  });

  it('refuses a run that ends before it starts, or lies past the future tolerance or before raw retention', () => {
    expect(checkRun(run('2026-03-10T11:05:00.000Z', '2026-03-10T11:00:00.000Z'), limits)).toBe('run ends before it starts');
    expect(checkRun(run('2026-03-10T12:06:00.000Z', null), limits)).toBe('run timestamp is more than 5 minutes in the future');
    expect(checkRun(run('2026-02-01T00:00:00.000Z', null), limits)).toBe('run timestamp is older than the raw retention of 30 days');
  });
});
