import { useId } from 'react';
import { ChartLegend } from './ChartLegend';
import { fillClass, niceTicks } from './scale';

export interface Column {
  key: string;
  label: string;
  /** One value per series, in series order. */
  values: number[];
}

interface StackedColumnChartProps {
  title: string;
  summary: string;
  columns: ReadonlyArray<Column>;
  series: ReadonlyArray<{ key: string; label: string }>;
}

const HEIGHT = 240;
const LEFT = 36;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 28;
const MIN_WIDTH = 640;

/** Stacked columns over time (one column per month). SVG only. */
export function StackedColumnChart({ title, summary, columns, series }: StackedColumnChartProps) {
  const titleId = useId();
  const descId = useId();
  const totals = columns.map((column) => column.values.reduce((sum, v) => sum + v, 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const max = ticks[ticks.length - 1] ?? 1;
  const width = Math.max(MIN_WIDTH, LEFT + RIGHT + columns.length * 28);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (width - LEFT - RIGHT) / Math.max(1, columns.length);
  const barWidth = Math.min(40, slot * 0.7);
  const y = (value: number) => TOP + plotHeight - (value / max) * plotHeight;
  // Label every nth month so labels never overlap.
  const labelEvery = Math.max(1, Math.ceil(columns.length / 12));

  return (
    <figure className="chart">
      <svg className="chart__svg" width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`} preserveAspectRatio="xMinYMin meet">
        <title id={titleId}>{title}</title>
        <desc id={descId}>{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="chart__grid" x1={LEFT} x2={width - RIGHT} y1={y(tick)} y2={y(tick)} />
            <text className="chart__tick" x={LEFT - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle">
              {tick}
            </text>
          </g>
        ))}
        {columns.map((column, columnIndex) => {
          const x = LEFT + columnIndex * slot + (slot - barWidth) / 2;
          let base = 0;
          return (
            <g key={column.key}>
              {column.values.map((value, seriesIndex) => {
                const from = base;
                base += value;
                return value > 0 ? <rect key={seriesIndex} className={fillClass(seriesIndex)} x={x} y={y(from + value)} width={barWidth} height={Math.max(1, y(from) - y(from + value))} /> : null;
              })}
              {columnIndex % labelEvery === 0 ? (
                <text className="chart__tick" x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle">
                  {column.label}
                </text>
              ) : null}
            </g>
          );
        })}
        <line className="chart__axis" x1={LEFT} x2={width - RIGHT} y1={y(0)} y2={y(0)} />
      </svg>
      <ChartLegend series={series} />
    </figure>
  );
}
