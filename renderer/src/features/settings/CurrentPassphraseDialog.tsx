import { zodResolver } from '@hookform/resolvers/zod';
import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { AppError } from '../../../../shared/errors';
import { Button, type ButtonVariant } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/TextField';
import { useFieldError } from '../../lib/use-field-error';

const schema = z.object({ currentPassphrase: z.string().min(1, 'settings.passphrase.currentRequired') });
type Values = z.infer<typeof schema>;

interface CurrentPassphraseDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  pending: boolean;
  error: AppError | null;
  onConfirm: (currentPassphrase: string) => void;
  onClose: () => void;
}

/** Confirms a sensitive change by asking for the current passphrase. */
export function CurrentPassphraseDialog(props: CurrentPassphraseDialogProps) {
  return (
    <Dialog open={props.open} title={props.title} onClose={props.pending ? () => undefined : props.onClose}>
      {props.open ? <DialogForm {...props} /> : null}
    </Dialog>
  );
}

function DialogForm({ children, confirmLabel, confirmVariant = 'primary', pending, error, onConfirm, onClose }: CurrentPassphraseDialogProps) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { currentPassphrase: '' } });
  const onSubmit = form.handleSubmit(({ currentPassphrase }) => {
    onConfirm(currentPassphrase);
    form.reset({ currentPassphrase: '' });
  });
  return (
    <form className="stack stack--md" noValidate onSubmit={onSubmit}>
      <div className="dialog__text">{children}</div>
      <ErrorAlert error={error} />
      <PasswordField
        label={t('settings.passphrase.current')}
        autoComplete="current-password"
        autoFocus
        error={fieldError(form.formState.errors.currentPassphrase?.message)}
        {...form.register('currentPassphrase')}
      />
      <div className="dialog__footer">
        <Button onClick={onClose} disabled={pending}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant={confirmVariant} pending={pending}>
          {confirmLabel}
        </Button>
      </div>
    </form>
  );
}
