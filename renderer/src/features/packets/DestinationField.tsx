import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { joinPath } from '../../lib/paths';
import { useAppInfo } from '../vault/queries';
import { ChooseSaveFileButton, useSaveTarget, type SaveTarget } from '../files/ChooseSaveFileButton';

/**
 * Where the ZIP goes. Until the caseworker types or chooses a path, it is the
 * suggested name in the default folder (and follows that name, e.g. when
 * sealing adds "_sealed").
 */
export function useDestination(): { valueFor: (fileName: string) => string; set: (path: string) => void; saveTarget: SaveTarget } {
  const appInfo = useAppInfo();
  const [typed, setTyped] = useState<string | null>(null);
  const saveTarget = useSaveTarget('packet-zip');
  return {
    valueFor: (fileName) => typed ?? (appInfo.data ? joinPath(appInfo.data.defaultVaultFolder, fileName) : ''),
    set: setTyped,
    saveTarget,
  };
}

/** What is wrong with the destination, as an i18n key. The service checks the folder itself. */
export function destinationProblem(path: string): string | undefined {
  const value = path.trim();
  if (value === '') return 'packets.save.pathRequired';
  if (!value.toLowerCase().endsWith('.zip')) return 'packets.save.pathZip';
  return undefined;
}

interface DestinationFieldProps {
  value: string;
  suggestedName: string;
  onChange: (path: string) => void;
  saveTarget: SaveTarget;
}

/**
 * The path is always typeable; in Electron "Choose…" also opens the native
 * save dialog (the browser host has none), and exporting to a typed path
 * opens it there to confirm: the main process writes only where its dialog was.
 */
export function DestinationField({ value, suggestedName, onChange, saveTarget }: DestinationFieldProps) {
  const { t } = useTranslation();
  const choose = saveTarget.choose;
  const problem = destinationProblem(value);
  return (
    <div className="packet-choice">
      <h3 className="packet-choice__title">{t('packets.save.title')}</h3>
      <TextField
        label={t('packets.save.path')}
        description={t('packets.save.pathHint', { name: suggestedName })}
        error={value !== '' && problem ? t(problem) : undefined}
        autoComplete="off"
        dir="ltr"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        trailing={
          <ChooseSaveFileButton target={saveTarget} suggestedName={value.trim() || suggestedName} onChosen={onChange}>
            {t('packets.save.choose')}
          </ChooseSaveFileButton>
        }
      />
      <ErrorAlert error={choose.isError ? asAppError(choose.error) : null} />
    </div>
  );
}
