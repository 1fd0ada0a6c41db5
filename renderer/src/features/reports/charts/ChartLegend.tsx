import { fillClass } from './scale';

/** The series names with their colour swatches (colour is never the only cue: the table has names). */
export function ChartLegend({ series }: { series: ReadonlyArray<{ key: string; label: string }> }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((item, index) => (
        <li key={item.key} className="chart-legend__item">
          <svg width="12" height="12" aria-hidden="true" className="chart-legend__swatch">
            <rect width="12" height="12" rx="2" className={fillClass(index)} />
          </svg>
          <span dir="auto">{item.label}</span>
        </li>
      ))}
    </ul>
  );
}
