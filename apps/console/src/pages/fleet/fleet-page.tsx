import { agentsApi } from '../../api/agents';
import { Async } from '../../components/states';
import { useApi } from '../../lib/use-api';
import { AgentTable } from './agent-table';
import { FleetFigures } from './fleet-figures';
import { GettingStarted } from './getting-started';
import { NeedsAttention } from './needs-attention';

export function FleetPage() {
  const agents = useApi(() => agentsApi.list(), []);
  return (
    <>
      <div class="page-head">
        <h1>Fleet</h1>
        <button type="button" class="secondary small" onClick={agents.reload}>
          Refresh
        </button>
      </div>
      <FleetFigures />
      <Async loaded={agents} what="Loading agents">
        {(list) =>
          list.length === 0 ? (
            <GettingStarted />
          ) : (
            <>
              <NeedsAttention />
              <AgentTable agents={list} />
            </>
          )
        }
      </Async>
    </>
  );
}
