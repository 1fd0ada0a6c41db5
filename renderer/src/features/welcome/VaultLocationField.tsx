import { useTranslation } from 'react-i18next';
import type { InputHTMLAttributes, Ref } from 'react';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { useAppInfo, useChooseVaultLocation } from '../vault/queries';

interface VaultLocationFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  purpose: 'create' | 'open';
  label: string;
  description?: string;
  error?: string;
  onChosen: (path: string) => void;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A path is always typeable; in Electron a "Choose…" button also opens the
 * native file chooser (the browser host has none).
 */
export function VaultLocationField({ purpose, onChosen, ...field }: VaultLocationFieldProps) {
  const { t } = useTranslation();
  const appInfo = useAppInfo();
  const choose = useChooseVaultLocation();
  const nativeDialogs = appInfo.data?.nativeDialogs === true;
  return (
    <TextField
      {...field}
      autoComplete="off"
      trailing={
        nativeDialogs ? (
          <Button
            pending={choose.isPending}
            onClick={() =>
              choose.mutate(purpose, {
                onSuccess: ({ path }) => {
                  if (path) onChosen(path);
                },
              })
            }
          >
            {t('location.choose')}
          </Button>
        ) : null
      }
    />
  );
}
