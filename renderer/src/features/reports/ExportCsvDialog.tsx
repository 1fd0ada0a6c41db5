import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { REPORT_TABLES } from '../../../../shared/ipc/insights-contract';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { joinPath } from '../../lib/paths';
import { useAppInfo } from '../vault/queries';
import { ChooseSaveFileButton, useSaveTarget } from '../files/ChooseSaveFileButton';
import { useExportReportCsv, type ReportRange } from './queries';

export type ReportTable = (typeof REPORT_TABLES)[number];

interface ExportCsvDialogProps {
  table: ReportTable | null;
  tableTitle: string;
  range: ReportRange;
  onClose: () => void;
  onExported: (message: string) => void;
}

/**
 * Where to save one table's aggregated counts. The path is always typeable;
 * in Electron "Choose…" also opens the native save dialog (the browser host
 * has none), and saving to a typed path opens it there to confirm.
 */
export function ExportCsvDialog({ table, tableTitle, range, onClose, onExported }: ExportCsvDialogProps) {
  const { t } = useTranslation();
  const appInfo = useAppInfo();
  const saveTarget = useSaveTarget('report-csv');
  const choose = saveTarget.choose;
  const exportCsv = useExportReportCsv();
  const [path, setPath] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const suggestedName = `casekeeper-${table ?? 'report'}${range.from ? `-from-${range.from}` : ''}${range.to ? `-to-${range.to}` : ''}.csv`;
  const value = path ?? (appInfo.data ? joinPath(appInfo.data.defaultVaultFolder, suggestedName) : '');

  const close = () => {
    setPath(null);
    setProblem(null);
    exportCsv.reset();
    choose.reset();
    onClose();
  };

  const submit = () => {
    if (!table) return;
    const target = value.trim();
    if (target === '') return setProblem(t('reports.export.pathRequired'));
    if (!target.toLowerCase().endsWith('.csv')) return setProblem(t('reports.export.pathCsv'));
    // The main process writes only where its save dialog was: get the dialog's one-time token for this path.
    void saveTarget.tokenFor(target).then((place) => {
      if (!place) return;
      setPath(place.path);
      exportCsv.mutate(
        { table, saveToken: place.token, ...range },
        {
          onSuccess: (saved) => {
            onExported(t('reports.export.saved', { count: saved.rows, path: saved.path }));
            close();
          },
        },
      );
    });
  };

  return (
    <Dialog
      open={table !== null}
      title={t('reports.export.title', { table: tableTitle })}
      onClose={close}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form="report-export-form" pending={exportCsv.isPending}>
            {t('reports.export.save')}
          </Button>
        </>
      }
    >
      <form
        id="report-export-form"
        className="stack stack--md"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Alert tone="info">{t('reports.export.privacy')}</Alert>
        <TextField
          label={t('reports.export.path')}
          description={t('reports.export.pathHint')}
          error={problem ?? undefined}
          autoComplete="off"
          monospace
          value={value}
          onChange={(event) => {
            setProblem(null);
            setPath(event.target.value);
          }}
          trailing={
            <ChooseSaveFileButton
              target={saveTarget}
              suggestedName={value.trim() || suggestedName}
              onChosen={(chosen) => {
                setProblem(null);
                setPath(chosen);
              }}
            >
              {t('reports.export.choose')}
            </ChooseSaveFileButton>
          }
        />
        <ErrorAlert error={exportCsv.isError ? asAppError(exportCsv.error) : choose.isError ? asAppError(choose.error) : null} />
      </form>
    </Dialog>
  );
}
