import { EVENTS_TABLE } from '@fleetwatch/agents';
import { LLM_CALLS_TABLE, SAMPLES_TABLE, TOOL_CALLS_TABLE } from '@fleetwatch/ingest';
export const EXPORT_DATASETS = ['samples', 'llm_calls', 'tool_calls', 'events'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];

export type ColumnKind = 'text' | 'number' | 'timestamp' | 'json';

export interface ExportColumn {
  name: string;
  kind: ColumnKind;
}

export interface DatasetDefinition {
  table: string;
  /** Column restricting rows to one owner: telemetry goes through its agent, events carry owner_id. */
  ownerFilter: 'agent' | 'owner_id';
  columns: ExportColumn[];
}

const text = (name: string): ExportColumn => ({ name, kind: 'text' });
const num = (name: string): ExportColumn => ({ name, kind: 'number' });
const ID_COLUMNS = [text('id'), text('agent_id')];
const TS = { name: 'ts', kind: 'timestamp' } as const;

export const DATASETS: Record<ExportDataset, DatasetDefinition> = {
  samples: {
    table: SAMPLES_TABLE,
    ownerFilter: 'agent',
    columns: [...ID_COLUMNS, text('type'), num('value'), { name: 'metadata', kind: 'json' }, TS],
  },
  llm_calls: {
    table: LLM_CALLS_TABLE,
    ownerFilter: 'agent',
    columns: [
      ...ID_COLUMNS,
      text('model'),
      text('provider'),
      num('input_tokens'),
      num('output_tokens'),
      num('latency_ms'),
      text('status'),
      text('error_type'),
      num('cost_usd'),
      text('rate_source'),
      text('trace_id'),
      TS,
    ],
  },
  tool_calls: {
    table: TOOL_CALLS_TABLE,
    ownerFilter: 'agent',
    columns: [...ID_COLUMNS, text('tool'), num('duration_ms'), text('status'), text('error_type'), text('trace_id'), TS],
  },
  events: {
    table: EVENTS_TABLE,
    ownerFilter: 'owner_id',
    columns: [...ID_COLUMNS, text('type'), text('message'), { name: 'metadata', kind: 'json' }, text('actor'), TS],
  },
};

export type ExportValue = string | number | null | Record<string, unknown>;

/** One database row as the export writes it: numbers as numbers (numeric arrives as text), timestamps ISO 8601. */
export function toRecord(columns: ExportColumn[], row: Record<string, unknown>): ExportValue[] {
  return columns.map(({ name, kind }) => {
    const value = row[name];
    if (value === null || value === undefined) return null;
    switch (kind) {
      case 'number':
        return Number(value);
      case 'timestamp':
        return new Date(value as string | Date).toISOString();
      case 'json':
        return value as Record<string, unknown>;
      case 'text': {
        // Text columns arrive as strings (uuid and enum columns too); String() only normalises the type.
        const text = value as string;
        return String(text);
      }
    }
  });
}
