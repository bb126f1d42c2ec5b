import { normalizeMetricsRequest, normalizeTraceRequest } from './otlp-normalize';
import { decodeProtobufRequest, decodeProtobufResponse, encodeJsonResponse, encodeProtobufRequest, encodeProtobufResponse } from './otlp-proto.codec';
import { OtlpShapeError } from './otlp-values';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';

describe('normalizeTraceRequest', () => {
  it('reads the parent span id and whether the parent is remote (span flags 0x100 | 0x200)', () => {
    const spans = (flags?: number) =>
      normalizeTraceRequest({
        resourceSpans: [
          {
            scopeSpans: [
              { spans: [{ traceId: TRACE_ID, spanId: SPAN_ID, parentSpanId: 'aa'.repeat(8), name: 's', ...(flags === undefined ? {} : { flags }) }] },
            ],
          },
        ],
      })[0].spans[0];
    expect(spans(0x301)).toMatchObject({ parentSpanId: 'aa'.repeat(8), parentIsRemote: true });
    expect(spans(0x101).parentIsRemote).toBeUndefined();
    expect(spans(0x200).parentIsRemote).toBeUndefined();
    expect(spans().parentIsRemote).toBeUndefined();
  });

  it('reads OTLP JSON: hex ids, int64 strings, integer enums, typed attribute values', () => {
    const [rs] = normalizeTraceRequest({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'fleetwatch.agent.id', value: { stringValue: 'a' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: TRACE_ID,
                  spanId: SPAN_ID,
                  name: 'chat',
                  startTimeUnixNano: '1763800000000000000',
                  endTimeUnixNano: 1763800000500000000,
                  status: { code: 2, message: 'boom' },
                  attributes: [
                    { key: 'i', value: { intValue: '42' } },
                    { key: 'd', value: { doubleValue: 'NaN' } },
                    { key: 'b', value: { boolValue: true } },
                    { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'x' }] } } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(rs.resource).toEqual({ 'fleetwatch.agent.id': 'a' });
    expect(rs.spans[0]).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, startNs: 1763800000000000000n, statusCode: 2, statusMessage: 'boom' });
    expect(rs.spans[0].attributes).toEqual({ i: 42, d: Number.NaN, b: true, arr: ['x'] });
  });

  it('decodes the same request from protobuf', () => {
    const bytes = encodeProtobufRequest('traces', {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: Buffer.from(TRACE_ID, 'hex'),
                  spanId: Buffer.from(SPAN_ID, 'hex'),
                  name: 'execute_tool search',
                  startTimeUnixNano: '1763800000000000000',
                  endTimeUnixNano: '1763800000250000000',
                  attributes: [{ key: 'gen_ai.usage.input_tokens', value: { intValue: 12 } }],
                },
              ],
            },
          ],
        },
      ],
    });
    const [rs] = normalizeTraceRequest(decodeProtobufRequest('traces', bytes));
    expect(rs.spans[0]).toEqual({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      name: 'execute_tool search',
      startNs: 1763800000000000000n,
      endNs: 1763800000250000000n,
      statusCode: 0,
      statusMessage: undefined,
      attributes: { 'gen_ai.usage.input_tokens': 12 },
    });
  });

  it('names the field of a malformed payload', () => {
    expect(() => normalizeTraceRequest({ resourceSpans: {} })).toThrow(new OtlpShapeError('resourceSpans', 'must be an array'));
    expect(() => normalizeTraceRequest({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'xyz!' }] }] }] })).toThrow(
      'resourceSpans[0].scopeSpans[0].spans[0].traceId must be 16 bytes as hex',
    );
  });
});

describe('normalizeMetricsRequest', () => {
  it('reads gauge, sum and histogram points and counts unsupported kinds', () => {
    const [rm] = normalizeMetricsRequest({
      resource_metrics: [
        {
          scope_metrics: [
            {
              metrics: [
                { name: 'g', gauge: { dataPoints: [{ timeUnixNano: '5', asInt: '3' }] } },
                { name: 's', unit: 'By', sum: { aggregationTemporality: 'AGGREGATION_TEMPORALITY_DELTA', dataPoints: [{ timeUnixNano: '6', asDouble: 1.5 }] } },
                { name: 'h', histogram: { aggregationTemporality: 2, dataPoints: [{ timeUnixNano: '7', count: '4', sum: 2, min: 0.1, max: 1 }] } },
                { name: 'e', exponentialHistogram: { dataPoints: [{}, {}] } },
              ],
            },
          ],
        },
      ],
    });
    expect(rm.unsupportedPoints).toBe(2);
    expect(rm.metrics).toEqual([
      { name: 'g', unit: '', kind: 'gauge', temporality: undefined, points: [{ attributes: {}, timeNs: 5n, value: 3 }] },
      { name: 's', unit: 'By', kind: 'sum', temporality: 1, points: [{ attributes: {}, timeNs: 6n, value: 1.5 }] },
      { name: 'h', unit: '', kind: 'histogram', temporality: 2, points: [{ attributes: {}, timeNs: 7n, count: 4, sum: 2, min: 0.1, max: 1 }] },
    ]);
  });
});

describe('responses', () => {
  it('encodes partial success in protobuf and JSON, and full success as an empty message', () => {
    expect(encodeProtobufResponse('traces').length).toBe(0);
    const bytes = encodeProtobufResponse('metrics', { rejected: 3, errorMessage: 'why' });
    expect(decodeProtobufResponse('metrics', bytes)).toEqual({ partialSuccess: { rejectedDataPoints: '3', errorMessage: 'why' } });
    expect(encodeJsonResponse('traces', { rejected: 2, errorMessage: 'x' })).toEqual({ partialSuccess: { rejectedSpans: '2', errorMessage: 'x' } });
    expect(encodeJsonResponse('metrics')).toEqual({});
  });
});
