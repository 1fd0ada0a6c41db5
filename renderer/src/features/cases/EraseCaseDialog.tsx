import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto } from '../../../../shared/domain/records';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { BackupsStillHolding } from '../backup/BackupsStillHolding';
import { useEraseCase } from './queries';

/** Erasure is permanent: the caseworker types the case code to confirm. */
export function EraseCaseDialog({ caseFile, open, onClose, onErased }: { caseFile: CaseDto; open: boolean; onClose: () => void; onErased: () => void }) {
  const { t } = useTranslation();
  const erase = useEraseCase();
  const [typed, setTyped] = useState('');
  const [touched, setTouched] = useState(false);
  const matches = typed.trim() === caseFile.code;

  const close = () => {
    setTyped('');
    setTouched(false);
    erase.reset();
    onClose();
  };

  return (
    <Dialog
      open={open}
      title={t('caseErase.title', { code: caseFile.code })}
      onClose={close}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="danger"
            pending={erase.isPending}
            onClick={() => {
              setTouched(true);
              if (!matches) return;
              erase.mutate({ id: caseFile.id, confirmCode: typed.trim() }, { onSuccess: onErased });
            }}
          >
            {t('caseErase.confirm')}
          </Button>
        </>
      }
    >
      <div className="stack stack--md">
        <Alert tone="danger" title={t('caseErase.permanentTitle')}>
          <p>{t('caseErase.permanentBody')}</p>
        </Alert>
        <TextField
          label={t('caseErase.typeCode', { code: caseFile.code })}
          autoComplete="off"
          monospace
          value={typed}
          error={touched && !matches ? t('caseErase.codeMismatch', { code: caseFile.code }) : undefined}
          onChange={(event) => setTyped(event.target.value)}
        />
        <ErrorAlert error={erase.isError ? asAppError(erase.error) : null} />
        <BackupsStillHolding active={open} />
      </div>
    </Dialog>
  );
}
