import { useState } from 'preact/hooks';
import { agentsApi } from '../../api/agents';
import { Async, Empty } from '../../components/states';
import { Badge, Card } from '../../components/ui';
import { when } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { DeploymentCompare } from './deployment-compare';

export function Deployments({ agentId }: { agentId: string }) {
  const deployments = useApi(() => agentsApi.deployments(agentId), [agentId]);
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string): void => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));
  return (
    <Card title="Deployments" actions={<span class="muted small">Tick two to compare them</span>}>
      <Async loaded={deployments} what="Loading deployments">
        {(list) =>
          list.length === 0 ? (
            <Empty>No deployments yet.</Empty>
          ) : (
            <>
              <div class="table-wrap">
                <table class="table">
                  <thead>
                    <tr>
                      <th>
                        <span class="sr-only">Compare</span>
                      </th>
                      <th>Version</th>
                      <th>Environment</th>
                      <th>Status</th>
                      <th>Created</th>
                      <th>Finished</th>
                      <th>Error</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((d) => (
                      <tr>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Compare deployment ${d.version ?? d.id}`}
                            checked={picked.includes(d.id)}
                            onChange={() => toggle(d.id)}
                          />
                        </td>
                        <td class="strong">{d.version ?? '—'}</td>
                        <td>{d.environment}</td>
                        <td>
                          <Badge value={d.status} />
                        </td>
                        <td>{when(d.createdAt)}</td>
                        <td>{when(d.finishedAt)}</td>
                        <td class="muted">{d.error ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {picked.length === 2 && <DeploymentCompare a={picked[0]} b={picked[1]} />}
            </>
          )
        }
      </Async>
    </Card>
  );
}
