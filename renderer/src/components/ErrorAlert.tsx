import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/errors';
import { Alert } from './Alert';

/** A server error: a short localised title for its code, then main's own message. */
export function ErrorAlert({ error, className }: { error: AppError | null; className?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert tone="danger" live="alert" title={t(`errors.${error.code}`)} className={className}>
      {error.message || t('errors.fallbackMessage')}
    </Alert>
  );
}
