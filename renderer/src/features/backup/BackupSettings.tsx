import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ABSOLUTE_PATH, BACKUP_INTERVAL_CHOICES_HOURS } from '../../../../shared/ipc/backup-contract';
import type { Settings } from '../../../../shared/ipc/contract';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useFieldError } from '../../lib/use-field-error';
import { useUpdateSettings } from '../settings/queries';
import { BackupList } from './BackupList';
import { backupListKey, backupStatusKey, useBackupStatus, useCreateBackup } from './queries';
import '../../styles/sections.css';
import '../../styles/backup.css';

const schema = z.object({
  backupFolder: z.string().trim().max(4096).refine((value) => value === '' || ABSOLUTE_PATH.test(value), 'backup.settings.errors.folderAbsolute'),
  backupKeep: z.coerce.number({ error: 'backup.settings.errors.keep' }).int('backup.settings.errors.keep').min(1, 'backup.settings.errors.keep').max(100, 'backup.settings.errors.keep'),
  backupIntervalHours: z.coerce.number().int().min(1),
  backupWarnDays: z.coerce.number({ error: 'backup.settings.errors.warn' }).int('backup.settings.errors.warn').min(0, 'backup.settings.errors.warn').max(365, 'backup.settings.errors.warn'),
});
type Input = z.input<typeof schema>;
type Values = z.output<typeof schema>;

type BackupSettingsValues = Pick<Settings, 'backupFolder' | 'backupKeep' | 'backupIntervalHours' | 'backupWarnDays'>;

/** Settings → Backups: where and how often, "Back up now", the last backup and the files in the folder. */
export function BackupSettings({ settings }: { settings: BackupSettingsValues }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useBackupStatus();
  const update = useUpdateSettings();
  const create = useCreateBackup();
  const fieldError = useFieldError();
  const form = useForm<Input, unknown, Values>({ resolver: zodResolver(schema), defaultValues: settings });

  const onSubmit = form.handleSubmit((values) => {
    create.reset();
    update.mutate(values, {
      onSuccess: (saved) => {
        form.reset({ backupFolder: saved.backupFolder, backupKeep: saved.backupKeep, backupIntervalHours: saved.backupIntervalHours, backupWarnDays: saved.backupWarnDays });
        void queryClient.invalidateQueries({ queryKey: backupStatusKey });
        void queryClient.invalidateQueries({ queryKey: backupListKey });
      },
    });
  });

  const intervals: number[] = [...BACKUP_INTERVAL_CHOICES_HOURS];
  if (!intervals.includes(settings.backupIntervalHours)) intervals.push(settings.backupIntervalHours);
  intervals.sort((a, b) => a - b);
  const last = status.data?.last ?? null;

  return (
    <Card title={t('backup.settings.title')} description={t('backup.settings.description')}>
      <div className="stack stack--lg">
        <div className="stack stack--xs" role="status">
          {status.data ? (
            last ? (
              <>
                <p className="backup-last">{t('backup.settings.last', { date: formatDateTime(last.at), kind: t(`backup.kinds.${last.kind}`) })}</p>
                <p className="muted small backup-path">{t('backup.settings.lastFile', { path: last.path })}</p>
              </>
            ) : (
              <p className="backup-last">{t('backup.settings.never')}</p>
            )
          ) : null}
        </div>
        {status.data?.warn ? (
          <Alert tone="warning">{last ? t('backup.notice.old', { count: status.data.daysWithoutBackup }) : t('backup.notice.never', { count: status.data.daysWithoutBackup })}</Alert>
        ) : null}

        <div className="stack stack--md">
          <div className="form-actions form-actions--start">
            <Button
              variant="primary"
              pending={create.isPending}
              disabled={settings.backupFolder === ''}
              onClick={() => {
                update.reset();
                create.mutate({});
              }}
            >
              {create.isPending ? t('backup.settings.backingUp') : t('backup.settings.backUpNow')}
            </Button>
            {settings.backupFolder === '' ? <p className="muted small">{t('backup.settings.needFolder')}</p> : null}
          </div>
          <div className="live-slot" role="status">
            {create.isSuccess ? (
              <Alert tone="success">
                <p className="backup-path">{t('backup.settings.done', { path: create.data.path })}</p>
                {create.data.pruned.length > 0 ? <p>{t('backup.settings.pruned', { count: create.data.pruned.length, keep: settings.backupKeep })}</p> : null}
              </Alert>
            ) : null}
          </div>
          <ErrorAlert error={create.isError ? asAppError(create.error) : null} />
        </div>

        <form className="stack stack--md" noValidate onSubmit={onSubmit}>
          <TextField
            label={t('backup.settings.folderLabel')}
            description={t('backup.settings.folderHint')}
            autoComplete="off"
            error={fieldError(form.formState.errors.backupFolder?.message)}
            {...form.register('backupFolder', { onChange: () => update.reset() })}
          />
          <div className="backup-fields">
            <TextField
              className="field--narrow"
              type="number"
              inputMode="numeric"
              min={1}
              max={100}
              step={1}
              label={t('backup.settings.keepLabel')}
              error={fieldError(form.formState.errors.backupKeep?.message)}
              {...form.register('backupKeep', { onChange: () => update.reset() })}
            />
            <Select
              className="field--narrow"
              label={t('backup.settings.intervalLabel')}
              options={intervals.map((hours) => ({ value: String(hours), label: intervalLabel(t, hours) }))}
              {...form.register('backupIntervalHours', { onChange: () => update.reset() })}
            />
            <TextField
              className="field--narrow"
              type="number"
              inputMode="numeric"
              min={0}
              max={365}
              step={1}
              label={t('backup.settings.warnLabel')}
              description={t('backup.settings.warnHint')}
              error={fieldError(form.formState.errors.backupWarnDays?.message)}
              {...form.register('backupWarnDays', { onChange: () => update.reset() })}
            />
          </div>
          <p className="muted small">
            {t('backup.settings.keepHint')} {t('backup.settings.intervalHint')}
          </p>
          <div className="live-slot" role="status">
            {update.isSuccess ? <Alert tone="success">{t('backup.settings.saved')}</Alert> : null}
          </div>
          <ErrorAlert error={update.isError ? asAppError(update.error) : null} />
          <div className="form-actions form-actions--start">
            <Button type="submit" pending={update.isPending}>
              {t('backup.settings.save')}
            </Button>
          </div>
        </form>

        {settings.backupFolder ? <BackupList folder={settings.backupFolder} /> : null}
      </div>
    </Card>
  );
}

function intervalLabel(t: (key: string, options?: Record<string, unknown>) => string, hours: number): string {
  switch (hours) {
    case 24:
      return t('backup.settings.intervalDaily');
    case 48:
      return t('backup.settings.intervalTwoDays');
    case 168:
      return t('backup.settings.intervalWeekly');
    default:
      return t('backup.settings.intervalOption', { count: hours });
  }
}
