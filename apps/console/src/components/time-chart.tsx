import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TimeseriesPoint } from '../api/types';

export interface ChartSeries {
  label: string;
  points: TimeseriesPoint[];
  color: string;
  /** For averages and rates an empty bucket is null, so a 0 is a measured value (0 % errors), not a gap. */
  zeroIsData?: boolean;
}

const dateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function toData(series: ChartSeries[]): uPlot.AlignedData {
  const xs = (series[0]?.points ?? []).map((p) => Date.parse(p.ts) / 1000);
  return [xs, ...series.map((s) => s.points.map((p) => p.value))];
}

/** Values that carry information: a bucket with no rows is null (avg, percentiles) or 0 (sums, counts). */
export function countPoints(points: TimeseriesPoint[], zeroIsData = false): number {
  return points.filter((p) => p.value !== null && (zeroIsData || p.value !== 0)).length;
}

/** Dots only where a bucket had data: a row of dots along 0 for every quiet minute reads as noise. */
function dotted(zeroIsData = false): uPlot.Series.Points.Filter {
  // Reads the plot's current data, so it stays right after setData on a refresh.
  return (u, seriesIdx) => {
    const values = u.data[seriesIdx] ?? [];
    const shown: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== null && v !== undefined && (zeroIsData || v !== 0)) shown.push(i);
    }
    return shown;
  };
}

/**
 * A uPlot line chart that follows its container's width; times on the axis are in the browser's zone.
 * New data for the same series is handed to the existing plot, so a periodic refresh does not flicker.
 */
export function TimeChart({
  title,
  series,
  format,
  height = 180,
  yMax,
}: {
  title: string;
  series: ChartSeries[];
  format: (value: number) => string;
  height?: number;
  /** Bounded metrics (percent, ratios): the y axis starts at 0 and reaches at least this, so a flat line reads right. */
  yMax?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot>();
  const points = series.reduce((most, s) => Math.max(most, countPoints(s.points, s.zeroIsData)), 0);
  const shape = series.map((s) => `${s.label}:${s.color}`).join('|');
  const latest = useRef(series);
  latest.current = series;

  useEffect(() => {
    const element = host.current;
    if (!element || points === 0) return;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height,
      legend: { show: latest.current.length > 1 },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, ...(yMax === undefined ? {} : { y: { range: (_u, min, max) => [Math.min(0, min), Math.max(max, yMax)] } }) },
      axes: [
        { stroke: '#6b7280', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e5e7eb' } },
        { stroke: '#6b7280', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e5e7eb' }, size: 64, values: (_u, values) => values.map((v) => format(v)) },
      ],
      series: [
        { value: (_u, v) => (v === null ? '—' : dateTime.format(new Date(v * 1000))) },
        ...latest.current.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          fill: `${s.color}1a`,
          spanGaps: true,
          points: { show: true, size: 4, filter: dotted(s.zeroIsData) },
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
        })),
      ],
    };
    const created = new uPlot(options, toData(latest.current), element);
    plot.current = created;
    const observer = new ResizeObserver(() => created.setSize({ width: Math.max(element.clientWidth, 200), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      created.destroy();
      plot.current = undefined;
    };
  }, [shape, points > 0, format, height, yMax]);

  useEffect(() => {
    plot.current?.setData(toData(series));
  }, [series]);

  return (
    <figure class="chart" data-chart={title} data-points={points}>
      <figcaption>
        <span>{title}</span>
        <span class="muted small">{points === 0 ? 'no data in this range' : `${points} ${points === 1 ? 'point' : 'points'}`}</span>
      </figcaption>
      {points === 0 ? (
        <div class="chart-empty" style={{ height: `${height}px` }}>
          No data in this range
        </div>
      ) : (
        <div ref={host} class="chart-canvas" style={{ minHeight: `${height}px` }} />
      )}
    </figure>
  );
}
