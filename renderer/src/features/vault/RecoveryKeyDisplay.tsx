import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Checkbox } from '../../components/Checkbox';

interface RecoveryKeyDisplayProps {
  recoveryKey: string;
  /** Extra explanation, e.g. that the previous key stopped working. */
  note?: string;
  onConfirmed: () => void;
  confirmLabel: string;
}

/**
 * Shows a recovery key once: grouped monospace text, copy, print (the print
 * stylesheet shows only this block), and a required confirmation. The key
 * lives only in the caller's React state and is never stored.
 */
export function RecoveryKeyDisplay({ recoveryKey, note, onConfirmed, confirmLabel }: RecoveryKeyDisplayProps) {
  const { t } = useTranslation();
  const keyId = useId();
  const [stored, setStored] = useState(false);
  const [showError, setShowError] = useState(false);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const groups = recoveryKey.split(/[-\s]+/).filter(Boolean);

  const onCopy = () => {
    navigator.clipboard.writeText(recoveryKey).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  };

  return (
    <div className="stack stack--lg">
      <div className="recovery-key print-only-area">
        <label className="recovery-key__label" htmlFor={keyId}>
          {t('recoveryKey.label')}
        </label>
        <output id={keyId} className="recovery-key__value" aria-live="off">
          {groups.map((group, index) => (
            <span key={index} className="recovery-key__group">
              {group}
              {index < groups.length - 1 ? ' ' : ''}
            </span>
          ))}
        </output>
        <p className="recovery-key__print-note">{t('recoveryKey.printNote')}</p>
      </div>

      <div className="button-row">
        <Button onClick={onCopy}>{t('recoveryKey.copy')}</Button>
        <Button onClick={() => window.print()}>{t('recoveryKey.print')}</Button>
        <span className="button-row__status" role="status">
          {copy === 'copied' ? t('recoveryKey.copied') : copy === 'failed' ? t('recoveryKey.copyFailed') : ''}
        </span>
      </div>

      <Alert tone="info" title={t('recoveryKey.onceTitle')}>
        <p>{t('recoveryKey.onceBody')}</p>
        {note ? <p>{note}</p> : null}
      </Alert>

      <form
        className="stack stack--md"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!stored) {
            setShowError(true);
            return;
          }
          onConfirmed();
        }}
      >
        <Checkbox
          label={t('recoveryKey.stored')}
          checked={stored}
          error={showError && !stored ? t('recoveryKey.storedRequired') : undefined}
          onChange={(event) => setStored(event.target.checked)}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary">
            {confirmLabel}
          </Button>
        </div>
      </form>
    </div>
  );
}
