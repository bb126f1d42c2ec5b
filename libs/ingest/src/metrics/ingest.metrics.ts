import { Counter, register } from 'prom-client';
import type { IngestAccepted } from '../validation/ingest-batch';

export type IngestRejectReason = 'invalid' | 'too_many_items' | 'body_too_large' | 'unknown_agent' | 'idempotency_conflict' | 'idempotency_in_flight';

// Several Nest apps may boot in one process (tests): reuse a counter already registered.
function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

const items = counter('fleetwatch_ingest_items_total', 'Telemetry items stored through ingest, by kind.', ['kind']);
const rejects = counter('fleetwatch_ingest_rejects_total', 'Ingest requests refused, by reason.', ['reason']);

export const IngestMetrics = {
  accepted(accepted: IngestAccepted): void {
    for (const [kind, n] of Object.entries(accepted) as [keyof IngestAccepted, number][]) if (n > 0) items.inc({ kind }, n);
  },
  rejected(reason: IngestRejectReason): void {
    rejects.inc({ reason });
  },
};
