import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { WindowApi } from '../../../shared/ipc/envelope';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../shared/ipc/channels';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, data: { channel, input } })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value) },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, removeListener: electron.removeListener, send: vi.fn(), sendSync: vi.fn() },
}));

let api: WindowApi;

beforeAll(async () => {
  await import('../../../electron/preload/index');
  api = electron.exposed.get('api') as WindowApi;
});

describe('the preload', () => {
  it('exposes one frozen window.api with only invoke and on', () => {
    expect([...electron.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => {
      (api as unknown as Record<string, unknown>).ipcRenderer = {};
    }).toThrow(TypeError);
  });

  it('passes a contract channel to the main process', async () => {
    const reply = await api.invoke('vault:status', {});
    expect(reply).toEqual({ ok: true, data: { channel: 'vault:status', input: {} } });
    expect(electron.invoke).toHaveBeenCalledWith('vault:status', {});
  });

  it('refuses a channel outside the contract without sending anything', async () => {
    electron.invoke.mockClear();
    for (const channel of ['shell:openExternal', 'ELECTRON_BROWSER_REQUIRE', '__proto__', 'toString', 42]) {
      const reply = await api.invoke(channel as string, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed send into an error envelope instead of a rejection', async () => {
    electron.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    await expect(api.invoke('vault:status', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('delivers only the payload of an allowed event, and unsubscribes', () => {
    const received: unknown[] = [];
    const unsubscribe = api.on('vault:locked', (payload) => received.push(payload));
    expect(electron.on).toHaveBeenCalledTimes(1);
    const [event, forward] = electron.on.mock.calls[0] as [string, (event: unknown, payload: unknown) => void];
    expect(event).toBe('vault:locked');
    forward({ sender: 'the IpcRendererEvent, which must not leak' }, { reason: 'idle' });
    expect(received).toEqual([{ reason: 'idle' }]);
    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledWith('vault:locked', forward);
  });

  it('refuses to subscribe to an event outside the allow-list', () => {
    electron.on.mockClear();
    const unsubscribe = api.on('ipc-message', () => undefined);
    expect(electron.on).not.toHaveBeenCalled();
    expect(typeof unsubscribe).toBe('function');
  });

  it('allows exactly the contract’s channels and events', async () => {
    electron.invoke.mockClear();
    for (const channel of CHANNEL_NAMES) await api.invoke(channel, {});
    expect(electron.invoke).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
    expect(EVENT_NAMES).toEqual(['vault:locked']);
  });

  it('imports nothing but electron and the channel lists (it runs sandboxed)', () => {
    const source = readFileSync(join(__dirname, '../../../electron/preload/index.ts'), 'utf8');
    const imports = [...source.matchAll(/^import\s+(type\s+)?.*?from\s+'([^']+)'/gm)]
      .filter((match) => !match[1])
      .map((match) => match[2]);
    expect(imports).toEqual(['electron', '../../shared/ipc/channels']);
  });
});
