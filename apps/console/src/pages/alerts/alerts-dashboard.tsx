import { alertsApi } from '../../api/alerts';
import { Async } from '../../components/states';
import { Card, Stat } from '../../components/ui';
import { duration, num, when } from '../../lib/format';
import { useApi } from '../../lib/use-api';

export function AlertsDashboardTab() {
  const dashboard = useApi(() => alertsApi.dashboard(), []);
  return (
    <Async loaded={dashboard} what="Loading the dashboard">
      {(d) => (
        <>
          <div class="stats">
            <Stat label="Mean time to acknowledge" value={duration(d.meanTimeToAcknowledgeSeconds)} hint={`since ${when(d.since)}`} />
            <Stat label="Mean time to resolve" value={duration(d.meanTimeToResolveSeconds)} />
            <Stat label="Firing" value={num(d.byStatus.firing)} hint={`${num(d.byStatus.pending)} pending`} />
            <Stat label="Acknowledged" value={num(d.byStatus.acknowledged)} />
            <Stat label="Resolved" value={num(d.byStatus.resolved)} />
            <Stat label="Critical / warning / info" value={`${d.bySeverity.critical} / ${d.bySeverity.warning} / ${d.bySeverity.info}`} />
          </div>
          <Card title="Noisiest rules">
            {d.noisiestRules.length === 0 ? (
              <p class="muted">No rule has fired in this period.</p>
            ) : (
              <table class="table">
                <thead>
                  <tr>
                    <th>Rule</th>
                    <th class="num">Fired</th>
                  </tr>
                </thead>
                <tbody>
                  {d.noisiestRules.map((r) => (
                    <tr>
                      <td>{r.ruleName}</td>
                      <td class="num">{num(r.fired)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </>
      )}
    </Async>
  );
}
