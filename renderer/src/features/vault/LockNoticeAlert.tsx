import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import type { LockNotice } from '../session/session-types';

/** Tells the caseworker why the vault locked itself. Nothing for an explicit lock. */
export function LockNoticeAlert({ notice }: { notice?: LockNotice }) {
  const { t } = useTranslation();
  if (!notice || notice.reason === 'user') return null;
  let text: string;
  switch (notice.reason) {
    case 'idle':
      text = t('unlock.locked.idle', { count: notice.minutes ?? 0 });
      break;
    case 'suspend':
      text = t('unlock.locked.suspend');
      break;
    case 'screen-lock':
      text = t('unlock.locked.screenLock');
      break;
    case 'shutdown':
      text = t('unlock.locked.shutdown');
      break;
    default: {
      const unreachable: never = notice.reason;
      return unreachable;
    }
  }
  return (
    <Alert tone="info" live="status">
      {text}
    </Alert>
  );
}
