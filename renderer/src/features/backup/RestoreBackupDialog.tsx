import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ABSOLUTE_PATH, type BackupPreview } from '../../../../shared/ipc/backup-contract';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Select } from '../../components/Select';
import { PasswordField, TextField } from '../../components/TextField';
import { formatDateTime } from '../../lib/format';
import { joinPath } from '../../lib/paths';
import { useFieldError } from '../../lib/use-field-error';
import { formatBytes } from '../history/record-format';
import { useSession } from '../session/SessionProvider';
import { NewPassphraseFields } from '../vault/NewPassphraseFields';
import { checkNewPassphrase, newPassphraseFields } from '../vault/passphrase-schema';
import { useAppInfo } from '../vault/queries';
import { VaultLocationField } from '../welcome/VaultLocationField';
import { usePreviewBackup, useRestoreBackup } from './queries';
import '../../styles/backup.css';

const schema = z
  .object({
    path: z.string().trim().refine((value) => ABSOLUTE_PATH.test(value), 'backup.restore.errors.file'),
    method: z.enum(['passphrase', 'recoveryKey']),
    passphrase: z.string(),
    recoveryKey: z.string(),
    destination: z.string().trim(),
    newPassphrase: z.string(),
    confirmPassphrase: z.string(),
    acceptWeak: z.boolean(),
  })
  .superRefine((values, ctx) => {
    if (values.method === 'passphrase' && values.passphrase === '') {
      ctx.addIssue({ code: 'custom', path: ['passphrase'], message: 'backup.restore.errors.passphrase' });
    }
    if (values.method === 'recoveryKey') {
      if (values.recoveryKey.trim() === '') ctx.addIssue({ code: 'custom', path: ['recoveryKey'], message: 'backup.restore.errors.recoveryKey' });
      // Opening with the recovery key sets a new passphrase on the restored vault.
      for (const issue of newPassphraseFields.newPassphrase.safeParse(values.newPassphrase).error?.issues ?? []) {
        ctx.addIssue({ code: 'custom', path: ['newPassphrase'], message: issue.message });
      }
      checkNewPassphrase(values, ctx);
    }
    if (!ABSOLUTE_PATH.test(values.destination)) {
      ctx.addIssue({ code: 'custom', path: ['destination'], message: 'backup.restore.errors.destination' });
    }
  });
type Values = z.infer<typeof schema>;

const EMPTY: Values = { path: '', method: 'passphrase', passphrase: '', recoveryKey: '', destination: '', newPassphrase: '', confirmPassphrase: '', acceptWeak: false };
const SECRETS = ['passphrase', 'recoveryKey', 'newPassphrase', 'confirmPassphrase'] as const;

/**
 * Restore from the welcome screen: the backup is checked and previewed
 * read-only first (nothing is written), then restored into a new vault
 * location and opened.
 */
export function RestoreBackupDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('backup.restore.title')} onClose={onClose}>
      {open ? <RestoreForm onClose={onClose} /> : null}
    </Dialog>
  );
}

function RestoreForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const appInfo = useAppInfo();
  const fieldError = useFieldError();
  const preview = usePreviewBackup();
  const restore = useRestoreBackup();
  const [checked, setChecked] = useState<BackupPreview | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: EMPTY });
  const method = useWatch({ control: form.control, name: 'method' });
  const { errors } = form.formState;

  // Anything that changes which backup is opened, or how, asks for a new check.
  const invalidate = () => {
    setChecked(null);
    preview.clear();
    restore.clear();
  };

  const runPreview = async () => {
    if (!(await form.trigger(['path', 'passphrase', 'recoveryKey']))) return;
    const { path, method: how, passphrase, recoveryKey } = form.getValues();
    restore.clear();
    preview.run(how === 'passphrase' ? { path, passphrase } : { path, recoveryKey }, {
      onSuccess: (result) => {
        setChecked(result);
        if (!form.getValues('destination') && appInfo.data) {
          form.setValue('destination', joinPath(appInfo.data.defaultVaultFolder, `${t('backup.restore.restoredName', { name: result.vaultName })}.ckvault`));
        }
      },
    });
  };

  const onSubmit = form.handleSubmit((values) => {
    const input =
      values.method === 'passphrase'
        ? { path: values.path, passphrase: values.passphrase, destination: values.destination }
        : { path: values.path, recoveryKey: values.recoveryKey, destination: values.destination, newPassphrase: values.newPassphrase };
    restore.run(input, {
      onSuccess: (status) => {
        for (const name of SECRETS) form.setValue(name, '');
        session.enterVault(status);
      },
    });
  });

  const busy = preview.isPending || restore.isPending;

  return (
    <FormProvider {...form}>
      <form className="stack stack--md backup-restore" noValidate onSubmit={onSubmit} aria-busy={busy || undefined}>
        <TextField
          label={t('backup.restore.fileLabel')}
          description={t('backup.restore.fileHint')}
          autoComplete="off"
          readOnly={busy}
          error={fieldError(errors.path?.message)}
          {...form.register('path', { onChange: invalidate })}
        />
        <Select
          className="field--medium"
          label={t('backup.restore.with')}
          disabled={busy}
          options={[
            { value: 'passphrase', label: t('backup.restore.withPassphrase') },
            { value: 'recoveryKey', label: t('backup.restore.withRecoveryKey') },
          ]}
          {...form.register('method', { onChange: invalidate })}
        />
        {method === 'passphrase' ? (
          <PasswordField
            label={t('passphrase.label')}
            description={t('backup.restore.passphraseHint')}
            autoComplete="off"
            readOnly={busy}
            error={fieldError(errors.passphrase?.message)}
            {...form.register('passphrase', { onChange: invalidate })}
          />
        ) : (
          <TextField
            label={t('backup.restore.recoveryKeyLabel')}
            monospace
            autoComplete="off"
            autoCapitalize="characters"
            readOnly={busy}
            error={fieldError(errors.recoveryKey?.message)}
            {...form.register('recoveryKey', { onChange: invalidate })}
          />
        )}
        <ErrorAlert error={preview.error} />
        {checked ? null : (
          <div className="form-actions form-actions--split">
            <Button variant="link" onClick={onClose} disabled={busy}>
              {t('backup.restore.cancel')}
            </Button>
            <Button variant="primary" pending={preview.isPending} onClick={() => void runPreview()}>
              {preview.isPending ? t('backup.restore.previewing') : t('backup.restore.preview')}
            </Button>
          </div>
        )}

        {checked ? (
          <>
            <section className="backup-preview" aria-labelledby="backup-preview-title">
              <h3 className="backup-preview__title" id="backup-preview-title">
                {t('backup.restore.previewTitle')}
              </h3>
              <dl className="details">
                {previewRows(checked, t).map(([term, value]) => (
                  <div className="details__row" key={term}>
                    <dt>{term}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              <p className="muted small">{t('backup.restore.previewNote')}</p>
            </section>
            <VaultLocationField
              purpose="create"
              label={t('backup.restore.destinationLabel')}
              description={t('backup.restore.destinationHint')}
              readOnly={restore.isPending}
              error={fieldError(errors.destination?.message)}
              onChosen={(path) => form.setValue('destination', path, { shouldValidate: true })}
              {...form.register('destination', { onChange: () => restore.clear() })}
            />
            {method === 'recoveryKey' ? <NewPassphraseFields label={t('backup.restore.newPassphraseLabel')} /> : null}
            <ErrorAlert error={restore.error} />
            <div className="form-actions form-actions--split">
              <Button variant="link" onClick={onClose} disabled={busy}>
                {t('backup.restore.cancel')}
              </Button>
              <Button type="submit" variant="primary" pending={restore.isPending}>
                {restore.isPending ? t('backup.restore.submitting') : t('backup.restore.submit')}
              </Button>
            </div>
          </>
        ) : null}
      </form>
    </FormProvider>
  );
}

function previewRows(preview: BackupPreview, t: (key: string, options?: Record<string, unknown>) => string): Array<[string, string]> {
  return [
    [t('backup.restore.previewMade'), `${formatDateTime(preview.createdAt)} (${t(`backup.kinds.${preview.kind}`)})`],
    [t('backup.restore.previewVault'), preview.vaultName],
    [t('backup.restore.previewCases'), String(preview.caseCount)],
    [t('backup.restore.previewNewest'), preview.newestChangeAt ? formatDateTime(preview.newestChangeAt) : t('backup.restore.noChanges')],
    [t('backup.restore.previewSchema'), String(preview.schemaVersion)],
    [t('backup.restore.previewSize'), formatBytes(preview.bytes)],
  ];
}
