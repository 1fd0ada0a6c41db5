import { DEFAULT_SETTINGS } from '../../electron/services/settings/settings.service';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecentVaults } from '../../electron/services/recent/recent-vaults';
import { VaultSession, type LockReason } from '../../electron/services/session/session.service';
import { makeTempDir, testVaultDeps } from '../support/temp';

const PASSPHRASE = 'harbour lantern quietly mango';

let temp: ReturnType<typeof makeTempDir>;
let session: VaultSession;
let locks: LockReason[];

beforeEach(() => {
  temp = makeTempDir();
  locks = [];
  session = new VaultSession({
    ...testVaultDeps,
    recent: new RecentVaults(join(temp.path, 'config', 'recent-vaults.json')),
    onLocked: (reason) => locks.push(reason),
  });
});
afterEach(async () => {
  vi.useRealTimers();
  await session.lock('shutdown');
  temp.remove();
});

describe('the app session', () => {
  it('starts locked and refuses record work until a vault is unlocked', () => {
    expect(session.status()).toEqual({ state: 'locked' });
    expect(() => session.current()).toThrow(expect.objectContaining({ code: 'LOCKED' }));
    expect(() => session.getSettings()).toThrow(expect.objectContaining({ code: 'LOCKED' }));
  });

  it('a caseworker creates a vault, which is then open with the default 10-minute auto-lock and listed as recent', async () => {
    const { status, recoveryKey } = await session.create(join(temp.path, 'Casework'), PASSPHRASE, true);
    expect(status).toEqual({ state: 'unlocked', path: join(temp.path, 'Casework.ckvault'), name: 'Casework', autoLockMinutes: 10, demo: false });
    expect(recoveryKey).toBeTruthy();
    expect(session.touch().lockAt).not.toBeNull();
    expect(session.status()).toMatchObject({ state: 'unlocked' });
  });

  it('"Explore with demo data" opens a new vault of fictional cases, labelled as a demo, that the published passphrase reopens', async () => {
    const { status, passphrase } = await session.createDemo(join(temp.path, 'Demo'));
    expect(status).toMatchObject({ state: 'unlocked', name: 'Demo', demo: true });
    const { listCases } = await import('../../electron/services/cases/cases.service');
    expect((await listCases(session.current().db, {})).total).toBeGreaterThan(5);
    await session.lock('user');
    expect(await session.unlock(join(temp.path, 'Demo.ckvault'), passphrase)).toMatchObject({ demo: true });
    await session.lock('user');
    // A real vault opened afterwards is not labelled as a demo.
    await session.create(join(temp.path, 'Real'), PASSPHRASE, false);
    expect(session.status()).toMatchObject({ demo: false });
  });

  it('locks by itself after the idle time set in Settings, and says why', async () => {
    await session.create(join(temp.path, 'Casework'), PASSPHRASE, false);
    await session.updateSettings({ autoLockMinutes: 2 });
    vi.useFakeTimers();
    session.touch();
    await vi.advanceTimersByTimeAsync(119_000);
    expect(session.status().state).toBe('unlocked');
    session.touch(); // the caseworker typed something
    await vi.advanceTimersByTimeAsync(119_000);
    expect(session.status().state).toBe('unlocked');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(session.status().state).toBe('locked');
    expect(locks).toEqual(['idle']);
  });

  it('the auto-lock setting is kept inside the vault and survives lock and unlock', async () => {
    const { status } = await session.create(join(temp.path, 'Casework'), PASSPHRASE, false);
    await session.updateSettings({ autoLockMinutes: 30, caseworkerName: 'Mariam' });
    await session.lock('user');
    expect(locks).toEqual([]); // a lock the user asked for is not announced back
    const again = await session.unlock(status.state === 'unlocked' ? status.path : '', PASSPHRASE);
    expect(again).toMatchObject({ state: 'unlocked', autoLockMinutes: 30 });
    expect(session.getSettings()).toEqual({ ...DEFAULT_SETTINGS, autoLockMinutes: 30, caseworkerName: 'Mariam' });
  });

  it('system suspend locks an open vault and is announced; locking twice is harmless', async () => {
    await session.create(join(temp.path, 'Casework'), PASSPHRASE, false);
    await session.lock('suspend');
    await session.lock('screen-lock');
    expect(locks).toEqual(['suspend']);
    expect(session.status()).toEqual({ state: 'locked' });
  });

  it('a failed unlock leaves the session locked (the previous vault is closed first)', async () => {
    const { status } = await session.create(join(temp.path, 'Casework'), PASSPHRASE, false);
    const path = status.state === 'unlocked' ? status.path : '';
    await expect(session.unlock(path, 'wrong passphrase entirely')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(session.status()).toEqual({ state: 'locked' });
  });

  it('a lock requested while an unlock is running waits for it and then locks', async () => {
    const { status } = await session.create(join(temp.path, 'Casework'), PASSPHRASE, false);
    const path = status.state === 'unlocked' ? status.path : '';
    await session.lock('user');
    const unlocking = session.unlock(path, PASSPHRASE);
    const locking = session.lock('user');
    await unlocking;
    expect((await locking).state).toBe('locked');
  });
});

describe('recent vaults', () => {
  it('remembers paths and times only, newest first, and forgets on request', () => {
    const recent = new RecentVaults(join(temp.path, 'cfg', 'recent.json'));
    recent.remember('/a/One.ckvault', new Date('2026-01-01T00:00:00Z'));
    recent.remember('/a/Two.ckvault', new Date('2026-01-02T00:00:00Z'));
    recent.remember('/a/One.ckvault', new Date('2026-01-03T00:00:00Z'));
    expect(recent.list()).toEqual([
      { path: '/a/One.ckvault', lastOpenedAt: '2026-01-03T00:00:00.000Z' },
      { path: '/a/Two.ckvault', lastOpenedAt: '2026-01-02T00:00:00.000Z' },
    ]);
    expect(recent.forget('/a/One.ckvault')).toEqual([{ path: '/a/Two.ckvault', lastOpenedAt: '2026-01-02T00:00:00.000Z' }]);
  });

  it('a damaged list is treated as empty rather than blocking the app', async () => {
    const file = join(temp.path, 'recent.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '{not json');
    expect(new RecentVaults(file).list()).toEqual([]);
  });
});

describe('repeated wrong passphrases (issue 14)', () => {
  it('after three wrong tries each further one must wait, longer every time; the right passphrase afterwards opens the vault and resets the wait', { timeout: 60_000 }, async () => {
    let clock = Date.parse('2026-12-01T09:00:00Z');
    const timed = new VaultSession({ ...testVaultDeps, recent: new RecentVaults(join(temp.path, 'config', 'recent.json')), onLocked: () => undefined, now: () => clock });
    await timed.create(join(temp.path, 'Casework'), PASSPHRASE, false);
    await timed.lock('user');
    const path = join(temp.path, 'Casework.ckvault');
    const attempt = (passphrase: string) => timed.unlock(path, passphrase).then(() => null, (e: unknown) => e as { code: string; message: string });

    for (let i = 1; i <= 3; i += 1) expect(await attempt('wrong passphrase number one')).toMatchObject({ code: 'WRONG_PASSPHRASE', message: expect.not.stringMatching(/Wait/) });
    expect(await attempt('wrong passphrase number four')).toMatchObject({ code: 'WRONG_PASSPHRASE', message: expect.stringMatching(/Wait 2 s before the next try\.$/) });
    // Even the right passphrase waits: no Argon2id run, no answer about it.
    expect(await attempt(PASSPHRASE)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: 'Too many wrong tries in a row. Wait 2 s, then try again.' });
    clock += 2_000;
    expect(await attempt('wrong passphrase number five')).toMatchObject({ message: expect.stringMatching(/Wait 4 s/) });
    clock += 1_000;
    expect(await attempt(PASSPHRASE)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/Wait 3 s/) });
    clock += 3_000;
    expect(await timed.unlock(path, PASSPHRASE)).toMatchObject({ state: 'unlocked' });
    await timed.lock('user');
    // The count starts again after a success.
    expect(await attempt('wrong again')).toMatchObject({ code: 'WRONG_PASSPHRASE', message: expect.not.stringMatching(/Wait/) });
  });
});
