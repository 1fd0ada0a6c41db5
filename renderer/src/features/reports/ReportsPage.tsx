import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { formatDay, isRealDay } from '../cases/labels';
import { ExportCsvDialog, type ReportTable } from './ExportCsvDialog';
import { useReport, type ReportRange } from './queries';
import { ReportCharts } from './ReportCharts';
import '../../styles/sections.css';
import '../../styles/insights.css';

/** Aggregated statistics for advocacy: charts, each with its table, exportable as CSV. */
export function ReportsPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [range, setRange] = useState<ReportRange>({});
  const [rangeError, setRangeError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<{ table: ReportTable; title: string } | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const query = useReport(range);

  const apply = () => {
    const from = draft.from.trim();
    const to = draft.to.trim();
    if ((from && !isRealDay(from)) || (to && !isRealDay(to)) || (from && to && from > to)) {
      setRangeError(t('reports.badRange'));
      return;
    }
    setRangeError(null);
    setRange({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  };

  const data = query.data;
  const rangeText =
    range.from && range.to
      ? t('reports.rangeBoth', { from: formatDay(range.from), to: formatDay(range.to) })
      : range.from
        ? t('reports.rangeFrom', { from: formatDay(range.from) })
        : range.to
          ? t('reports.rangeTo', { to: formatDay(range.to) })
          : t('reports.rangeAll');
  const nothing =
    data !== undefined &&
    data.threatsByTacticOverTime.every((row) => row.count === 0) &&
    data.threatsByCountry.length === 0 &&
    data.threatsByChannel.length === 0 &&
    data.referralsByRecipient.length === 0;

  return (
    <div className="page page--wide reports-page">
      <header className="page__header">
        <h1 className="page__title">{t('reports.title')}</h1>
        <p className="page__lead">{t('reports.lead')}</p>
      </header>
      <form
        className="report-range"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        <TextField type="date" className="field--narrow" label={t('reports.from')} value={draft.from} max={draft.to || undefined} onChange={(event) => setDraft((d) => ({ ...d, from: event.target.value }))} />
        <TextField type="date" className="field--narrow" label={t('reports.to')} value={draft.to} min={draft.from || undefined} onChange={(event) => setDraft((d) => ({ ...d, to: event.target.value }))} />
        <div className="report-range__actions">
          <Button type="submit" variant="primary" pending={query.isFetching && !query.isPending}>
            {t('reports.apply')}
          </Button>
          <Button
            variant="ghost"
            disabled={!range.from && !range.to && !draft.from && !draft.to}
            onClick={() => {
              setDraft({ from: '', to: '' });
              setRangeError(null);
              setRange({});
            }}
          >
            {t('reports.clear')}
          </Button>
        </div>
      </form>
      {rangeError ? <Alert tone="danger" live="alert">{rangeError}</Alert> : null}
      <p className="muted" role="status">
        {t('reports.range')}: {rangeText}
      </p>
      <Alert tone="info">{t('reports.export.privacy')}</Alert>
      <div className="live-slot" role="status">
        {exported ? <Alert tone="success">{exported}</Alert> : null}
      </div>
      <ErrorAlert error={query.isError ? asAppError(query.error) : null} />
      {query.isPending ? <p className="muted">{t('common.loading')}</p> : null}
      {nothing ? (
        <EmptyState title={t('reports.empty')}>
          <p>{t('reports.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {data && !nothing ? (
        <ReportCharts
          data={data}
          onExport={(table, title) => {
            setExported(null);
            setExporting({ table, title });
          }}
        />
      ) : null}
      <ExportCsvDialog table={exporting?.table ?? null} tableTitle={exporting?.title ?? ''} range={range} onClose={() => setExporting(null)} onExported={setExported} />
    </div>
  );
}
