import { useEffect, useState } from 'preact/hooks';
import { agentsApi } from '../../api/agents';
import { alertsApi } from '../../api/alerts';
import type { Agent, Aggregation, Channel, Comparator, NoData, Rule, RuleInput, Severity } from '../../api/types';
import { ErrorBox } from '../../components/states';
import { Field } from '../../components/ui';
import { num } from '../../lib/format';
import { useAction } from '../../lib/use-api';

const METRICS = ['cpu', 'memory', 'messages', 'errors', 'llm_latency_ms', 'llm_error_rate', 'tool_error_rate', 'tokens', 'cost_usd', 'telemetry_age_minutes'];
const AGGREGATIONS: Aggregation[] = ['avg', 'min', 'max', 'sum', 'count', 'p95', 'p99'];
const COMPARATORS: Comparator[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'];
/** The timeseries route knows these rule metrics under the same name; telemetry age has no series. */
const PREVIEWABLE = (metric: string): boolean => metric !== 'telemetry_age_minutes';

const blank: RuleInput = {
  name: '',
  metric: 'cpu',
  aggregation: 'avg',
  comparator: 'gt',
  threshold: 80,
  windowMinutes: 5,
  forMinutes: 0,
  keepFiringForMinutes: 0,
  noData: 'ok',
  severity: 'warning',
  agentId: null,
  channelIds: [],
  enabled: true,
};

/** The current value of what the rule would compare, over its window, from GET /api/analytics/timeseries. */
function usePreview(input: RuleInput): string {
  const [text, setText] = useState('');
  useEffect(() => {
    if (!input.agentId || !PREVIEWABLE(input.metric) || !(input.windowMinutes > 0)) {
      setText(input.agentId ? '' : 'Pick an agent to preview its current value.');
      return;
    }
    const end = new Date();
    const start = new Date(end.getTime() - input.windowMinutes * 60_000);
    const timer = setTimeout(() => {
      agentsApi
        .timeseries({
          metric: input.metric,
          agentId: input.agentId!,
          aggregation: input.aggregation,
          start: start.toISOString(),
          end: end.toISOString(),
          interval: `${input.windowMinutes}m`,
        })
        .then(
          (series) => {
            const value = series.points.at(-1)?.value;
            setText(
              value === null || value === undefined
                ? 'No data in the window right now.'
                : `Now: ${input.aggregation}(${input.metric}) over the last bucket = ${num(value, 3)}`,
            );
          },
          (e: Error) => setText(`No preview: ${e.message}`),
        );
    }, 300);
    return () => clearTimeout(timer);
  }, [input.agentId, input.metric, input.aggregation, input.windowMinutes]);
  return text;
}

export function RuleForm({ rule, agents, channels, done }: { rule?: Rule; agents: Agent[]; channels: Channel[]; done: () => void }) {
  const [input, setInput] = useState<RuleInput>(rule ? { ...blank, ...rule } : blank);
  const set = <K extends keyof RuleInput>(key: K, value: RuleInput[K]): void => setInput((i) => ({ ...i, [key]: value }));
  const preview = usePreview(input);
  const action = useAction();
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    const {
      name,
      metric,
      aggregation,
      comparator,
      threshold,
      windowMinutes,
      forMinutes,
      keepFiringForMinutes,
      noData,
      severity,
      agentId,
      channelIds,
      enabled,
    } = input;
    const body = {
      name,
      metric,
      aggregation,
      comparator,
      threshold,
      windowMinutes,
      forMinutes,
      keepFiringForMinutes,
      noData,
      severity,
      agentId,
      channelIds,
      enabled,
    };
    if (await action.run(() => (rule ? alertsApi.updateRule(rule.id, body) : alertsApi.createRule(body)))) done();
  };
  return (
    <form class="panel-form" onSubmit={(e) => void save(e)} aria-label={rule ? 'Edit rule' : 'New rule'}>
      <div class="form-grid">
        <Field label="Name">
          <input required value={input.name} onInput={(e) => set('name', e.currentTarget.value)} />
        </Field>
        <Field label="Agent">
          <select value={input.agentId ?? ''} onChange={(e) => set('agentId', e.currentTarget.value || null)}>
            <option value="">Each of my agents</option>
            {agents.map((a) => (
              <option value={a.id}>{a.name}</option>
            ))}
          </select>
        </Field>
        <Field label="Metric" hint="Or any custom sample type">
          <input list="rule-metrics" required value={input.metric} onInput={(e) => set('metric', e.currentTarget.value.trim())} />
          <datalist id="rule-metrics">
            {METRICS.map((m) => (
              <option value={m} />
            ))}
          </datalist>
        </Field>
        <Field label="Aggregation">
          <select value={input.aggregation} onChange={(e) => set('aggregation', e.currentTarget.value as Aggregation)}>
            {AGGREGATIONS.map((a) => (
              <option>{a}</option>
            ))}
          </select>
        </Field>
        <Field label="Comparator">
          <select value={input.comparator} onChange={(e) => set('comparator', e.currentTarget.value as Comparator)}>
            {COMPARATORS.map((c) => (
              <option>{c}</option>
            ))}
          </select>
        </Field>
        <Field label="Threshold">
          <input type="number" step="any" required value={input.threshold} onInput={(e) => set('threshold', Number(e.currentTarget.value))} />
        </Field>
        <Field label="Window (min)">
          <input type="number" min="1" required value={input.windowMinutes} onInput={(e) => set('windowMinutes', Number(e.currentTarget.value))} />
        </Field>
        <Field label="For (min)">
          <input type="number" min="0" value={input.forMinutes} onInput={(e) => set('forMinutes', Number(e.currentTarget.value))} />
        </Field>
        <Field label="Keep firing (min)">
          <input type="number" min="0" value={input.keepFiringForMinutes} onInput={(e) => set('keepFiringForMinutes', Number(e.currentTarget.value))} />
        </Field>
        <Field label="No data">
          <select value={input.noData} onChange={(e) => set('noData', e.currentTarget.value as NoData)}>
            <option>ok</option>
            <option>alerting</option>
            <option>keep</option>
          </select>
        </Field>
        <Field label="Severity">
          <select value={input.severity} onChange={(e) => set('severity', e.currentTarget.value as Severity)}>
            <option>info</option>
            <option>warning</option>
            <option>critical</option>
          </select>
        </Field>
        <label class="check">
          <input type="checkbox" checked={input.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} /> Enabled
        </label>
      </div>
      <fieldset class="channels-pick">
        <legend>Channels</legend>
        {channels.length === 0 && <span class="muted small">No channels yet (Channels tab).</span>}
        {channels.map((c) => (
          <label class="check">
            <input
              type="checkbox"
              checked={input.channelIds.includes(c.id)}
              onChange={(e) => set('channelIds', e.currentTarget.checked ? [...input.channelIds, c.id] : input.channelIds.filter((x) => x !== c.id))}
            />{' '}
            {c.name} <span class="muted">({c.type})</span>
          </label>
        ))}
      </fieldset>
      {preview && (
        <p class="preview" data-testid="rule-preview">
          {preview}
        </p>
      )}
      {action.error && <ErrorBox error={action.error} />}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={action.busy}>
          {rule ? 'Save rule' : 'Create rule'}
        </button>
        <button type="button" class="secondary" onClick={done}>
          Cancel
        </button>
      </div>
    </form>
  );
}
