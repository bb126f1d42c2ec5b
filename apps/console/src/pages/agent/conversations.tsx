import { runsApi } from '../../api/runs';
import { Empty, ErrorBox, Loading } from '../../components/states';
import { Card } from '../../components/ui';
import { money, num, when } from '../../lib/format';
import { usePaged } from '../../lib/use-paged';
import { LoadMore } from './load-more';

/** GET /api/agents/:id/conversations: runs grouped by conversationId, latest activity first. */
export function Conversations({ agentId }: { agentId: string }) {
  const list = usePaged((cursor) => runsApi.conversations(agentId, cursor), [agentId]);
  return (
    <Card title="Conversations" id="conversations">
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.items === undefined ? (
        !list.error && <Loading what="Loading conversations" />
      ) : list.items.length === 0 ? (
        <Empty>No conversations: runs and calls sent with a conversationId are grouped here.</Empty>
      ) : (
        <>
          <div class="table-wrap">
            <table class="table compact" data-testid="conversations-table">
              <thead>
                <tr>
                  <th>Conversation</th>
                  <th class="num">Runs</th>
                  <th class="num">Steps</th>
                  <th class="num">Tokens</th>
                  <th class="num">Cost</th>
                  <th class="num">Errors</th>
                  <th>First activity</th>
                  <th>Last activity</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((c) => (
                  <tr data-conversation-id={c.conversationId}>
                    <td class="strong mono">{c.conversationId}</td>
                    <td class="num" data-col="runs">
                      {num(c.runs, 0)}
                      {c.runningRuns > 0 && <span class="muted small"> ({num(c.runningRuns, 0)} running)</span>}
                    </td>
                    <td class="num" data-col="steps">
                      {num(c.steps, 0)}
                    </td>
                    <td class="num" data-col="tokens">
                      {num(c.tokens.total, 0)}
                    </td>
                    <td class="num" data-col="cost">
                      {money(c.costUsd)}
                    </td>
                    <td class="num" data-col="errors">
                      {num(c.errors, 0)}
                    </td>
                    <td>{when(c.firstActivityAt)}</td>
                    <td>{when(c.lastActivityAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore paged={list} shown={list.items.length} what={['conversation', 'conversations']} />
        </>
      )}
    </Card>
  );
}
