import { agentsOwnedBy } from '@fleetwatch/agents';
import { ownerCondition, Principal, SqlCondition, visibleOwnerId } from '@fleetwatch/common';
import { DatasetDefinition } from '../export/export-datasets';

/** The cursor speaks node-postgres' $n placeholders: each `?` of the condition takes the next number. */
function numbered(condition: SqlCondition, params: unknown[]): string {
  let i = 0;
  return condition.sql.replace(/\?/g, () => {
    params.push(condition.params[i++]);
    return `$${params.length}`;
  });
}

/** The rows one export streams: the range, optionally one agent, and only the caller's own unless admin. */
export function exportQuery(
  dataset: DatasetDefinition,
  principal: Principal,
  agentId: string | undefined,
  range: { start: Date; end: Date },
): [string, unknown[]] {
  const params: unknown[] = [range.start, range.end];
  let where = 'ts >= $1 and ts < $2';
  if (agentId !== undefined) {
    params.push(agentId);
    where += ` and agent_id = $${params.length}`;
  }
  const owner: SqlCondition = dataset.ownerFilter === 'owner_id' ? ownerCondition(principal, 'owner_id') : agentsOwnedBy('agent_id', visibleOwnerId(principal));
  if (owner.params.length > 0) where += ` and ${numbered(owner, params)}`;
  const columns = dataset.columns.map((c) => c.name).join(', ');
  return [`select ${columns} from ${dataset.table} where ${where} order by ts, id`, params];
}
