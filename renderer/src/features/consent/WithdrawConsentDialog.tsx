import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentDto } from '../../../../shared/domain/records';
import type { AppError } from '../../../../shared/errors';
import { Button } from '../../components/Button';
import { ConflictNotice, type ConflictField } from '../../components/ConflictNotice';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { asAppError, invoke } from '../../lib/api';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { TextArea } from '../../components/TextArea';
import { formatDay, todayIso } from '../history/record-format';
import { useWithdrawConsent } from './queries';
import { purposeSummary } from './purpose-labels';

/** Withdrawal is recorded, never a deletion: the consent stays in the list as "withdrawn". */
export function WithdrawConsentDialog({ consent, onClose }: { consent: ConsentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const [withdrawnOn, setWithdrawnOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const [dateError, setDateError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<AppError | null>(null);
  const [conflict, setConflict] = useState<{ message: string; fields: ConflictField[] } | null>(null);
  const withdraw = useWithdrawConsent(consent.caseId);
  useUnsavedChanges(note.trim() !== '');

  const submit = async () => {
    setError(null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(withdrawnOn)) return setDateError(t('records.errors.day'));
    if (withdrawnOn > todayIso()) return setDateError(t('consent.errors.withdrawFuture'));
    setDateError(undefined);
    try {
      await withdraw.mutateAsync({ id: consent.id, version: consent.version, withdrawnOn, note: note.trim() });
      setNote('');
      onClose();
    } catch (caught) {
      const appError = asAppError(caught);
      if (appError.code !== 'CONFLICT') return setError(appError);
      const current = (await invoke('consents:list', { caseId: consent.caseId })).find((c) => c.id === consent.id);
      setConflict({
        message: appError.message,
        fields: current ? [{ label: t('consent.fields.state'), mine: t('consent.states.withdrawn'), theirs: t(`consent.states.${current.state}`) }] : [],
      });
    }
  };

  return (
    <Dialog
      open
      title={t('consent.withdrawTitle')}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button variant="danger" pending={withdraw.isPending} disabled={conflict !== null} onClick={() => void submit()}>
            {t('consent.withdrawConfirm')}
          </Button>
        </>
      }
    >
      <div className="stack stack--md">
        <p>
          {t('consent.withdrawBody', {
            recipient: consent.recipientOrg || t(`recipientTypes.${consent.recipientType}`),
            given: formatDay(consent.givenOn),
          })}
        </p>
        <p className="muted small" dir="auto">
          {purposeSummary(t, consent.purposeIds, consent.purposeDetail)}
        </p>
        {conflict ? <ConflictNotice message={conflict.message} fields={conflict.fields} onUseCurrent={onClose} /> : null}
        <TextField label={t('consent.fields.withdrawnOn')} type="date" value={withdrawnOn} max={todayIso()} error={dateError} onChange={(e) => setWithdrawnOn(e.target.value)} />
        <TextArea label={t('consent.fields.withdrawalNote')} description={t('consent.fields.withdrawalNoteHint')} rows={3} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
        <ErrorAlert error={error} />
      </div>
    </Dialog>
  );
}
