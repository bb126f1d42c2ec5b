import { agentsApi } from '../../api/agents';
import { Async } from '../../components/states';
import { useApi } from '../../lib/use-api';
import { useTicker } from '../../lib/use-ticker';
import { useOpenAlerts } from '../alerts/open-alerts';
import { AgentTable } from './agent-table';
import { FleetAlerts } from './fleet-alerts';
import { FleetCharts } from './fleet-charts';
import { FleetFigures } from './fleet-figures';
import { GettingStarted } from './getting-started';
import { NeedsAttention } from './needs-attention';

/** Live enough to watch a demo: every panel re-reads on one 15 s beat (and on Refresh). */
const REFRESH_MS = 15_000;

export function FleetPage() {
  const { tick, bump } = useTicker(REFRESH_MS);
  const agents = useApi(() => agentsApi.list(), [tick]);
  const alerts = useOpenAlerts([tick]);
  return (
    <>
      <div class="page-head">
        <h1>Fleet</h1>
        <button type="button" class="secondary small" onClick={bump} aria-busy={agents.loading}>
          Refresh
        </button>
      </div>
      <FleetFigures tick={tick} />
      <Async loaded={agents} what="Loading agents">
        {(list) =>
          list.length === 0 ? (
            <GettingStarted />
          ) : (
            <>
              <FleetCharts tick={tick} />
              <div class="grid-2 fleet-panels">
                <FleetAlerts alerts={alerts} />
                <NeedsAttention tick={tick} />
              </div>
              <AgentTable agents={list} openAlerts={alerts} tick={tick} />
            </>
          )
        }
      </Async>
    </>
  );
}
