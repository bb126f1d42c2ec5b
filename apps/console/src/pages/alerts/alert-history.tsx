import { useState } from 'preact/hooks';
import { alertsApi } from '../../api/alerts';
import type { Alert } from '../../api/types';
import { Async, Empty } from '../../components/states';
import { Badge, Card } from '../../components/ui';
import { num, when } from '../../lib/format';
import { useMe, whoIs } from '../../lib/me';
import { agentName, useAgents, useUserNames } from '../../lib/use-names';
import { useApi } from '../../lib/use-api';

export function AlertHistoryTab() {
  const alerts = useApi(() => alertsApi.list(undefined, undefined, 100), []);
  const agents = useAgents();
  return (
    <Card title="Alert history" actions={<span class="muted small">Newest 100, every state</span>}>
      <Async loaded={alerts} what="Loading history">
        {(list) =>
          list.length === 0 ? (
            <Empty>No alerts yet.</Empty>
          ) : (
            <ul class="alert-list">
              {list.map((a) => (
                <HistoryRow alert={a} agent={agentName(agents.data, a.agentId)} />
              ))}
            </ul>
          )
        }
      </Async>
    </Card>
  );
}

function HistoryRow({ alert, agent }: { alert: Alert; agent: string }) {
  const [open, setOpen] = useState(false);
  return (
    <li class="alert-item">
      <div class="alert-main">
        <div>
          <strong>{alert.ruleName}</strong> <Badge value={alert.status} /> <Badge value={alert.severity} />
          <div class="muted small">
            {agent} · started {when(alert.startedAt)}
            {alert.resolvedAt && <> · resolved {when(alert.resolvedAt)}</>}
          </div>
        </div>
        <button type="button" class="secondary small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide transitions' : 'Transitions'}
        </button>
      </div>
      {open && <Transitions id={alert.id} />}
    </li>
  );
}

function Transitions({ id }: { id: string }) {
  const me = useMe();
  const names = useUserNames(me);
  const history = useApi(() => alertsApi.history(id), [id]);
  return (
    <Async loaded={history} what="Loading transitions">
      {(entries) => (
        <ol class="timeline">
          {entries.map((h) => (
            <li>
              <time>{when(h.at)}</time> {h.from} → <strong>{h.to}</strong> by {whoIs(h.actor, me, names.data)}
              {h.value !== null && <> · value {num(h.value, 3)}</>}
              {h.note && <> — “{h.note}”</>}
            </li>
          ))}
        </ol>
      )}
    </Async>
  );
}
