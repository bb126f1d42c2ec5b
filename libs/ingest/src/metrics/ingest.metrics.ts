import { getOrCreateCounter } from '@fleetwatch/common';
import type { IngestAccepted } from '../validation/ingest-batch';

export type IngestRejectReason = 'invalid' | 'too_many_items' | 'body_too_large' | 'unknown_agent' | 'idempotency_conflict' | 'idempotency_in_flight';

const items = getOrCreateCounter({ name: 'fleetwatch_ingest_items_total', help: 'Telemetry items stored through ingest, by kind.', labelNames: ['kind'] });
const rejects = getOrCreateCounter({ name: 'fleetwatch_ingest_rejects_total', help: 'Ingest requests refused, by reason.', labelNames: ['reason'] });

export const IngestMetrics = {
  accepted(accepted: IngestAccepted): void {
    for (const [kind, n] of Object.entries(accepted) as [keyof IngestAccepted, number][]) if (n > 0) items.inc({ kind }, n);
  },
  rejected(reason: IngestRejectReason): void {
    rejects.inc({ reason });
  },
};
