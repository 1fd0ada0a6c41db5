import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';

interface ReportCardProps {
  title: string;
  chart: ReactNode;
  table: ReactNode;
  empty: boolean;
  onExport: () => void;
}

/** One statistic: its chart, and beside it the table with the same figures and an export. */
export function ReportCard({ title, chart, table, empty, onExport }: ReportCardProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="report-card" aria-labelledby={id}>
      <header className="report-card__header">
        <h2 className="report-card__title" id={id}>
          {title}
        </h2>
        <Button variant="secondary" disabled={empty} aria-label={t('reports.export.buttonFor', { table: title })} onClick={onExport}>
          {t('reports.export.button')}
        </Button>
      </header>
      {empty ? (
        <p className="muted">{t('reports.chartEmpty')}</p>
      ) : (
        <div className="report-card__body">
          <div className="report-card__chart">{chart}</div>
          <div className="report-card__table table-wrap">{table}</div>
        </div>
      )}
    </section>
  );
}
