/** A "nice" axis maximum (1, 2, 5 × 10ⁿ) and its tick values, so gridlines fall on round numbers. */
export function niceTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const stepInt = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let value = 0; value < max + stepInt; value += stepInt) ticks.push(value);
  return ticks;
}

/** Number of colours in the chart palette (insights.css: .chart-fill-0 …). */
export const PALETTE_SIZE = 6;
export const fillClass = (index: number) => `chart-fill-${index % PALETTE_SIZE}`;
