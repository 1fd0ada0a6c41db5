import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../../shared/ipc/contract';
import { Button } from '../../components/Button';
import { invoke } from '../../lib/api';
import { useAppInfo } from '../vault/queries';

type SaveFilePurpose = ChannelInput<'dialog:chooseSaveFile'>['purpose'];
export type ChooseSaveFile = UseMutationResult<ChannelOutput<'dialog:chooseSaveFile'>, Error, string>;

/** The native save dialog for a file of this kind (a report's CSV, a referral packet's ZIP). */
export function useChooseSaveFile(purpose: SaveFilePurpose): ChooseSaveFile {
  return useMutation({ mutationFn: (suggestedName: string) => invoke('dialog:chooseSaveFile', { suggestedName, purpose }) });
}

interface ChooseSaveFileButtonProps {
  choose: ChooseSaveFile;
  suggestedName: string;
  onChosen: (path: string) => void;
  children: ReactNode;
}

/**
 * "Choose…" beside a typeable path field: only where native dialogs exist
 * (Electron; the browser test host has none). Cancelling changes nothing.
 * The caller shows `choose.error`, next to its own errors.
 */
export function ChooseSaveFileButton({ choose, suggestedName, onChosen, children }: ChooseSaveFileButtonProps) {
  const appInfo = useAppInfo();
  if (!appInfo.data?.nativeDialogs) return null;
  return (
    <Button
      pending={choose.isPending}
      onClick={() =>
        choose.mutate(suggestedName, {
          onSuccess: (chosen) => {
            if (chosen.path) onChosen(chosen.path);
          },
        })
      }
    >
      {children}
    </Button>
  );
}
