import { DEFAULT_SETTINGS } from '../../electron/services/settings/settings.service';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import { CHANNELS } from '../../shared/ipc/contract';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/ipc/channels';
import { EVENT_CHANNELS } from '../../shared/ipc/contract';
import { createDispatch, type Handlers } from '../../electron/main/ipc/dispatch';

/** Handlers that record calls; the vault and settings channels answer with contract-valid values. */
function recordingHandlers(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const locked = { state: 'locked' as const };
  const settings = { ...DEFAULT_SETTINGS, autoLockMinutes: 10 };
  const answers: { [C in keyof Handlers]?: Awaited<ReturnType<Handlers[C]>> } = {
    'app:info': { version: '1', platform: 'linux', nativeDialogs: false, defaultVaultFolder: '/tmp' },
    'dialog:chooseVaultLocation': { path: null },
    'vault:status': locked,
    'vault:create': { status: locked, recoveryKey: null },
    'vault:unlock': locked,
    'vault:unlockWithRecoveryKey': locked,
    'vault:lock': locked,
    'vault:changePassphrase': { changedAt: new Date(0).toISOString() },
    'vault:replaceRecoveryKey': { recoveryKey: 'K' },
    'vault:removeRecoveryKey': { removed: true },
    'vault:info': {
      path: '/v',
      formatVersion: 1,
      schemaVersion: 1,
      cipher: 'aegis-256',
      kdf: { algorithm: 'argon2id', memoryKiB: 65536, iterations: 2, parallelism: 1 },
      createdAt: new Date(0).toISOString(),
      hasRecoveryKey: false,
    },
    'vault:recent': [],
    'vault:forgetRecent': [],
    'settings:get': settings,
    'settings:update': settings,
    'session:activity': { lockAt: null },
  };
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      () => {
        calls.push(channel);
        return answers[channel];
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

describe('dispatch', () => {
  it('the channel list the preload allows is exactly the contract', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual([...CHANNELS].sort());
    expect([...EVENT_NAMES].sort()).toEqual([...EVENT_CHANNELS].sort());
  });

  it('a valid request reaches its handler and comes back in an ok envelope', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatch(handlers);
    const result = await dispatch('vault:unlock', { path: '/home/me/Casework.ckvault', passphrase: 'x' });
    expect(result).toEqual({ ok: true, data: { state: 'locked' } });
    expect(calls).toEqual(['vault:unlock']);
  });

  it.each([
    ['an unknown channel', 'vault:dropTables', {}],
    ['a channel name that is not a string', 42, {}],
    ['a prototype key as channel', '__proto__', {}],
    ['a missing field', 'vault:unlock', { path: '/v' }],
    ['a wrong type', 'vault:unlock', { path: 7, passphrase: 'x' }],
    ['an unknown extra key', 'vault:lock', { sql: 'DROP TABLE settings' }],
    ['a prototype-pollution key', 'settings:update', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['a huge string', 'vault:unlock', { path: 'p'.repeat(100_000), passphrase: 'x' }],
    ['deep nesting', 'settings:update', nest(5000)],
    ['an array instead of an object', 'vault:status', []],
    ['null', 'vault:create', null],
    ['an auto-lock of zero minutes', 'settings:update', { autoLockMinutes: 0 }],
    ['a fractional auto-lock', 'settings:update', { autoLockMinutes: 1.5 }],
  ])('%s is rejected with VALIDATION and never reaches a handler', async (_label, channel, payload) => {
    const { handlers, calls } = recordingHandlers();
    const result = await createDispatch(handlers)(channel, payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('VALIDATION');
    expect(calls).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('validation messages never echo the submitted values (they may be passphrases)', async () => {
    const { handlers } = recordingHandlers();
    const secret = 'my-secret-passphrase-'.repeat(60);
    const result = await createDispatch(handlers)('vault:unlock', { path: '/v', passphrase: secret });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('my-secret-passphrase');
  });

  it('an AppError from a service crosses as code and message only', async () => {
    const { handlers } = recordingHandlers();
    handlers['vault:unlock'] = () => {
      throw new AppError('WRONG_PASSPHRASE', 'That passphrase does not open this vault.');
    };
    const result = await createDispatch(handlers)('vault:unlock', { path: '/v', passphrase: 'x' });
    expect(result).toEqual({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'That passphrase does not open this vault.' } });
  });

  it('an unexpected failure becomes INTERNAL without stack, path or SQL, and is reported to the host only', async () => {
    const { handlers } = recordingHandlers();
    handlers['vault:status'] = () => {
      throw new Error('SQLITE_MISUSE at /home/me/secret/Wang-family.ckvault: SELECT * FROM clients');
    };
    const onInternalError = vi.fn();
    const result = await createDispatch(handlers, { onInternalError })('vault:status', {});
    expect(result.ok).toBe(false);
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/Wang|SELECT|at \//);
    if (!result.ok) expect(result.error.code).toBe('INTERNAL');
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('a disk-full failure deep in a service reaches the renderer as DISK_FULL', async () => {
    const { handlers } = recordingHandlers();
    handlers['settings:update'] = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    const result = await createDispatch(handlers)('settings:update', { caseworkerName: 'A' });
    expect(result.ok ? null : result.error.code).toBe('DISK_FULL');
  });

  it('a handler answer that breaks the contract is not passed on', async () => {
    const { handlers } = recordingHandlers();
    (handlers as unknown as Record<string, () => unknown>)['vault:status'] = () => ({ state: 'unlocked', path: '/v', dataKey: 'deadbeef' });
    const result = await createDispatch(handlers)('vault:status', {});
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('deadbeef');
  });
});

function nest(depth: number): unknown {
  let value: unknown = { caseworkerName: 'x' };
  for (let i = 0; i < depth; i += 1) value = { inner: value };
  return value;
}
