import { useState } from 'preact/hooks';
import { agentsApi } from '../../api/agents';
import { Async, Empty } from '../../components/states';
import { Card } from '../../components/ui';
import { num, when } from '../../lib/format';
import { useApi } from '../../lib/use-api';

/** GET /api/agents/:id/metrics: the stored samples themselves, newest first. */
export function RawRecords({ agentId }: { agentId: string }) {
  const [type, setType] = useState('');
  const [open, setOpen] = useState(false);
  const records = useApi(() => (open ? agentsApi.records(agentId, type || undefined, 50) : Promise.resolve([])), [agentId, type, open]);
  return (
    <Card
      title="Raw records"
      actions={
        <>
          {open && (
            <input
              class="small-input"
              placeholder="Sample type, e.g. cpu"
              aria-label="Sample type"
              value={type}
              onChange={(e) => setType(e.currentTarget.value.trim())}
            />
          )}
          <button type="button" class="secondary small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide' : 'Show'}
          </button>
        </>
      }
    >
      {open && (
        <Async loaded={records} what="Loading records">
          {(list) =>
            list.length === 0 ? (
              <Empty>No records{type ? ` of type ${type}` : ''}.</Empty>
            ) : (
              <div class="table-wrap">
                <table class="table compact">
                  <thead>
                    <tr>
                      <th>Recorded</th>
                      <th>Type</th>
                      <th class="num">Value</th>
                      <th>Metadata</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((r) => (
                      <tr>
                        <td>{when(r.recorded_at)}</td>
                        <td>{r.metric_type}</td>
                        <td class="num">{num(r.value, 4)}</td>
                        <td class="muted mono">{Object.keys(r.metadata ?? {}).length ? JSON.stringify(r.metadata) : ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Async>
      )}
    </Card>
  );
}
