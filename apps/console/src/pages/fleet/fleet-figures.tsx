import { agentsApi } from '../../api/agents';
import { ErrorBox } from '../../components/states';
import { Stat } from '../../components/ui';
import { ms, num, percent } from '../../lib/format';
import { useApi } from '../../lib/use-api';

/** The platform figures of /api/monitoring/metrics (seed 004) and /api/metrics (seed 000). */
export function FleetFigures({ tick }: { tick: number }) {
  const counts = useApi(() => agentsApi.monitoringMetrics(), [tick]);
  const platform = useApi(() => agentsApi.platformMetrics(), [tick]);
  if (counts.error) return <ErrorBox error={counts.error} onRetry={counts.reload} />;
  const c = counts.data;
  const p = platform.data?.metrics;
  return (
    <div class="stats" aria-busy={!c}>
      <Stat label="Agents" value={c ? num(c.agents_total) : '…'} hint={c ? `${num(c.agents_running)} running · ${num(c.agents_stopped)} stopped` : undefined} />
      <Stat label="In error or warning" value={c ? num(c.agents_error) : '…'} />
      <Stat label="Events, last 24 h" value={c ? num(c.events_today) : '…'} />
      <Stat label="Messages today" value={p ? num(p.messages.today) : '…'} hint={p ? `${num(p.messages.thisMonth)} this month` : undefined} />
      <Stat
        label="LLM success rate, 24 h"
        value={p ? percent(p.performance.successRate) : '…'}
        hint={p ? `avg response ${ms(p.performance.averageResponseTime)}` : undefined}
      />
      <Stat
        label="Agent uptime, 30 d"
        value={p ? percent(p.uptime.averageAgentUptime) : '…'}
        hint={p ? `platform ${percent(p.uptime.platformUptime)}` : undefined}
      />
    </div>
  );
}
