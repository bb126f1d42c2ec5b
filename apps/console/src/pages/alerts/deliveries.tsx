import { alertsApi } from '../../api/alerts';
import { Async, Empty } from '../../components/states';
import { Badge, Card } from '../../components/ui';
import { when } from '../../lib/format';
import { useApi } from '../../lib/use-api';

export function DeliveriesTab() {
  const deliveries = useApi(() => alertsApi.deliveries(), []);
  const channels = useApi(() => alertsApi.channels(), []);
  const channelName = (id: string): string => channels.data?.find((c) => c.id === id)?.name ?? `…${id.slice(-8)}`;
  return (
    <Card
      title="Deliveries"
      actions={
        <button type="button" class="secondary small" onClick={deliveries.reload}>
          Refresh
        </button>
      }
    >
      <Async loaded={deliveries} what="Loading the outbox">
        {(list) =>
          list.length === 0 ? (
            <Empty>No notifications sent yet.</Empty>
          ) : (
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th>Created</th>
                    <th>Event</th>
                    <th>Channel</th>
                    <th>Status</th>
                    <th class="num">Attempts</th>
                    <th>Last answer</th>
                    <th>Delivered</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((d) => (
                    <tr>
                      <td>{when(d.createdAt)}</td>
                      <td>{d.event}</td>
                      <td>
                        {channelName(d.channelId)} <span class="muted">({d.channelType})</span>
                      </td>
                      <td>
                        <Badge value={d.status} />
                      </td>
                      <td class="num">{d.attempts}</td>
                      <td class="muted">
                        {d.lastStatusCode ?? ''} {d.lastError ?? ''}
                      </td>
                      <td>{when(d.deliveredAt)}</td>
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
