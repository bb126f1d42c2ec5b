import { agentsApi } from '../../api/agents';
import { Async, Empty } from '../../components/states';
import { Card } from '../../components/ui';
import { when } from '../../lib/format';
import { useApi } from '../../lib/use-api';

export function RecentEvents({ agentId }: { agentId: string }) {
  const events = useApi(() => agentsApi.events(agentId, 15), [agentId]);
  return (
    <Card title="Recent events">
      <Async loaded={events} what="Loading events">
        {(list) =>
          list.length === 0 ? (
            <Empty>No events yet.</Empty>
          ) : (
            <ul class="events">
              {list.map((e) => (
                <li>
                  <time dateTime={e.created_at}>{when(e.created_at)}</time>
                  <span class="chip">{e.type}</span>
                  <span>{e.message}</span>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </Card>
  );
}
