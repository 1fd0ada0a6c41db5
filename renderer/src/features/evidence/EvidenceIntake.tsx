import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useRef, useState, type DragEvent } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { EVIDENCE_MAX_BYTES, type CaseDto } from '../../../../shared/domain/records';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { useFieldError } from '../../lib/use-field-error';
import type { AppError } from '../../../../shared/errors';
import { useSettings } from '../settings/queries';
import { ThreatPicker, useCaseThreats } from '../case-referrals/threat-options';
import { formatBytes, toLocalInput } from '../history/record-format';
import { mediaTypeOf } from './media-kind';
import { useAddEvidence } from './queries';
import { readFileAsBase64 } from './read-file';
import { TextArea } from '../../components/TextArea';

const intakeSchema = z.object({
  collectedAt: z.string().min(1, 'evidence.errors.collectedAtRequired').refine((value) => !Number.isNaN(new Date(value).getTime()), 'evidence.errors.collectedAtInvalid'),
  collectedHow: z.string().trim().max(500, 'records.errors.max500'),
  collectedBy: z.string().trim().max(200, 'records.errors.max200'),
  collectedFrom: z.string().trim().max(500, 'records.errors.max500'),
  description: z.string().max(20_000, 'records.errors.max20000'),
  threatIds: z.array(z.string()),
});
type IntakeValues = z.infer<typeof intakeSchema>;

interface Progress {
  fileName: string;
  index: number;
  count: number;
  phase: 'reading' | 'saving';
  fraction: number;
}

