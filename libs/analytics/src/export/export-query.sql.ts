import { isAdmin, Principal } from '@fleetwatch/common';
import { DatasetDefinition } from './export-datasets';

/** The rows one export streams: the range, optionally one agent, and only the caller's own unless admin. */
export function exportQuery(dataset: DatasetDefinition, principal: Principal, agentId: string | undefined, range: { start: Date; end: Date }): [string, unknown[]] {
  const params: unknown[] = [range.start, range.end];
  let where = 'ts >= $1 and ts < $2';
  if (agentId !== undefined) {
    params.push(agentId);
    where += ` and agent_id = $${params.length}`;
  }
  if (!isAdmin(principal)) {
    params.push(principal.userId);
    where +=
      dataset.ownerFilter === 'owner_id'
        ? ` and owner_id = $${params.length}`
        : ` and agent_id in (select id from agents where owner_id = $${params.length})`;
  }
  const columns = dataset.columns.map((c) => c.name).join(', ');
  return [`select ${columns} from ${dataset.table} where ${where} order by ts, id`, params];
}
