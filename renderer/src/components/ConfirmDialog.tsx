import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/errors';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { ErrorAlert } from './ErrorAlert';

interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  /** The destructive action's button, e.g. "Delete threat". */
  confirmLabel: ReactNode;
  pending: boolean;
  /** The failure of the last attempt, shown under the explanation. */
  error: AppError | null;
  onConfirm: () => void;
  onClose: () => void;
  /** What will happen, in words. */
  children: ReactNode;
}

/** Asks before a destructive action (delete, unlink): Cancel, or the danger button. */
export function ConfirmDialog({ open, title, confirmLabel, pending, error, onConfirm, onClose, children }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button variant="danger" pending={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="stack stack--md">
        {children}
        <ErrorAlert error={error} />
      </div>
    </Dialog>
  );
}
