import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/ipc/channels';
import type { Envelope, WindowApi } from '../../shared/ipc/envelope';

/**
 * The renderer's only door to the main process. Sandboxed: this file may
 * import nothing but 'electron' and the channel lists (bundled into one file).
 * ipcRenderer and IPC event objects never reach the page; listeners get the payload only.
 */

const channels: ReadonlySet<string> = new Set(CHANNEL_NAMES);
const events: ReadonlySet<string> = new Set(EVENT_NAMES);

function refused(): Envelope<never> {
  return { ok: false, error: { code: 'VALIDATION', message: 'That action is not available.' } };
}

function failed(): Envelope<never> {
  return { ok: false, error: { code: 'INTERNAL', message: 'Casekeeper could not complete that request. Try again, and if it keeps happening, restart the app.' } };
}

const api: WindowApi = Object.freeze({
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
    if (typeof channel !== 'string' || !channels.has(channel)) return Promise.resolve(refused());
    try {
      return (ipcRenderer.invoke(channel, input) as Promise<Envelope<unknown>>).catch(() => failed());
    } catch {
      return Promise.resolve(failed());
    }
  },

  on(event: string, listener: (payload: unknown) => void): () => void {
    if (typeof event !== 'string' || !events.has(event) || typeof listener !== 'function') return () => undefined;
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
});

contextBridge.exposeInMainWorld('api', api);
