import { useMemo, useState } from 'preact/hooks';
import { agentsApi } from '../../api/agents';
import type { TimeseriesPoint } from '../../api/types';
import { Async } from '../../components/states';
import { TimeChart } from '../../components/time-chart';
import { Card, Tabs } from '../../components/ui';
import { compact, money, ms, num } from '../../lib/format';
import { useApi } from '../../lib/use-api';

type Range = '1h' | '24h' | '7d' | '30d';
/** Whole-hour intervals read the hourly rollups (which outlive raw rows); shorter ones read raw rows. */
const RANGES: Record<Range, { label: string; seconds: number; interval: string }> = {
  '1h': { label: '1 h', seconds: 3600, interval: '1m' },
  '24h': { label: '24 h', seconds: 86400, interval: '15m' },
  '7d': { label: '7 d', seconds: 7 * 86400, interval: '1h' },
  '30d': { label: '30 d', seconds: 30 * 86400, interval: '6h' },
};

const QUERIES = {
  cpu: { metric: 'cpu', aggregation: 'avg' },
  memory: { metric: 'memory', aggregation: 'avg' },
  p50: { metric: 'llm_latency_ms', aggregation: 'p50' },
  p95: { metric: 'llm_latency_ms', aggregation: 'p95' },
  input: { metric: 'input_tokens', aggregation: 'sum' },
  output: { metric: 'output_tokens', aggregation: 'sum' },
  cost: { metric: 'cost_usd', aggregation: 'sum' },
  llmErrors: { metric: 'llm_errors', aggregation: 'sum' },
  toolErrors: { metric: 'tool_errors', aggregation: 'sum' },
} as const;

type Key = keyof typeof QUERIES;
const pct = (v: number): string => `${num(v, 1)}%`;
const usd = (v: number): string => money(v);

export function AgentCharts({ agentId }: { agentId: string }) {
  const [range, setRange] = useState<Range>('1h');
  const data = useApi(async () => {
    const end = new Date();
    const start = new Date(end.getTime() - RANGES[range].seconds * 1000);
    const keys = Object.keys(QUERIES) as Key[];
    const answers = await Promise.all(
      keys.map((key) =>
        agentsApi.timeseries({ ...QUERIES[key], agentId, start: start.toISOString(), end: end.toISOString(), interval: RANGES[range].interval }),
      ),
    );
    return Object.fromEntries(keys.map((key, i) => [key, answers[i].points])) as Record<Key, TimeseriesPoint[]>;
  }, [agentId, range]);

  const charts = useMemo(() => {
    const d = data.data;
    if (!d) return undefined;
    return [
      { title: 'CPU', format: pct, series: [{ label: 'CPU %', points: d.cpu, color: '#2563eb' }] },
      { title: 'Memory', format: pct, series: [{ label: 'Memory %', points: d.memory, color: '#7c3aed' }] },
      {
        title: 'LLM latency',
        format: ms,
        series: [
          { label: 'p50', points: d.p50, color: '#0891b2' },
          { label: 'p95', points: d.p95, color: '#db2777' },
        ],
      },
      {
        title: 'Tokens',
        format: compact,
        series: [
          { label: 'Input', points: d.input, color: '#059669' },
          { label: 'Output', points: d.output, color: '#d97706' },
        ],
      },
      { title: 'Cost', format: usd, series: [{ label: 'Cost', points: d.cost, color: '#16a34a' }] },
      {
        title: 'Errors',
        format: compact,
        series: [
          { label: 'LLM errors', points: d.llmErrors, color: '#dc2626' },
          { label: 'Tool errors', points: d.toolErrors, color: '#ea580c' },
        ],
      },
    ];
  }, [data.data]);

  return (
    <Card
      title="Telemetry"
      actions={
        <Tabs label="Time range" value={range} onChange={setRange} tabs={(Object.keys(RANGES) as Range[]).map((id) => ({ id, label: RANGES[id].label }))} />
      }
    >
      <Async loaded={data} what="Loading charts">
        {() => (
          <div class="charts" aria-busy={data.loading}>
            {charts?.map((chart) => (
              <TimeChart title={chart.title} series={chart.series} format={chart.format} />
            ))}
          </div>
        )}
      </Async>
    </Card>
  );
}
