import { alertsApi } from '../../api/alerts';
import { Async, Empty } from '../../components/states';
import { Badge, Card } from '../../components/ui';
import { when } from '../../lib/format';
import { agentName, useAgents } from '../../lib/use-names';
import { useAction, useApi } from '../../lib/use-api';
import { ErrorBox } from '../../components/states';

export function SilencesTab() {
  const silences = useApi(() => alertsApi.silences(), []);
  const rules = useApi(() => alertsApi.rules(), []);
  const agents = useAgents();
  const action = useAction();
  const ruleName = (id: string | null): string => (id ? (rules.data?.find((r) => r.id === id)?.name ?? `rule …${id.slice(-8)}`) : 'any rule');
  return (
    <Card title="Silences" actions={<span class="muted small">Create one from an open alert</span>}>
      {action.error && <ErrorBox error={action.error} />}
      <Async loaded={silences} what="Loading silences">
        {(list) =>
          list.length === 0 ? (
            <Empty>No silences. Use “Silence…” on an open alert to mute its notifications for a while.</Empty>
          ) : (
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th>Matches</th>
                    <th>State</th>
                    <th>From</th>
                    <th>Until</th>
                    <th>Why</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.map((s) => (
                    <tr>
                      <td>
                        {ruleName(s.matchers.ruleId)} · {agentName(agents.data, s.matchers.agentId)}
                        {s.matchers.severity ? ` · ${s.matchers.severity}` : ''}
                      </td>
                      <td>
                        <Badge value={s.state} />
                      </td>
                      <td>{when(s.startsAt)}</td>
                      <td>{when(s.endsAt)}</td>
                      <td>{s.comment}</td>
                      <td>
                        {s.state !== 'expired' && (
                          <button
                            type="button"
                            class="secondary small"
                            disabled={action.busy}
                            onClick={() =>
                              void action.run(async () => {
                                await alertsApi.expireSilence(s.id);
                                silences.reload();
                              })
                            }
                          >
                            Expire now
                          </button>
                        )}
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
