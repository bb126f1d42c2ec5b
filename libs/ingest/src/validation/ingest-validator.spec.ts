import { IngestError } from '../errors/ingest.error';
import { itemPath } from './ajv-messages';
import { validateIngestBody } from './ingest-validator';

const now = new Date('2026-01-10T12:00:00Z');
const limits = { now, maxItems: 10_000, rawRetentionDays: 30, futureToleranceSeconds: 300 };
const A = '0190b6a0-0000-7000-8000-000000000001';

function messageOf(body: unknown): string {
  try {
    validateIngestBody(body, limits);
  } catch (error) {
    if (error instanceof IngestError) return `${error.kind}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('itemPath', () => {
  it('writes JSON pointers the way clients write paths', () => {
    expect(itemPath('/samples/3/value')).toBe('samples[3].value');
    expect(itemPath('/samples/3', 'agentId')).toBe('samples[3].agentId');
    expect(itemPath('', 'foo')).toBe('foo');
    expect(itemPath('')).toBe('body');
    expect(itemPath('/events/0/metadata/a~1b')).toBe('events[0].metadata.a/b');
  });
});

describe('validateIngestBody', () => {
  it('normalizes a valid batch: lower-case ids, default timestamps, explicit nulls', () => {
    const batch = validateIngestBody(
      {
        samples: [{ agentId: A.toUpperCase(), type: 'cpu', value: 100 }],
        llmCalls: [{ agentId: A, model: 'm', inputTokens: 0, outputTokens: 3, latencyMs: 0, status: 'error', timestamp: '2026-01-10T12:04:59+00:00' }],
        events: [{ type: 'booking', message: '', metadata: { status: 'pending' } }],
      },
      limits,
    );
    expect(batch.samples).toEqual([{ agentId: A, type: 'cpu', value: 100, metadata: null, timestamp: now }]);
    expect(batch.llmCalls[0]).toEqual({
      agentId: A, model: 'm', provider: null, inputTokens: 0, outputTokens: 3, latencyMs: 0, status: 'error',
      errorType: null, costUsd: null, traceId: null, timestamp: new Date('2026-01-10T12:04:59Z'),
    });
    expect(batch.toolCalls).toEqual([]);
    expect(batch.events).toEqual([{ agentId: null, type: 'booking', message: '', metadata: { status: 'pending' }, timestamp: now }]);
  });

  it.each([
    [{ samples: [{ agentId: A, type: 'cpu', value: '1' }] }, 'bad_request: samples[0].value must be a finite number'],
    [{ samples: [{ agentId: A, type: 'memory', value: -0.1 }] }, 'bad_request: samples[0].value must be between 0 and 100 for memory (percent)'],
    [{ samples: [{ agentId: A, type: 'errors', value: -1 }] }, 'bad_request: samples[0].value must be >= 0 for errors (a count)'],
    [{ samples: [{ agentId: A, type: '9lives', value: 1 }] }, 'bad_request: samples[0].type must match ^[a-z][a-z0-9_.]{0,63}$'],
    [{ samples: [{ agentId: A, type: 'cpu', value: 1, timestamp: '2026-01-10 12:00' }] }, 'bad_request: samples[0].timestamp must be an ISO 8601 date-time with a time zone (e.g. 2026-01-31T12:00:00Z)'],
    [{ samples: [{ agentId: A, type: 'cpu', value: 1, timestamp: '2026-13-40T12:00:00Z' }] }, 'bad_request: samples[0].timestamp is not a valid date-time'],
    [{ samples: {} }, 'bad_request: samples must be an array'],
    [{ llmCalls: [{ agentId: A, model: '', inputTokens: 1, outputTokens: -1, latencyMs: 1, status: 'success' }] }, 'bad_request: llmCalls[0].model must not be empty; llmCalls[0].outputTokens must be >= 0'],
    [{ toolCalls: [{ agentId: A, tool: 't', durationMs: 1 }] }, 'bad_request: toolCalls[0].status is required'],
    [{ events: [{ type: 'x' }] }, 'bad_request: events[0].message is required'],
    [null, 'bad_request: body must be a JSON object'],
    [{ samples: Array.from({ length: 10_001 }, () => 1) }, 'payload_too_large: too many items: 10001 (at most 10000 per request)'],
  ])('%j → %s', (body, message) => {
    expect(messageOf(body)).toBe(message);
  });

  it('rejects timestamps beyond 5 minutes ahead and older than retention, at the boundaries', () => {
    const at = (ms: number) => ({ samples: [{ agentId: A, type: 'cpu', value: 1, timestamp: new Date(now.getTime() + ms).toISOString() }] });
    expect(() => validateIngestBody(at(300_000), limits)).not.toThrow();
    expect(messageOf(at(300_001))).toBe('bad_request: samples[0].timestamp is more than 5 minutes in the future');
    expect(() => validateIngestBody(at(-30 * 86_400_000), limits)).not.toThrow();
    expect(messageOf(at(-30 * 86_400_000 - 1))).toBe('bad_request: samples[0].timestamp is older than the raw retention of 30 days');
  });

  it('lists at most 20 problems', () => {
    const samples = Array.from({ length: 25 }, () => ({ agentId: A, type: 'cpu', value: 'x' }));
    const message = messageOf({ samples });
    expect(message.split('; ')).toHaveLength(21);
    expect(message.endsWith('and 5 more')).toBe(true);
  });
});
