import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hexId, SpanSpec, traceExport, Value } from './otlp-json.builder';

/**
 * Replays a capture of what a real instrumentation library exported (test/instrumentations/
 * captures, written by the fixture projects) as one OTLP JSON export for a given agent. Captures
 * keep names, attributes, status and the parent's name, not ids or times: ids are made up per
 * trace, the parent is the trace's first span of that name, and times follow the capture's order
 * (each span 50 ms, 100 ms apart; parents stretched over their children).
 */
interface CapturedSpan {
  trace: number;
  name: string;
  status: { code: 'UNSET' | 'OK' | 'ERROR'; message?: string };
  attributes: Record<string, Value>;
  parent: string | null;
}

interface Capture {
  spans: CapturedSpan[];
}

export function readCapture(file: string): Capture {
  return JSON.parse(readFileSync(join(__dirname, '..', 'instrumentations', 'captures', file), 'utf8')) as Capture;
}

export interface Replayed {
  body: Record<string, unknown>;
  /** Trace ids by the capture's trace number, span ids by capture index. */
  traceIds: string[];
  spanIds: string[];
}

export function replay(capture: Capture, agentId: string, baseMs: number): Replayed {
  const traces = Math.max(...capture.spans.map((s) => s.trace)) + 1;
  const traceIds = Array.from({ length: traces }, () => hexId(16));
  const spanIds = capture.spans.map(() => hexId(8));
  const parentIndex = capture.spans.map((s) => (s.parent === null ? -1 : capture.spans.findIndex((p) => p.trace === s.trace && p.name === s.parent)));
  const times = capture.spans.map((_, i) => ({ start: baseMs + i * 100, end: baseMs + i * 100 + 50 }));
  // Stretch every ancestor over its descendants, deepest first (a few passes reach the roots).
  for (let pass = 0; pass < 5; pass++) {
    parentIndex.forEach((p, i) => {
      if (p < 0) return;
      times[p].start = Math.min(times[p].start, times[i].start - 1);
      times[p].end = Math.max(times[p].end, times[i].end + 1);
    });
  }
  const spans: SpanSpec[] = capture.spans.map((s, i) => ({
    name: s.name,
    traceId: traceIds[s.trace],
    spanId: spanIds[i],
    ...(parentIndex[i] >= 0 ? { parentSpanId: spanIds[parentIndex[i]] } : {}),
    startMs: times[i].start,
    endMs: times[i].end,
    attributes: s.attributes,
    ...(s.status.code === 'ERROR' ? { error: s.status.message ?? 'error' } : {}),
  }));
  return { body: traceExport({ 'service.name': 'fleetwatch-fixture', 'fleetwatch.agent.id': agentId }, traceIds[0], spans), traceIds, spanIds };
}
