import { SqlCondition } from '@fleetwatch/common';

/**
 * The agents table as other libs' set-based SQL may use it: telemetry rows carry an agent id, and
 * whose they are is the agent's owner. These fragments are the only way another lib's SQL names the
 * table, so the owner rule and the table's shape stay in this lib.
 */
export const AGENTS_TABLE = 'agents';

/** `join agents <alias> on <alias>.id = <agentIdColumn>`, to reach `<alias>.owner_id` or the agent's name. */
export function joinAgents(alias: string, agentIdColumn: string): string {
  return `join ${AGENTS_TABLE} ${alias} on ${alias}.id = ${agentIdColumn}`;
}

/** `<agentIdColumn>` restricted to the agents of `ownerId`; no restriction (`true`) when ownerId is null. */
export function agentsOwnedBy(agentIdColumn: string, ownerId: string | null): SqlCondition {
  return ownerId === null ? { sql: 'true', params: [] } : { sql: `${agentIdColumn} in (select id from ${AGENTS_TABLE} where owner_id = ?)`, params: [ownerId] };
}
