import { Counter } from 'prom-client';
import { getOrCreateCounter } from '@fleetwatch/common';
import type { OtlpSignal } from '../codec/otlp-proto.codec';

const NAME = 'fleetwatch_otlp_items_total';

function counter(): Counter<'signal' | 'outcome'> {
  return getOrCreateCounter({
    name: NAME,
    help: 'OTLP spans and metric data points received, by signal and outcome (stored; ignored: recognised, nothing of its own to store, such as run steps or outer calls; unmapped: no convention recognised it; rejected: refused in partial_success).',
    labelNames: ['signal', 'outcome'],
  });
}

/** Prometheus counts of what the OTLP receivers did with each span or data point. */
export const OtlpMetrics = {
  count(signal: OtlpSignal, outcomes: { stored: number; ignored: number; unmapped: number; rejected: number }): void {
    const c = counter();
    for (const [outcome, n] of Object.entries(outcomes)) if (n > 0) c.inc({ signal, outcome }, n);
  },
};
