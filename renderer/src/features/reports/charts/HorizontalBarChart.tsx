import { useId } from 'react';
import { ChartLegend } from './ChartLegend';
import { fillClass, niceTicks } from './scale';

export interface BarRow {
  key: string;
  label: string;
  /** One value per series, in series order. */
  values: number[];
}

interface HorizontalBarChartProps {
  title: string;
  summary: string;
  rows: ReadonlyArray<BarRow>;
  /** More than one series stacks the bars and shows a legend. */
  series: ReadonlyArray<{ key: string; label: string }>;
}

const WIDTH = 480;
const MAX_LABEL_WIDTH = 150;
const MAX_LABEL_CHARS = 22;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;
const TOP = 8;
const AXIS = 22;

/** Bars per category, stacked when there are several series. SVG only: no script, no inline <style>. */
export function HorizontalBarChart({ title, summary, rows, series }: HorizontalBarChartProps) {
  const titleId = useId();
  const descId = useId();
  const totals = rows.map((row) => row.values.reduce((sum, v) => sum + v, 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const max = ticks[ticks.length - 1] ?? 1;
  // Room for the longest label (about 7 px a character at 12 px), and no more.
  const longest = Math.max(1, ...rows.map((row) => Math.min(MAX_LABEL_CHARS, row.label.length)));
  const LABEL_WIDTH = Math.min(MAX_LABEL_WIDTH, longest * 7 + 12);
  const plotWidth = WIDTH - LABEL_WIDTH - 40;
  const x = (value: number) => LABEL_WIDTH + (value / max) * plotWidth;
  const height = TOP + rows.length * ROW_HEIGHT + AXIS;

  return (
    <figure className="chart">
      <svg className="chart__svg" width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`} preserveAspectRatio="xMinYMin meet">
        <title id={titleId}>{title}</title>
        <desc id={descId}>{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="chart__grid" x1={x(tick)} x2={x(tick)} y1={TOP - 4} y2={TOP + rows.length * ROW_HEIGHT} />
            <text className="chart__tick" x={x(tick)} y={height - 6} textAnchor="middle">
              {tick}
            </text>
          </g>
        ))}
        {rows.map((row, rowIndex) => {
          const y = TOP + rowIndex * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
          let start = 0;
          return (
            <g key={row.key}>
              <text className="chart__label" x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT / 2} dominantBaseline="middle" textAnchor="end">
                {row.label.length > MAX_LABEL_CHARS ? `${row.label.slice(0, MAX_LABEL_CHARS - 1)}…` : row.label}
              </text>
              {row.values.map((value, seriesIndex) => {
                const from = start;
                start += value;
                return value > 0 ? (
                  <rect key={seriesIndex} className={fillClass(seriesIndex)} x={x(from)} y={y} width={Math.max(1, x(from + value) - x(from))} height={BAR_HEIGHT} rx={2} />
                ) : null;
              })}
              <text className="chart__value" x={x(totals[rowIndex] ?? 0) + 6} y={y + BAR_HEIGHT / 2} dominantBaseline="middle">
                {totals[rowIndex]}
              </text>
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? <ChartLegend series={series} /> : null}
    </figure>
  );
}
