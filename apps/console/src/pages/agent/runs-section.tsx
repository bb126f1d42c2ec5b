import { useState } from 'preact/hooks';
import { runsApi } from '../../api/runs';
import type { RunStatus } from '../../api/types';
import { Link } from '../../components/link';
import { Empty, ErrorBox, Loading } from '../../components/states';
import { Badge, Card } from '../../components/ui';
import { elapsed, money, num, when } from '../../lib/format';
import { usePaged } from '../../lib/use-paged';
import { LoadMore } from './load-more';

const STATUSES: RunStatus[] = ['running', 'success', 'error'];

/** GET /api/agents/:id/runs: newest first, filtered by status, paged with X-Next-Cursor. */
export function RunsSection({ agentId }: { agentId: string }) {
  const [status, setStatus] = useState<RunStatus | ''>('');
  const runs = usePaged((cursor) => runsApi.list(agentId, status || undefined, cursor), [agentId, status]);
  return (
    <Card
      title="Runs"
      id="runs"
      actions={
        <select aria-label="Run status" value={status} onChange={(e) => setStatus(e.currentTarget.value as RunStatus | '')}>
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option value={s}>{s}</option>
          ))}
        </select>
      }
    >
      <div aria-busy={runs.loading} data-testid="runs-body">
        {runs.error && <ErrorBox error={runs.error} onRetry={runs.reload} />}
        {runs.items === undefined ? (
          !runs.error && <Loading what="Loading runs" />
        ) : runs.items.length === 0 ? (
          <Empty>{status ? `No ${status} runs.` : 'No runs recorded. Send runs[] to POST /api/ingest, or calls with a runId.'}</Empty>
        ) : (
          <>
            <div class="table-wrap">
              <table class="table compact" data-testid="runs-table">
                <thead>
                  <tr>
                    <th>Run</th>
                    <th>Status</th>
                    <th>Started</th>
                    <th class="num">Duration</th>
                    <th class="num">Steps</th>
                    <th class="num">Tokens</th>
                    <th class="num">Cost</th>
                    <th class="num">Errors</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.items.map((r) => (
                    <tr data-run-id={r.id}>
                      <td>
                        <Link href={`/runs/${r.key}`} class="strong">
                          {r.name ?? r.id}
                        </Link>
                        {r.conversationId && <div class="muted small">conversation {r.conversationId}</div>}
                      </td>
                      <td data-col="status">
                        <Badge value={r.status} />
                      </td>
                      <td data-col="started">{when(r.startedAt)}</td>
                      <td class="num" data-col="duration">
                        {elapsed(r.durationMs)}
                      </td>
                      <td class="num" data-col="steps" title={`${num(r.llmCalls)} LLM calls · ${num(r.toolCalls)} tool calls`}>
                        {num(r.steps, 0)}
                      </td>
                      <td class="num" data-col="tokens">
                        {num(r.tokens.total, 0)}
                      </td>
                      <td class="num" data-col="cost">
                        {money(r.costUsd)}
                      </td>
                      <td class={r.errors > 0 ? 'num bad' : 'num'} data-col="errors">
                        {num(r.errors, 0)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <LoadMore paged={runs} shown={runs.items.length} what={['run', 'runs']} />
          </>
        )}
      </div>
    </Card>
  );
}
