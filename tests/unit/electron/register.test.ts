import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { registerIpc, type SenderCheck } from '../../../electron/main/ipc/register';
import type { Dispatch } from '../../../electron/main/ipc/dispatch';
import { contract } from '../../../shared/ipc/contract';
import type { Envelope } from '../../../shared/ipc/envelope';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Envelope<unknown>>;

function setUp(options: { trusted?: boolean; dispatch?: Dispatch } = {}) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
  };
  const dispatch = vi.fn<Dispatch>(options.dispatch ?? (async () => ({ ok: true, data: { state: 'locked' } })));
  const check = vi.fn<SenderCheck>(() => options.trusted ?? true);
  registerIpc(ipcMain as unknown as IpcMain, dispatch, check);
  const call = (channel: string, payload: unknown, url = 'app://casekeeper/index.html') => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const event = { senderFrame: { url, parent: null } as unknown as WebFrameMain } as IpcMainInvokeEvent;
    return handler(event, payload);
  };
  return { handlers, dispatch, check, call };
}

describe('IPC registration', () => {
  it('answers exactly the channels of the contract, each once', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()].sort()).toEqual(Object.keys(contract).sort());
  });

  it('routes a trusted call to dispatch with its channel and payload', async () => {
    const { call, dispatch, check } = setUp();
    const reply = await call('vault:status', {});
    expect(reply).toEqual({ ok: true, data: { state: 'locked' } });
    expect(dispatch).toHaveBeenCalledWith('vault:status', {});
    expect(check).toHaveBeenCalledWith(expect.objectContaining({ url: 'app://casekeeper/index.html' }));
  });

  it('refuses an untrusted sender with an error envelope and never reaches dispatch', async () => {
    const { call, dispatch } = setUp({ trusted: false });
    const reply = await call('vault:unlock', { path: '/vaults/a.ckvault', passphrase: 'guess' }, 'https://example.org/');
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(['VALIDATION', 'INTERNAL']).toContain(reply.error.code);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('never throws across IPC, even when dispatch or the sender check does', async () => {
    const failing = setUp({
      dispatch: async () => {
        throw new Error('/home/caseworker/Casework.ckvault: disk I/O error');
      },
    });
    const reply = await failing.call('vault:status', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(reply)).not.toContain('Casework.ckvault');

    const handlers = new Map<string, Handler>();
    registerIpc({ handle: (c: string, h: Handler) => handlers.set(c, h) } as unknown as IpcMain, vi.fn<Dispatch>(), () => {
      throw new Error('frame disposed');
    });
    const reply2 = await handlers.get('vault:status')!({ senderFrame: null } as IpcMainInvokeEvent, {});
    expect(reply2.ok).toBe(false);
  });
});
