import type { IpcMain, WebFrameMain } from 'electron';
import { CHANNEL_NAMES } from '../../../shared/ipc/channels';
import type { Envelope } from '../../../shared/ipc/envelope';
import type { Dispatch } from './dispatch';

export type SenderCheck = (frame: WebFrameMain | null | undefined) => boolean;

function untrusted(): Envelope<never> {
  return { ok: false, error: { code: 'VALIDATION', message: 'That request did not come from the Casekeeper window, so it was refused.' } };
}

function internal(): Envelope<never> {
  return {
    ok: false,
    error: { code: 'INTERNAL', message: 'Something went wrong inside Casekeeper. Nothing was changed. Try again, and if it keeps happening, restart the app.' },
  };
}

/**
 * One ipcMain handler per contract channel, each routed to `dispatch`.
 * A sender that is not the app's own top frame is refused before dispatch
 * runs, and nothing ever throws across IPC (the renderer always gets an envelope).
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, isTrustedSender: SenderCheck): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      try {
        if (!isTrustedSender(event.senderFrame)) return untrusted();
        return await dispatch(channel, payload);
      } catch {
        return internal();
      }
    });
  }
}
