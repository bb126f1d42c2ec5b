import { useMemo } from 'preact/hooks';
import { agentsApi } from '../../api/agents';
import type { TimeseriesPoint } from '../../api/types';
import { Async, Empty } from '../../components/states';
import { type ChartSeries, countPoints, TimeChart } from '../../components/time-chart';
import { Card } from '../../components/ui';
import { compact, money, num } from '../../lib/format';
import { useApi } from '../../lib/use-api';

const HOUR_MS = 3600_000;

/** Without agentId the timeseries route aggregates every agent the caller sees: one request per chart for the whole fleet. */
const QUERIES = {
  calls: { metric: 'llm_calls', aggregation: 'count' },
  tokens: { metric: 'tokens', aggregation: 'sum' },
  cost: { metric: 'cost_usd', aggregation: 'sum' },
  cpu: { metric: 'cpu', aggregation: 'avg' },
  errors: { metric: 'llm_error_rate', aggregation: 'avg' },
} as const;
type Key = keyof typeof QUERIES;

const perMinute = (v: number): string => compact(v);
const usd = (v: number): string => money(v);
const pct = (v: number): string => `${num(v, 1)}%`;
const ratio = (v: number): string => `${num(v * 100, 1)}%`;

/** The last hour of the visible fleet in 1-minute buckets; `tick` re-reads it with the rest of the page. */
export function FleetCharts({ tick }: { tick: number }) {
  const data = useApi(async () => {
    const end = new Date();
    const start = new Date(end.getTime() - HOUR_MS);
    const keys = Object.keys(QUERIES) as Key[];
    const answers = await Promise.all(
      keys.map((key) => agentsApi.timeseries({ ...QUERIES[key], start: start.toISOString(), end: end.toISOString(), interval: '1m' })),
    );
    return Object.fromEntries(keys.map((key, i) => [key, answers[i].points])) as Record<Key, TimeseriesPoint[]>;
  }, [tick]);

  const charts = useMemo((): { title: string; format: (v: number) => string; series: ChartSeries[]; yMax?: number }[] | undefined => {
    const d = data.data;
    if (!d) return undefined;
    return [
      { title: 'LLM calls / min', format: perMinute, series: [{ label: 'Calls', points: d.calls, color: '#2563eb' }] },
      { title: 'Tokens / min', format: perMinute, series: [{ label: 'Tokens', points: d.tokens, color: '#059669' }] },
      { title: 'Cost / min', format: usd, series: [{ label: 'Cost', points: d.cost, color: '#16a34a' }] },
      { title: 'CPU, fleet average', format: pct, yMax: 100, series: [{ label: 'CPU %', points: d.cpu, color: '#7c3aed' }] },
      { title: 'LLM error rate', format: ratio, yMax: 0.05, series: [{ label: 'Errors', points: d.errors, color: '#dc2626', zeroIsData: true }] },
    ];
  }, [data.data]);

  const empty = charts !== undefined && charts.every((c) => c.series.every((s) => countPoints(s.points, s.zeroIsData) === 0));
  return (
    <Card title="Last hour" actions={<span class="muted small">whole fleet · 1-minute buckets</span>} id="fleet-charts">
      <Async loaded={data} what="Loading charts">
        {() =>
          empty ? (
            <Empty>No telemetry in the last hour yet. Charts fill in as agents send LLM calls and samples.</Empty>
          ) : (
            <div class="charts small-charts" aria-busy={data.loading}>
              {charts?.map((chart) => (
                <TimeChart title={chart.title} series={chart.series} format={chart.format} height={110} yMax={chart.yMax} />
              ))}
            </div>
          )
        }
      </Async>
    </Card>
  );
}
