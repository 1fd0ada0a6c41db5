import { useTranslation } from 'react-i18next';
import { PASSPHRASE_MESSAGE_PARAMS } from '../features/vault/passphrase-schema';

/** Form messages are i18n keys; this turns one into text (or undefined when there is none). */
export function useFieldError(): (message: string | undefined) => string | undefined {
  const { t } = useTranslation();
  return (message) => (message ? t(message, PASSPHRASE_MESSAGE_PARAMS) : undefined);
}
