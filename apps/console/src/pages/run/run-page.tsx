import { agentsApi } from '../../api/agents';
import { runsApi } from '../../api/runs';
import type { RunDetail } from '../../api/types';
import { Link } from '../../components/link';
import { Async, Empty } from '../../components/states';
import { Badge, Card, Stat } from '../../components/ui';
import { clock, elapsed, money, num, when } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { CallTree } from './call-tree';

function Totals({ run }: { run: RunDetail }) {
  const t = run.tokens;
  return (
    <div class="stats" data-testid="run-totals">
      <Stat label="Duration" value={elapsed(run.durationMs)} hint={run.endedAt ? `ended ${clock(run.endedAt)}` : 'still running'} />
      <Stat label="Steps" value={num(run.steps, 0)} hint={`${num(run.llmCalls, 0)} LLM · ${num(run.toolCalls, 0)} tool`} />
      <Stat label="Tokens" value={num(t.total, 0)} hint={`${num(t.input, 0)} in · ${num(t.output, 0)} out`} />
      <Stat label="Cache" value={num(t.cacheRead, 0)} hint={`read · ${num(t.cacheCreation, 0)} written`} />
      <Stat label="Cost" value={money(run.costUsd)} />
      <Stat label="Errors" value={num(run.errors, 0)} />
    </div>
  );
}

/** GET /api/runs/:key: the run's totals and its calls as a tree. */
export function RunPage({ runKey }: { runKey: string }) {
  const run = useApi(async () => {
    const detail = await runsApi.get(runKey);
    const agent = await agentsApi.get(detail.agentId).catch(() => undefined);
    return { detail, agentName: agent?.name };
  }, [runKey]);
  return (
    <Async loaded={run} what="Loading the run">
      {({ detail: r, agentName }) => (
        <>
          <nav class="crumbs" aria-label="Breadcrumb">
            <Link href="/">Fleet</Link> / <Link href={`/agents/${r.agentId}`}>{agentName ?? 'agent'}</Link> / <span>{r.name ?? r.id}</span>
          </nav>
          <div class="page-head">
            <div>
              <h1 data-testid="run-name">
                {r.name ?? r.id} <Badge value={r.status} />
              </h1>
              <p class="muted">
                run <code>{r.id}</code> · started {when(r.startedAt)}
                {r.conversationId ? ` · conversation ${r.conversationId}` : ''}
                {r.traceId ? ` · trace ${r.traceId}` : ''}
              </p>
            </div>
          </div>
          <Totals run={r} />
          <Card title="Calls" actions={<span class="muted small">In time order; a call whose parent span is another call is indented under it</span>}>
            {r.calls.length === 0 ? (
              <Empty>
                {r.steps > 0 ? 'The raw calls of this run have passed the retention period; the totals above remain.' : 'This run has no calls yet.'}
              </Empty>
            ) : (
              <>
                <CallTree calls={r.calls} />
                {r.callsTruncated ? (
                  <p class="muted small">
                    The first {num(r.callsAvailable, 0)} of {num(r.steps, 0)} steps are listed; the totals above count them all.
                  </p>
                ) : (
                  r.callsAvailable < r.steps && (
                    <p class="muted small">
                      {num(r.callsAvailable, 0)} of {num(r.steps, 0)} steps still have raw calls; the others passed the retention period.
                    </p>
                  )
                )}
              </>
            )}
          </Card>
        </>
      )}
    </Async>
  );
}
