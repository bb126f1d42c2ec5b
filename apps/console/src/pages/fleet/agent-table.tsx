import { useMemo, useState } from 'preact/hooks';
import { costApi } from '../../api/cost';
import type { Agent, AgentCost, AgentStatus, Alert } from '../../api/types';
import { Link } from '../../components/link';
import { Badge, Card } from '../../components/ui';
import { ago, money, tokens, when } from '../../lib/format';
import { type Loaded, useApi } from '../../lib/use-api';

const STATUSES: AgentStatus[] = ['running', 'warning', 'error', 'deploying', 'queued', 'stopped'];
/** Per-agent cost is one request each: enough for a page of agents without flooding the API. */
const COST_LOOKUPS = 100;

function startOfToday(): Date {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

function useToday(agents: Agent[], tick: number) {
  const ids = agents
    .slice(0, COST_LOOKUPS)
    .map((a) => a.id)
    .join(',');
  return useApi(async () => {
    const start = startOfToday().toISOString();
    const end = new Date().toISOString();
    const entries = await Promise.all(
      agents.slice(0, COST_LOOKUPS).map(async (agent) => [agent.id, await costApi.agentCost(agent.id, start, end).catch(() => undefined)] as const),
    );
    return new Map<string, AgentCost | undefined>(entries);
  }, [ids, tick]);
}

function countByAgent(alerts: Alert[] | undefined): Map<string, number> | undefined {
  if (!alerts) return undefined;
  const byAgent = new Map<string, number>();
  for (const alert of alerts) byAgent.set(alert.agentId, (byAgent.get(alert.agentId) ?? 0) + 1);
  return byAgent;
}

function labelText(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`);
}

/** `openAlerts` is the page's own list (firing, pending, acknowledged), so the counts match the Open alerts panel. */
export function AgentTable({ agents, openAlerts, tick }: { agents: Agent[]; openAlerts: Loaded<Alert[]>; tick: number }) {
  const [status, setStatus] = useState<string>('');
  const [label, setLabel] = useState<string>('');
  const today = useToday(agents, tick);
  const openByAgent = useMemo(() => countByAgent(openAlerts.data), [openAlerts.data]);
  const allLabels = useMemo(() => [...new Set(agents.flatMap((a) => labelText(a.labels ?? {})))].sort(), [agents]);
  const shown = agents.filter((a) => (!status || a.status === status) && (!label || labelText(a.labels ?? {}).includes(label)));

  return (
    <Card
      title={`Agents (${agents.length})`}
      actions={
        <div class="filters">
          <label>
            <span class="sr-only">Status</span>
            <select value={status} onChange={(e) => setStatus(e.currentTarget.value)} aria-label="Filter by status">
              <option value="">All statuses</option>
              {STATUSES.map((s) => (
                <option value={s}>{s}</option>
              ))}
            </select>
          </label>
          <label>
            <span class="sr-only">Label</span>
            <select value={label} onChange={(e) => setLabel(e.currentTarget.value)} aria-label="Filter by label">
              <option value="">All labels</option>
              {allLabels.map((l) => (
                <option value={l}>{l}</option>
              ))}
            </select>
          </label>
        </div>
      }
    >
      <div class="table-wrap">
        <table class="table" id="agents-table">
          <thead>
            <tr>
              <th>Agent</th>
              <th>Status</th>
              <th>Last seen</th>
              <th class="num">Tokens today</th>
              <th class="num">Cost today</th>
              <th class="num">Open alerts</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((agent) => {
              const cost = today.data?.get(agent.id);
              const open = openByAgent?.get(agent.id) ?? 0;
              return (
                <tr data-agent-id={agent.id}>
                  <td>
                    <Link href={`/agents/${agent.id}`} class="strong">
                      {agent.name}
                    </Link>
                    <div class="labels">
                      {labelText(agent.labels ?? {}).map((l) => (
                        <span class="chip">{l}</span>
                      ))}
                    </div>
                  </td>
                  <td>
                    <Badge value={agent.status} />
                  </td>
                  <td title={when(agent.lastSeenAt)}>{ago(agent.lastSeenAt)}</td>
                  <td class="num">{today.data ? tokens(cost?.total_tokens ?? 0) : '…'}</td>
                  <td class="num">{today.data ? money(cost?.total_cost ?? 0) : '…'}</td>
                  <td class="num">
                    {openByAgent ? (
                      open > 0 ? (
                        <Link href="/alerts" class="badge tone-bad">
                          {String(open)}
                        </Link>
                      ) : (
                        '0'
                      )
                    ) : (
                      '…'
                    )}
                  </td>
                </tr>
              );
            })}
            {shown.length === 0 && (
              <tr>
                <td colSpan={6} class="muted center">
                  No agent matches these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
