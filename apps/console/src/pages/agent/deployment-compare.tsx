import { agentsApi } from '../../api/agents';
import type { DeploymentSide, TelemetryWindow } from '../../api/types';
import { Async } from '../../components/states';
import { money, ms, num, percent } from '../../lib/format';
import { useApi } from '../../lib/use-api';

const show = (value: unknown): string => (value === undefined ? '—' : JSON.stringify(value));

function WindowRow({ label, w }: { label: string; w: TelemetryWindow }) {
  return (
    <tr>
      <td>{label}</td>
      <td class="num">{num(w.llmCalls)}</td>
      <td class="num">{w.errorRate === null ? '—' : percent(w.errorRate * 100)}</td>
      <td class="num">{ms(w.llmLatencyP95Ms)}</td>
      <td class="num">{money(w.costPerCall)}</td>
    </tr>
  );
}

function Side({ side }: { side: DeploymentSide }) {
  return (
    <div class="compare-side">
      <h3>
        {side.version ?? side.id.slice(-8)}{' '}
        <span class="muted small">
          {side.environment} · {side.status}
        </span>
      </h3>
      <table class="table compact">
        <thead>
          <tr>
            <th>24 h</th>
            <th class="num">LLM calls</th>
            <th class="num">Error rate</th>
            <th class="num">p95 latency</th>
            <th class="num">Cost / call</th>
          </tr>
        </thead>
        <tbody>
          <WindowRow label="Before" w={side.before} />
          <WindowRow label="After" w={side.after} />
        </tbody>
      </table>
    </div>
  );
}

/** GET /api/analytics/deployments/compare: configuration diff and telemetry before/after each deployment. */
export function DeploymentCompare({ a, b }: { a: string; b: string }) {
  const comparison = useApi(() => agentsApi.compare(a, b), [a, b]);
  return (
    <div class="compare" data-testid="deployment-compare">
      <Async loaded={comparison} what="Comparing">
        {(c) => {
          const diff = c.configurationDiff;
          const none = diff.added.length + diff.removed.length + diff.changed.length === 0;
          return (
            <>
              <div class="grid-2">
                <Side side={c.a} />
                <Side side={c.b} />
              </div>
              <h3>Configuration diff</h3>
              {none ? (
                <p class="muted">The two configurations are the same.</p>
              ) : (
                <ul class="diff">
                  {diff.added.map((x) => (
                    <li class="diff-add">
                      <code>+ {x.path}</code> {show(x.value)}
                    </li>
                  ))}
                  {diff.removed.map((x) => (
                    <li class="diff-del">
                      <code>− {x.path}</code> {show(x.value)}
                    </li>
                  ))}
                  {diff.changed.map((x) => (
                    <li class="diff-chg">
                      <code>~ {x.path}</code> {show(x.oldValue)} → {show(x.newValue)}
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </Async>
    </div>
  );
}
