import { agentsApi } from '../../api/agents';
import { Link } from '../../components/link';
import { Async } from '../../components/states';
import { Badge } from '../../components/ui';
import { ago, when } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { AgentCharts } from './agent-charts';
import { BudgetPanel } from './budget-panel';
import { Conversations } from './conversations';
import { CostByType } from './cost-by-type';
import { Deployments } from './deployments';
import { RawRecords } from './raw-records';
import { RecentEvents } from './recent-events';
import { RunsSection } from './runs-section';

export function AgentPage({ id }: { id: string }) {
  const agent = useApi(() => agentsApi.get(id), [id]);
  return (
    <Async loaded={agent} what="Loading the agent">
      {(a) => (
        <>
          <nav class="crumbs" aria-label="Breadcrumb">
            <Link href="/">Fleet</Link> / <span>{a.name}</span>
          </nav>
          <div class="page-head">
            <div>
              <h1 data-testid="agent-name">
                {a.name} <Badge value={a.status} />
              </h1>
              <p class="muted">
                {a.description ?? 'No description'} · {a.model ?? 'model not set'}
                {a.runtime ? ` · ${a.runtime}` : ''} · last seen <span title={when(a.lastSeenAt)}>{ago(a.lastSeenAt)}</span> · status since{' '}
                {when(a.statusChangedAt)}
              </p>
              <div class="labels">
                {Object.entries(a.labels ?? {}).map(([k, v]) => (
                  <span class="chip">
                    {k}={v}
                  </span>
                ))}
              </div>
            </div>
          </div>
          <AgentCharts agentId={a.id} />
          <div class="grid-2">
            <BudgetPanel agentId={a.id} />
            <RecentEvents agentId={a.id} />
          </div>
          <CostByType agentId={a.id} />
          <RunsSection agentId={a.id} />
          <Conversations agentId={a.id} />
          <Deployments agentId={a.id} />
          <RawRecords agentId={a.id} />
        </>
      )}
    </Async>
  );
}
