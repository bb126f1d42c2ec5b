import type { RunCall } from '../../api/types';
import { Badge } from '../../components/ui';
import { clock, money, ms, num, when } from '../../lib/format';

function LlmFigures({ call }: { call: RunCall }) {
  const t = call.tokens;
  return (
    <span class="call-figures">
      {t && (
        <span data-col="tokens" title={`cache read ${num(t.cacheRead, 0)} · cache write ${num(t.cacheCreation, 0)} · reasoning ${num(t.reasoning, 0)}`}>
          {num(t.input, 0)} in{t.cacheRead > 0 ? ` (${num(t.cacheRead, 0)} cached)` : ''} · {num(t.output, 0)} out
        </span>
      )}
      <span data-col="cost">{money(call.costUsd ?? 0)}</span>
      <span data-col="latency">{ms(call.durationMs)}</span>
    </span>
  );
}

function CallNode({ call, depth }: { call: RunCall; depth: number }) {
  const label = call.kind === 'llm' ? (call.model ?? 'unknown model') : (call.tool ?? 'tool');
  return (
    <li class="call" data-kind={call.kind} data-depth={depth} data-call-id={call.id}>
      <div class={call.status === 'error' ? 'call-line call-error' : 'call-line'}>
        <span class={`call-kind kind-${call.kind}`}>{call.kind === 'llm' ? 'LLM' : 'tool'}</span>
        <span class="call-name strong">{label}</span>
        {call.kind === 'llm' && call.provider && <span class="muted small">{call.provider}</span>}
        <time class="muted small" dateTime={call.timestamp} title={when(call.timestamp)}>
          {clock(call.timestamp)}
        </time>
        {call.kind === 'llm' ? (
          <LlmFigures call={call} />
        ) : (
          <span class="call-figures">
            <span data-col="duration">{ms(call.durationMs)}</span>
          </span>
        )}
        <Badge value={call.status} />
        {call.errorType && <span class="chip warn">{call.errorType}</span>}
      </div>
      {call.children.length > 0 && <CallList calls={call.children} depth={depth + 1} />}
    </li>
  );
}

function CallList({ calls, depth }: { calls: RunCall[]; depth: number }) {
  return (
    <ol class={depth === 0 ? 'call-tree' : 'call-children'}>
      {calls.map((c) => (
        <CallNode call={c} depth={depth} />
      ))}
    </ol>
  );
}

/** A run's calls in time order, each nested under the call owning its parent span. */
export function CallTree({ calls }: { calls: RunCall[] }) {
  return <CallList calls={calls} depth={0} />;
}
