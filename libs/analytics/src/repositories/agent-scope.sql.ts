import { agentsOwnedBy } from '@fleetwatch/agents';

/** ` and <column> in (the owner's agents)` with its parameter pushed, or '' for every owner. */
export function agentScopeSql(column: string, ownerId: string | undefined, params: unknown[]): string {
  if (ownerId === undefined) return '';
  const condition = agentsOwnedBy(column, ownerId);
  params.push(...condition.params);
  return ` and ${condition.sql}`;
}
