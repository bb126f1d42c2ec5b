import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import type { Run } from '../entities/run.entity';
import { RUN_TOKEN_FIELDS, RunUpsertRow } from '../runs/run-upserts';
import { RUNS_TABLE } from './runs-table.sql';

const RECORD_COLUMNS = [
  'agent_id uuid',
  'id text',
  'key uuid',
  'conversation_id text',
  'name text',
  'status text',
  'reported boolean',
  'started_at timestamptz',
  'ended_at timestamptz',
  'metadata jsonb',
  'trace_id text',
  'span_id text',
  'llm_calls integer',
  'tool_calls integer',
  'errors integer',
  ...RUN_TOKEN_FIELDS.map((f) => `${f} bigint`),
  'costs jsonb',
  'first_call_at timestamptz',
  'last_call_at timestamptz',
].join(', ');

const TOTAL_COLUMNS = ['llm_calls', 'tool_calls', 'errors', ...RUN_TOKEN_FIELDS];
const INSERT_COLUMNS = [
  'agent_id',
  'id',
  'key',
  'conversation_id',
  'name',
  'status',
  'reported',
  'started_at',
  'ended_at',
  'metadata',
  'trace_id',
  'span_id',
  ...TOTAL_COLUMNS,
  'cost_usd',
  'first_call_at',
  'last_call_at',
  'created_at',
  'updated_at',
];
const SELECT_VALUES = [
  ...INSERT_COLUMNS.slice(0, 12 + TOTAL_COLUMNS.length).map((c) => `x.${c}`),
  `coalesce((select sum(c::numeric) from jsonb_array_elements_text(x.costs) c), 0)`,
  'x.first_call_at',
  'x.last_call_at',
  '?::timestamptz',
  '?::timestamptz',
];

/**
 * A run item that was sent (`excluded.reported`) sets what it says — last write wins for status,
 * end and (when given) name, conversation, metadata and ids; a placeholder made from calls only
 * adds totals. The start is always the earliest seen; totals always add up.
 */
const ON_CONFLICT = `
  status = case when excluded.reported then excluded.status else r.status end,
  ended_at = case when excluded.reported then excluded.ended_at else r.ended_at end,
  name = case when excluded.reported then coalesce(excluded.name, r.name) else r.name end,
  metadata = case when excluded.reported then coalesce(excluded.metadata, r.metadata) else r.metadata end,
  conversation_id = case when excluded.reported then coalesce(excluded.conversation_id, r.conversation_id)
    else coalesce(r.conversation_id, excluded.conversation_id) end,
  trace_id = case when excluded.reported then coalesce(excluded.trace_id, r.trace_id) else coalesce(r.trace_id, excluded.trace_id) end,
  span_id = case when excluded.reported then coalesce(excluded.span_id, r.span_id) else r.span_id end,
  reported = r.reported or excluded.reported,
  started_at = least(r.started_at, excluded.started_at),
  ${TOTAL_COLUMNS.map((c) => `${c} = r.${c} + excluded.${c}`).join(',\n  ')},
  cost_usd = r.cost_usd + excluded.cost_usd,
  first_call_at = least(r.first_call_at, excluded.first_call_at),
  last_call_at = greatest(r.last_call_at, excluded.last_call_at),
  updated_at = excluded.updated_at`;

const UPSERT_SQL = `insert into ${RUNS_TABLE} as r (${INSERT_COLUMNS.join(', ')})
  select ${SELECT_VALUES.join(', ')} from jsonb_to_recordset(?::jsonb) as x(${RECORD_COLUMNS})
  on conflict (agent_id, id) do update set ${ON_CONFLICT}`;

export class RunRepository extends EntityRepository<Run> {
  /**
   * Upserts every run a batch touches in ONE statement, on `em`'s transaction, so run totals
   * commit or roll back with the calls they count. Rows are ordered by (agent, id): concurrent
   * batches touching the same runs then lock them in the same order and cannot deadlock.
   */
  async upsertBatch(em: EntityManager, rows: RunUpsertRow[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    const sorted = [...rows].sort((a, b) => (a.agent_id === b.agent_id ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.agent_id < b.agent_id ? -1 : 1));
    await em.getConnection().execute(UPSERT_SQL, [now, now, JSON.stringify(sorted)], 'run', em.getTransactionContext());
  }
}
