import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileDto } from '../../../../shared/ipc/packets-contract';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { useCloneProfile } from './queries';

const PROFILE_ID = /^[a-z0-9_.]+$/;

/** A new custom profile that starts as a copy of another; it is nobody's default until edited. */
export function CloneProfileDialog({ from, onClose, onCloned }: { from: ProfileDto; onClose: () => void; onCloned: (dto: ProfileDto) => void }) {
  const { t } = useTranslation();
  const clone = useCloneProfile();
  const [id, setId] = useState(`${from.profile.id}_copy`);
  const [label, setLabel] = useState(t('profiles.cloneDialog.defaultLabel', { label: from.profile.label }));
  const [submitted, setSubmitted] = useState(false);
  const idError = !PROFILE_ID.test(id) || id.length > 100 ? t('profiles.cloneDialog.idInvalid') : undefined;
  const labelError = label.trim() === '' ? t('profiles.editor.labelRequired') : label.trim().length > 200 ? t('records.errors.max200') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (idError || labelError) return;
    clone.mutate({ fromId: from.profile.id, id, label: label.trim() }, { onSuccess: onCloned });
  };

  return (
    <Dialog
      open
      title={t('profiles.cloneDialog.title', { label: from.profile.label })}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form="clone-profile-form" pending={clone.isPending}>
            {t('profiles.cloneDialog.submit')}
          </Button>
        </>
      }
    >
      <form id="clone-profile-form" className="stack stack--md" noValidate onSubmit={submit}>
        <p className="dialog__text">{t('profiles.cloneDialog.body')}</p>
        <TextField label={t('profiles.editor.label')} dir="auto" autoComplete="off" maxLength={200} value={label} error={submitted ? labelError : undefined} onChange={(e) => setLabel(e.target.value)} />
        <TextField
          label={t('profiles.editor.id')}
          description={t('profiles.cloneDialog.idHint')}
          dir="ltr"
          autoComplete="off"
          maxLength={100}
          value={id}
          error={submitted || id !== '' ? idError : undefined}
          onChange={(e) => setId(e.target.value.toLowerCase())}
        />
        <ErrorAlert error={clone.isError ? asAppError(clone.error) : null} />
      </form>
    </Dialog>
  );
}
