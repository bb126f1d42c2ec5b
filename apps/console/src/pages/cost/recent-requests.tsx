import { useState } from 'preact/hooks';
import { costApi } from '../../api/cost';
import { Async, Empty } from '../../components/states';
import { Badge, Card } from '../../components/ui';
import { money, ms, num, when } from '../../lib/format';
import { useApi } from '../../lib/use-api';

/** LLM calls, newest first; calls priced by the fallback rate (model not in the catalogue) are flagged. */
export function RecentRequests() {
  const [page, setPage] = useState(1);
  const requests = useApi(() => costApi.requests(page), [page]);
  return (
    <Card
      title="LLM calls"
      actions={
        <span class="muted small">
          <span class="chip warn">fallback</span> = model not in the price catalogue
        </span>
      }
    >
      <Async loaded={requests} what="Loading calls">
        {(p) =>
          p.requests.length === 0 ? (
            <Empty>No LLM calls yet.</Empty>
          ) : (
            <>
              <div class="table-wrap">
                <table class="table compact">
                  <thead>
                    <tr>
                      <th>When</th>
                      <th>Agent</th>
                      <th>Model</th>
                      <th class="num">Tokens in / out</th>
                      <th class="num">Latency</th>
                      <th>Status</th>
                      <th class="num">Cost</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.requests.map((r) => (
                      <tr>
                        <td>{when(r.timestamp)}</td>
                        <td>{r.agentName}</td>
                        <td>{r.model ?? '—'}</td>
                        <td class="num">
                          {num(r.inputTokens)} / {num(r.outputTokens)}
                        </td>
                        <td class="num">{ms(r.latencyMs)}</td>
                        <td>
                          <Badge value={r.status} />
                        </td>
                        <td class="num">
                          {money(r.costUsd)} {r.rateSource === 'fallback' && <span class="chip warn">fallback</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div class="pager">
                <button type="button" class="secondary small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  Previous
                </button>
                <span class="muted small">
                  Page {p.page} of {Math.max(p.total_pages, 1)} · {num(p.total)} calls
                </span>
                <button type="button" class="secondary small" disabled={page >= p.total_pages} onClick={() => setPage(page + 1)}>
                  Next
                </button>
              </div>
            </>
          )
        }
      </Async>
    </Card>
  );
}
