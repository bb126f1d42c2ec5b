import { useState } from 'preact/hooks';
import { alertsApi } from '../../api/alerts';
import type { Agent, Alert, AlertStatus } from '../../api/types';
import { Link } from '../../components/link';
import { Async, Empty, ErrorBox } from '../../components/states';
import { Badge, Card } from '../../components/ui';
import { num, when } from '../../lib/format';
import { useMe, whoIs } from '../../lib/me';
import { agentName, useAgents, useUserNames } from '../../lib/use-names';
import { useAction, useApi } from '../../lib/use-api';
import { SilenceForm } from './silence-form';

const ORDER = { firing: 0, pending: 1, acknowledged: 2, resolved: 3 } as const;
const OPEN: AlertStatus[] = ['firing', 'pending', 'acknowledged'];

/** Unresolved alerts, the ones needing a person first (firing, pending, then acknowledged), newest first within each. */
export function useOpenAlerts(deps: unknown[] = []) {
  return useApi(async () => {
    const lists = await Promise.all(OPEN.map((s) => alertsApi.list(s)));
    return lists.flat().sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.startedAt.localeCompare(a.startedAt));
  }, deps);
}

export function OpenAlertsTab() {
  const alerts = useOpenAlerts();
  return (
    <Card
      title="Open alerts"
      actions={
        <button type="button" class="secondary small" onClick={alerts.reload}>
          Refresh
        </button>
      }
    >
      <Async loaded={alerts} what="Loading alerts">
        {(list) => (list.length === 0 ? <Empty>No open alerts. Rules that fire show up here.</Empty> : <AlertList alerts={list} changed={alerts.reload} />)}
      </Async>
    </Card>
  );
}

/** Alert rows with acknowledge (with a note), resolve and silence; agent and user names are fetched once for the list. */
export function AlertList({ alerts, changed }: { alerts: Alert[]; changed: () => void }) {
  const me = useMe();
  const agents = useAgents();
  const names = useUserNames(me);
  return (
    <ul class="alert-list">
      {alerts.map((a) => (
        <AlertRow key={a.id} alert={a} agents={agents.data} names={names.data} changed={changed} />
      ))}
    </ul>
  );
}

function AlertRow({ alert, agents, names, changed }: { alert: Alert; agents?: Agent[]; names?: Map<string, string>; changed: () => void }) {
  const me = useMe();
  const [note, setNote] = useState('');
  const [silencing, setSilencing] = useState(false);
  const action = useAction();
  const act = (kind: 'acknowledge' | 'resolve') =>
    void action.run(async () => {
      await (kind === 'acknowledge' ? alertsApi.acknowledge(alert.id, note || undefined) : alertsApi.resolve(alert.id, note || undefined));
      changed();
    });
  return (
    <li class={`alert-item sev-${alert.severity}`} data-alert-id={alert.id} data-status={alert.status}>
      <div class="alert-main">
        <div>
          <strong>{alert.ruleName}</strong> <Badge value={alert.status} /> <Badge value={alert.severity} />
          <div class="muted small">
            <Link href={`/agents/${alert.agentId}`}>{agentName(agents, alert.agentId)}</Link> · value {num(alert.value, 3)} vs threshold{' '}
            {num(alert.threshold, 3)} · started {when(alert.startedAt)}
            {alert.firedAt && <> · fired {when(alert.firedAt)}</>}
          </div>
          {alert.acknowledgedAt && (
            <div class="small ack-line" data-testid="acknowledged-by">
              Acknowledged by {whoIs(alert.acknowledgedBy, me, names)} at {when(alert.acknowledgedAt)}
              {alert.note && <> — “{alert.note}”</>}
            </div>
          )}
        </div>
        <div class="alert-actions">
          <input
            class="small-input"
            placeholder="Note (optional)"
            aria-label={`Note for ${alert.ruleName}`}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          {alert.status !== 'acknowledged' && (
            <button type="button" class="primary small" disabled={action.busy} onClick={() => act('acknowledge')}>
              Acknowledge
            </button>
          )}
          <button type="button" class="secondary small" disabled={action.busy} onClick={() => act('resolve')}>
            Resolve
          </button>
          <button type="button" class="secondary small" aria-expanded={silencing} onClick={() => setSilencing(!silencing)}>
            Silence…
          </button>
        </div>
      </div>
      {action.error && <ErrorBox error={action.error} />}
      {silencing && <SilenceForm initial={{ ruleId: alert.ruleId, agentId: alert.agentId }} done={() => setSilencing(false)} />}
    </li>
  );
}
