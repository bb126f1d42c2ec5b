import { useState } from 'preact/hooks';
import { alertsApi } from '../../api/alerts';
import type { Rule } from '../../api/types';
import { Async, Empty, ErrorBox } from '../../components/states';
import { Badge, Card } from '../../components/ui';
import { num } from '../../lib/format';
import { agentName, useAgents } from '../../lib/use-names';
import { useAction, useApi } from '../../lib/use-api';
import { RuleForm } from './rule-form';

const SYMBOL = { gt: '>', gte: '≥', lt: '<', lte: '≤', eq: '=', neq: '≠' } as const;

export function RulesTab() {
  const rules = useApi(() => alertsApi.rules(), []);
  const channels = useApi(() => alertsApi.channels(), []);
  const agents = useAgents();
  const [editing, setEditing] = useState<Rule | 'new'>();
  const action = useAction();
  const done = (): void => {
    setEditing(undefined);
    rules.reload();
  };
  return (
    <Card
      title="Rules"
      actions={
        !editing && (
          <button type="button" class="primary small" onClick={() => setEditing('new')}>
            New rule
          </button>
        )
      }
    >
      {editing && <RuleForm rule={editing === 'new' ? undefined : editing} agents={agents.data ?? []} channels={channels.data ?? []} done={done} />}
      {action.error && <ErrorBox error={action.error} />}
      <Async loaded={rules} what="Loading rules">
        {(list) =>
          list.length === 0 ? (
            <Empty>No rules yet. A rule watches a metric of your agents and notifies its channels.</Empty>
          ) : (
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th>Rule</th>
                    <th>Condition</th>
                    <th>Agent</th>
                    <th>Channels</th>
                    <th>Severity</th>
                    <th>Enabled</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr>
                      <td class="strong">{r.name}</td>
                      <td class="mono">
                        {r.aggregation}({r.metric}, {r.windowMinutes} min) {SYMBOL[r.comparator]} {num(r.threshold, 4)}
                        {r.forMinutes ? ` for ${r.forMinutes} min` : ''}
                      </td>
                      <td>{agentName(agents.data, r.agentId)}</td>
                      <td>{r.channelIds.map((id) => channels.data?.find((c) => c.id === id)?.name ?? '…').join(', ') || '—'}</td>
                      <td>
                        <Badge value={r.severity} />
                      </td>
                      <td>
                        <label class="switch">
                          <input
                            type="checkbox"
                            role="switch"
                            checked={r.enabled}
                            aria-label={`Enable ${r.name}`}
                            disabled={action.busy}
                            onChange={(e) => {
                              const enabled = e.currentTarget.checked;
                              void action.run(async () => {
                                await alertsApi.updateRule(r.id, { enabled });
                                rules.reload();
                              });
                            }}
                          />
                          <span>{r.enabled ? 'on' : 'off'}</span>
                        </label>
                      </td>
                      <td class="row-actions">
                        <button type="button" class="secondary small" onClick={() => setEditing(r)}>
                          Edit
                        </button>
                        <button
                          type="button"
                          class="danger small"
                          disabled={action.busy}
                          onClick={() => {
                            if (confirm(`Delete the rule “${r.name}”?`))
                              void action.run(async () => {
                                await alertsApi.deleteRule(r.id);
                                rules.reload();
                              });
                          }}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </Card>
  );
}
