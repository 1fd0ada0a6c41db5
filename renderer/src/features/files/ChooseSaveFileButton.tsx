import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { useRef, type ReactNode } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../../shared/ipc/contract';
import { Button } from '../../components/Button';
import { invoke } from '../../lib/api';
import { useAppInfo } from '../vault/queries';

type SaveFilePurpose = ChannelInput<'dialog:chooseSaveFile'>['purpose'];
export type ChooseSaveFile = UseMutationResult<ChannelOutput<'dialog:chooseSaveFile'>, Error, string>;

/** A place chosen in the save dialog, with the one-time token the export channel accepts for it. */
export interface ChosenPlace {
  path: string;
  token: string;
}

/**
 * Where a report's CSV or a referral packet's ZIP goes. The main process
 * writes only to a place chosen in its save dialog: the export channels take
 * a one-time token from that dialog, never a path (issue 14.15).
 */
export interface SaveTarget {
  choose: ChooseSaveFile;
  /** Keeps what "Choose…" returned, so exporting to that very path needs no second dialog. */
  remember: (place: ChosenPlace) => void;
  /**
   * A token for `path`: the one "Choose…" returned for this very path, or
   * else the save dialog opens there for the caseworker to confirm (the test
   * host's stand-in accepts the typed path). Null when cancelled or when the
   * dialog failed (`choose.error` says why).
   */
  tokenFor: (path: string) => Promise<ChosenPlace | null>;
}

export function useSaveTarget(purpose: SaveFilePurpose): SaveTarget {
  const choose = useMutation({ mutationFn: (suggestedName: string) => invoke('dialog:chooseSaveFile', { suggestedName, purpose }) });
  const held = useRef<ChosenPlace | null>(null);
  return {
    choose,
    remember: (place) => {
      held.current = place;
    },
    tokenFor: async (path) => {
      const place = held.current;
      // One use: a token is spent by the first export that presents it.
      held.current = null;
      if (place && place.path === path) return place;
      try {
        const chosen = await choose.mutateAsync(path);
        return chosen.path !== null && chosen.token !== null ? { path: chosen.path, token: chosen.token } : null;
      } catch {
        return null;
      }
    },
  };
}

interface ChooseSaveFileButtonProps {
  target: SaveTarget;
  suggestedName: string;
  onChosen: (path: string) => void;
  children: ReactNode;
}

/**
 * "Choose…" beside a typeable path field: only where native dialogs exist
 * (Electron; the browser test host has none). Cancelling changes nothing.
 * The caller shows `target.choose.error`, next to its own errors.
 */
export function ChooseSaveFileButton({ target, suggestedName, onChosen, children }: ChooseSaveFileButtonProps) {
  const appInfo = useAppInfo();
  if (!appInfo.data?.nativeDialogs) return null;
  return (
    <Button
      pending={target.choose.isPending}
      onClick={() =>
        target.choose.mutate(suggestedName, {
          onSuccess: (chosen) => {
            if (chosen.path === null || chosen.token === null) return;
            target.remember({ path: chosen.path, token: chosen.token });
            onChosen(chosen.path);
          },
        })
      }
    >
      {children}
    </Button>
  );
}
