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
      agentId: A,
      model: 'm',
      responseModel: null,
      provider: null,
      inputTokens: 0,
      outputTokens: 3,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      cacheCreation5mInputTokens: 0,
      cacheCreation1hInputTokens: 0,
      reasoningOutputTokens: 0,
      audioInputTokens: 0,
      audioOutputTokens: 0,
      imageInputTokens: 0,
      latencyMs: 0,
      timeToFirstTokenMs: null,
      status: 'error',
      errorType: null,
      costUsd: null,
      traceId: null,
      runId: null,
      conversationId: null,
      timestamp: new Date('2026-01-10T12:04:59Z'),
    });
    expect(batch.toolCalls).toEqual([]);
    expect(batch.events).toEqual([{ agentId: null, type: 'booking', message: '', metadata: { status: 'pending' }, timestamp: now }]);
  });

  it.each([
    [{ samples: [{ agentId: A, type: 'cpu', value: '1' }] }, 'bad_request: samples[0].value must be a finite number'],
    [
      { llmCalls: [{ agentId: A, model: 'm', inputTokens: 100, outputTokens: 1, cacheReadInputTokens: 101, latencyMs: 1, status: 'success' }] },
      'bad_request: llmCalls[0].cacheReadInputTokens: cacheReadInputTokens (101) exceeds inputTokens (100)',
    ],
    [
      {
        llmCalls: [
          { agentId: A, model: 'm', inputTokens: 100, outputTokens: 1, latencyMs: 1, status: 'success' },
          { agentId: A, model: 'm', inputTokens: 100, outputTokens: 10, reasoningOutputTokens: 11, latencyMs: 1, status: 'success' },
        ],
      },
      'bad_request: llmCalls[1].reasoningOutputTokens: reasoningOutputTokens (11) exceeds outputTokens (10)',
    ],
    [
      {
        llmCalls: [
          {
            agentId: A,
            model: 'm',
            inputTokens: 100,
            outputTokens: 1,
            cacheReadInputTokens: 60,
            cacheCreationInputTokens: 50,
            latencyMs: 1,
            status: 'success',
          },
        ],
      },
      'bad_request: llmCalls[0].cacheCreationInputTokens: cacheReadInputTokens + cacheCreationInputTokens (110) exceeds inputTokens (100)',
    ],
    [{ samples: [{ agentId: A, type: 'memory', value: -0.1 }] }, 'bad_request: samples[0].value must be between 0 and 100 for memory (percent)'],
    [{ samples: [{ agentId: A, type: 'errors', value: -1 }] }, 'bad_request: samples[0].value must be >= 0 for errors (a count)'],
    [{ samples: [{ agentId: A, type: '9lives', value: 1 }] }, 'bad_request: samples[0].type must match ^[a-z][a-z0-9_.]{0,63}$'],
    [
      { samples: [{ agentId: A, type: 'cpu', value: 1, timestamp: '2026-01-10 12:00' }] },
      'bad_request: samples[0].timestamp must be an ISO 8601 date-time with a time zone (e.g. 2026-01-31T12:00:00Z)',
    ],
    [{ samples: [{ agentId: A, type: 'cpu', value: 1, timestamp: '2026-13-40T12:00:00Z' }] }, 'bad_request: samples[0].timestamp is not a valid date-time'],
    [{ samples: {} }, 'bad_request: samples must be an array'],
    [
      { llmCalls: [{ agentId: A, model: '', inputTokens: 1, outputTokens: -1, latencyMs: 1, status: 'success' }] },
      'bad_request: llmCalls[0].model must not be empty; llmCalls[0].outputTokens must be >= 0',
    ],
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

describe('validateIngestBody: ranges, text and strict timestamps', () => {
  const llm = (extra: Record<string, unknown>) => ({ agentId: A, model: 'm', inputTokens: 1, outputTokens: 1, latencyMs: 1, status: 'success', ...extra });

  it.each([
    [{ samples: [{ agentId: A, type: 'queue', value: 1.7e308 }] }, 'bad_request: samples[0].value must be <= 1000000000000000'],
    [{ samples: [{ agentId: A, type: 'queue', value: -1.7e308 }] }, 'bad_request: samples[0].value must be >= -1000000000000000'],
    [{ llmCalls: [llm({ latencyMs: 1e12 + 1 })] }, 'bad_request: llmCalls[0].latencyMs must be <= 1000000000000'],
    [{ toolCalls: [{ agentId: A, tool: 't', durationMs: 1.7e308, status: 'success' }] }, 'bad_request: toolCalls[0].durationMs must be <= 1000000000000'],
    [{ llmCalls: [llm({ inputTokens: 2_147_483_648 })] }, 'bad_request: llmCalls[0].inputTokens must be <= 2147483647'],
    [{ llmCalls: [llm({ costUsd: 1e9 })] }, 'bad_request: llmCalls[0].costUsd must be <= 1000000'],
    [{ llmCalls: [llm({}), llm({}), llm({ model: 'a\u0000b' })] }, 'bad_request: llmCalls[2].model must not contain NUL or unpaired surrogates'],
    [{ llmCalls: [llm({ provider: 'x\uD800' })] }, 'bad_request: llmCalls[0].provider must not contain NUL or unpaired surrogates'],
    [{ llmCalls: [llm({ traceId: '\uDC00x' })] }, 'bad_request: llmCalls[0].traceId must not contain NUL or unpaired surrogates'],
    [
      { toolCalls: [{ agentId: A, tool: 't\u0000', durationMs: 1, status: 'error', errorType: 'e\uD83D' }] },
      'bad_request: toolCalls[0].tool must not contain NUL or unpaired surrogates; toolCalls[0].errorType must not contain NUL or unpaired surrogates',
    ],
    [{ events: [{ type: 'x', message: 'm\u0000' }] }, 'bad_request: events[0].message must not contain NUL or unpaired surrogates'],
    [
      { events: [{ type: 'x', message: '', metadata: { a: { b: ['ok', 'no\u0000'] } } }] },
      'bad_request: events[0].metadata.a.b[1] must not contain NUL or unpaired surrogates',
    ],
    [
      { samples: [{ agentId: A, type: 'cpu', value: 1, metadata: { 'k\uDFFF': 1 } }] },
      'bad_request: samples[0].metadata key "k\\udfff" must not contain NUL or unpaired surrogates',
    ],
  ])('%j → %s', (body, message) => {
    expect(messageOf(body)).toBe(message);
  });

  it('accepts the documented extremes and well-formed astral characters', () => {
    const batch = validateIngestBody(
      {
        samples: [
          { agentId: A, type: 'queue', value: 1e15 },
          { agentId: A, type: 'queue', value: -1e15 },
        ],
        llmCalls: [llm({ model: 'm😀', inputTokens: 2_147_483_647, outputTokens: 2_147_483_647, latencyMs: 1e12, costUsd: 1e6 })],
        events: [{ type: 'x', message: 'ünïcode 😀', metadata: { emoji: '😀' } }],
      },
      limits,
    );
    expect(batch.samples.map((s) => s.value)).toEqual([1e15, -1e15]);
    expect(batch.llmCalls[0].inputTokens + batch.llmCalls[0].outputTokens).toBe(4_294_967_294);
  });

  it.each([
    '2026-W01',
    '20261201',
    '2026-123',
    '2026-12-01T00:00:00,5Z',
    '2026-01-10T12:00Z',
    '2026-01-10T12:00:00+0000',
    '2026-01-10T12:00:00',
    '1969-12-31T23:59:59Z',
    '10000-01-01T00:00:00Z',
  ])('refuses the timestamp %s by shape', (timestamp) => {
    expect(messageOf({ samples: [{ agentId: A, type: 'cpu', value: 1, timestamp }] })).toBe(
      'bad_request: samples[0].timestamp must be an ISO 8601 date-time with a time zone (e.g. 2026-01-31T12:00:00Z)',
    );
  });

  it.each(['2026-02-29T00:00:00Z', '2026-01-10T24:00:00Z', '2026-01-10T12:60:00Z', '2026-01-10T12:00:60Z', '2026-01-10T12:00:00+24:00'])(
    'refuses the impossible timestamp %s',
    (timestamp) => {
      expect(messageOf({ samples: [{ agentId: A, type: 'cpu', value: 1, timestamp }] })).toBe('bad_request: samples[0].timestamp is not a valid date-time');
    },
  );

  it('reads offsets and fractions exactly', () => {
    const at = (timestamp: string) =>
      validateIngestBody({ samples: [{ agentId: A, type: 'cpu', value: 1, timestamp }] }, limits).samples[0].timestamp.toISOString();
    expect(at('2026-01-10T13:30:00.123456789+01:30')).toBe('2026-01-10T12:00:00.123Z');
    expect(at('2026-01-10T11:00:00.5-01:00')).toBe('2026-01-10T12:00:00.500Z');
  });
});