/** Picker + drop zone, then the collection log for the chosen files, then upload with progress. */
export function EvidenceIntake({ caseFile }: { caseFile: CaseDto }) {
  const { t } = useTranslation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [refused, setRefused] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [savedCount, setSavedCount] = useState(0);
  const threats = useCaseThreats(caseFile.id);
  const settings = useSettings();
  const add = useAddEvidence(caseFile.id);
  const fieldError = useFieldError();

  const defaults = (): IntakeValues => ({
    collectedAt: toLocalInput(new Date()),
    collectedHow: '',
    collectedBy: settings.data?.caseworkerName ?? '',
    collectedFrom: '',
    description: '',
    threatIds: [],
  });
  const form = useForm<IntakeValues>({ resolver: zodResolver(intakeSchema), defaultValues: defaults() });
  useUnsavedChanges(files.length > 0 || progress !== null);

  // The size check happens before a single byte is read.
  const choose = (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const chosen = [...list];
    setRefused(chosen.filter((file) => file.size > EVIDENCE_MAX_BYTES));
    const accepted = chosen.filter((file) => file.size <= EVIDENCE_MAX_BYTES);
    if (accepted.length > 0 && files.length === 0) form.reset(defaults());
    setFiles((current) => [...current, ...accepted]);
    setSavedCount(0);
    setError(null);
    if (inputRef.current) inputRef.current.value = '';
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files);
  };

  const cancel = () => {
    setFiles([]);
    setError(null);
    form.reset(defaults());
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    let saved = 0;
    const remaining = [...files];
    for (const [index, file] of files.entries()) {
      try {
        setProgress({ fileName: file.name, index, count: files.length, phase: 'reading', fraction: 0 });
        const dataBase64 = await readFileAsBase64(file, (fraction) => setProgress((p) => (p ? { ...p, fraction } : p)));
        setProgress({ fileName: file.name, index, count: files.length, phase: 'saving', fraction: 1 });
        await add.mutateAsync({
          caseId: caseFile.id,
          dataBase64,
          threatIds: values.threatIds,
          evidence: {
            fileName: file.name,
            mediaType: mediaTypeOf(file),
            collectedAt: new Date(values.collectedAt).toISOString(),
            collectedHow: values.collectedHow,
            collectedBy: values.collectedBy,
            collectedFrom: values.collectedFrom,
            description: values.description,
          },
        });
        saved += 1;
        remaining.shift();
      } catch (caught) {
        setError(asAppError(caught));
        break;
      }
    }
    setProgress(null);
    setFiles(remaining);
    setSavedCount(saved);
    if (remaining.length === 0) form.reset(defaults());
  });

  const busy = progress !== null;

  return (
    <Card title={t('evidence.attachTitle')} description={t('evidence.attachDescription', { limit: formatBytes(EVIDENCE_MAX_BYTES) })}>
      <div className="stack stack--md">
        <div
          className={['drop-zone', dragging ? 'drop-zone--active' : null].filter(Boolean).join(' ')}
          role="group"
          aria-label={t('evidence.dropZone')}
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = 'copy';
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p className="drop-zone__text">{t('evidence.dropHint')}</p>
          <label htmlFor={inputId} className="btn btn--secondary drop-zone__button">
            {t('evidence.chooseFiles')}
          </label>
          <input
            ref={inputRef}
            id={inputId}
            className="visually-hidden"
            type="file"
            multiple
            disabled={busy}
            onChange={(event) => choose(event.target.files)}
          />
        </div>

        <div className="live-slot" role="status">
          {savedCount > 0 ? <Alert tone="success">{t('evidence.saved', { count: savedCount })}</Alert> : null}
        </div>
        {refused.length > 0 ? (
          <Alert tone="danger" live="alert" title={t('evidence.tooLargeTitle')}>
            <ul className="plain-list">
              {refused.map((file, i) => (
                <li key={`${file.name}-${i}`}>
                  <span dir="auto">{file.name}</span> — {t('evidence.tooLarge', { size: formatBytes(file.size), limit: formatBytes(EVIDENCE_MAX_BYTES) })}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}

        {files.length > 0 ? (
          <form className="stack stack--md intake-form" noValidate onSubmit={onSubmit} aria-label={t('evidence.intakeFormLabel')}>
            <div>
              <h3 className="section-subtitle">{t('evidence.chosenFiles', { count: files.length })}</h3>
              <ul className="file-chips">
                {files.map((file, i) => (
                  <li key={`${file.name}-${i}`} className="file-chip">
                    <span className="file-chip__name" dir="auto">{file.name}</span>
                    <span className="muted small">{formatBytes(file.size)}</span>
                    <Button
                      variant="ghost"
                      className="file-chip__remove"
                      disabled={busy}
                      aria-label={t('evidence.removeChosen', { name: file.name })}
                      onClick={() => setFiles((current) => current.filter((_, j) => j !== i))}
                    >
                      ×
                    </Button>
                  </li>
                ))}
              </ul>
            </div>
            <p className="muted small">{t('evidence.logHint')}</p>
            <div className="rec-form-grid">
              <TextField
                label={t('evidence.fields.collectedAt')}
                type="datetime-local"
                error={fieldError(form.formState.errors.collectedAt?.message)}
                {...form.register('collectedAt')}
              />
              <TextField label={t('evidence.fields.collectedBy')} dir="auto" autoComplete="off" error={fieldError(form.formState.errors.collectedBy?.message)} {...form.register('collectedBy')} />
              <TextField
                label={t('evidence.fields.collectedHow')}
                description={t('evidence.fields.collectedHowHint')}
                dir="auto"
                autoComplete="off"
                error={fieldError(form.formState.errors.collectedHow?.message)}
                {...form.register('collectedHow')}
              />
              <TextField
                label={t('evidence.fields.collectedFrom')}
                description={t('evidence.fields.collectedFromHint')}
                dir="auto"
                autoComplete="off"
                error={fieldError(form.formState.errors.collectedFrom?.message)}
                {...form.register('collectedFrom')}
              />
            </div>
            <TextArea label={t('evidence.fields.description')} error={fieldError(form.formState.errors.description?.message)} {...form.register('description')} />
            <Controller
              control={form.control}
              name="threatIds"
              render={({ field }) => (
                <ThreatPicker legend={t('evidence.fields.threats')} threats={threats.data} value={field.value} onChange={field.onChange} />
              )}
            />
            {progress ? (
              <div className="upload-progress" role="status">
                <label className="small" htmlFor={`${inputId}-progress`}>
                  {progress.phase === 'reading'
                    ? t('evidence.progressReading', { name: progress.fileName, n: progress.index + 1, count: progress.count })
                    : t('evidence.progressSaving', { name: progress.fileName, n: progress.index + 1, count: progress.count })}
                </label>
                <progress id={`${inputId}-progress`} max={1} value={progress.phase === 'saving' ? undefined : progress.fraction} />
              </div>
            ) : null}
            <ErrorAlert error={error} />
            <div className="form-actions form-actions--start">
              <Button type="submit" variant="primary" pending={busy}>
                {t('evidence.attach', { count: files.length })}
              </Button>
              <Button variant="ghost" disabled={busy} onClick={cancel}>
                {t('common.cancel')}
              </Button>
            </div>
          </form>
        ) : null}
      </div>
    </Card>
  );
}

