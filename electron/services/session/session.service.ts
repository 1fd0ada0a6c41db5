import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { createDemoVault, DEMO_PASSPHRASE, isDemoVault } from '../demo/demo.service';
import { removeLeftoverPartials } from '../files/atomic-write';
import type { EventPayload, Settings, VaultInfo, VaultStatus } from '../../../shared/ipc/contract';
import type { RecentVaults } from '../recent/recent-vaults';
import { UNNAMED_CASEWORKER, type RecordContext } from '../records/context';
import { getSettings, updateSettings } from '../settings/settings.service';
import { UnlockThrottle } from './unlock-throttle';
import {
  changePassphrase,
  closeVault,
  createVault,
  describeVault,
  removeRecoveryKey,
  replaceRecoveryKey,
  unlockVault,
  unlockWithRecoveryKey,
  type OpenVault,
  type VaultDeps,
} from '../vault/vault.service';

export type LockReason = EventPayload<'vault:locked'>['reason'];

export interface SessionDeps extends VaultDeps {
  recent: RecentVaults;
  /** Told whenever the vault locks for a reason other than an explicit request (idle, suspend…). */
  onLocked: (reason: LockReason) => void;
  now?: () => number;
}

/**
 * The one open vault of a running app (Electron main or the browser test
 * host) and its idle auto-lock. Operations are serialised so a lock can
 * never interleave with an unlock or a passphrase change.
 */
export class VaultSession {
  private vault: OpenVault | null = null;
  private settings: Settings | null = null;
  private demo = false;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private lockAt: number | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly throttle = new UnlockThrottle(() => this.now());

  constructor(private readonly deps: SessionDeps) {}

  /** How this session opens vaults (native module build, KDF settings): backups and restores must use the same. */
  vaultDeps(): VaultDeps {
    return this.deps;
  }

  status(): VaultStatus {
    if (!this.vault || !this.settings) return { state: 'locked' };
    return { state: 'unlocked', path: this.vault.paths.folder, name: this.vault.name, autoLockMinutes: this.settings.autoLockMinutes, demo: this.demo };
  }

  /** The open vault, or LOCKED. Services call this for every record operation. */
  current(): OpenVault {
    if (!this.vault) throw lockedError();
    return this.vault;
  }

  create(path: string, passphrase: string, withRecoveryKey: boolean): Promise<{ status: VaultStatus; recoveryKey: string | null }> {
    return this.serial(async () => {
      this.closeCurrent();
      const { vault, recoveryKey } = await createVault(path, passphrase, { withRecoveryKey }, this.deps);
      await this.adopt(vault);
      return { status: this.status(), recoveryKey };
    });
  }

  /** A new vault of fictional demo cases, opened; its passphrase is the published demo one. */
  createDemo(path: string | undefined): Promise<{ status: VaultStatus; passphrase: string }> {
    return this.serial(async () => {
      this.closeCurrent();
      const target = path ?? join(mkdtempSync(join(tmpdir(), 'casekeeper-demo-')), 'Demo');
      const { vault } = await createDemoVault(target, DEMO_PASSPHRASE, this.deps);
      await this.adopt(vault);
      return { status: this.status(), passphrase: DEMO_PASSPHRASE };
    });
  }

  unlock(path: string, passphrase: string): Promise<VaultStatus> {
    return this.serial(async () => {
      this.closeCurrent();
      await this.adopt(await this.throttled(() => unlockVault(path, passphrase, this.deps)));
      return this.status();
    });
  }

  unlockWithRecoveryKey(path: string, recoveryKey: string, newPassphrase: string): Promise<VaultStatus> {
    return this.serial(async () => {
      this.closeCurrent();
      await this.adopt(await this.throttled(() => unlockWithRecoveryKey(path, recoveryKey, newPassphrase, this.deps)));
      return this.status();
    });
  }

  /** Runs an unlock unless a wait after wrong tries is running; a wrong try starts or lengthens the wait. */
  private async throttled(unlock: () => Promise<OpenVault>): Promise<OpenVault> {
    this.throttle.assertMayTry();
    try {
      const vault = await unlock();
      this.throttle.succeeded();
      return vault;
    } catch (error) {
      if (error instanceof AppError && error.code === 'WRONG_PASSPHRASE') {
        const seconds = this.throttle.failed();
        if (seconds > 0) throw new AppError('WRONG_PASSPHRASE', `${error.message} Wait ${seconds} s before the next try.`);
      }
      throw error;
    }
  }

  /** Closes the database and zeroes the key. Safe to call when already locked. */
  lock(reason: LockReason): Promise<VaultStatus> {
    return this.serial(async () => {
      const wasOpen = this.vault !== null;
      this.closeCurrent();
      if (wasOpen && reason !== 'user') this.deps.onLocked(reason);
      return this.status();
    });
  }

  changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<{ changedAt: string }> {
    return this.serial(async () => {
      await changePassphrase(this.current(), currentPassphrase, newPassphrase, this.deps);
      return { changedAt: new Date(this.now()).toISOString() };
    });
  }

  replaceRecoveryKey(currentPassphrase: string): Promise<string> {
    return this.serial(() => replaceRecoveryKey(this.current(), currentPassphrase));
  }

  removeRecoveryKey(currentPassphrase: string): Promise<boolean> {
    return this.serial(() => removeRecoveryKey(this.current(), currentPassphrase));
  }

  info(): Promise<VaultInfo> {
    return describeVault(this.current());
  }

  /** Who is acting and on which vault, for the record services. */
  recordContext(): RecordContext {
    const vault = this.current();
    const actor = this.settings?.caseworkerName.trim() || UNNAMED_CASEWORKER;
    return { db: vault.db, actor, now: () => new Date(this.now()) };
  }

  getSettings(): Settings {
    this.current();
    return this.settings!;
  }

  updateSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.serial(async () => {
      this.settings = await updateSettings(this.current().db, patch);
      this.touch();
      return this.settings;
    });
  }

  /** Any sign of the user at the keyboard postpones the idle lock. */
  touch(): { lockAt: string | null } {
    if (!this.vault || !this.settings) return { lockAt: null };
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const ms = this.settings.autoLockMinutes * 60_000;
    this.lockAt = this.now() + ms;
    this.idleTimer = setTimeout(() => void this.lock('idle'), ms);
    this.idleTimer.unref?.();
    return { lockAt: new Date(this.lockAt).toISOString() };
  }

  private async adopt(vault: OpenVault): Promise<void> {
    try {
      this.settings = await getSettings(vault.db);
      this.demo = await isDemoVault(vault.db);
    } catch (error) {
      closeVault(vault);
      throw error;
    }
    this.vault = vault;
    this.deps.recent.remember(vault.paths.folder, new Date(this.now()));
    // Hidden temp files of an export or backup that a crash or kill cut short, in the places they usually go.
    removeLeftoverPartials(dirname(vault.paths.folder));
    if (this.settings.backupFolder) removeLeftoverPartials(this.settings.backupFolder);
    this.touch();
  }

  private closeCurrent(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.lockAt = null;
    this.settings = null;
    this.demo = false;
    const vault = this.vault;
    this.vault = null;
    if (vault) closeVault(vault);
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export function lockedError(): AppError {
  return new AppError('LOCKED', 'The vault is locked. Unlock it to continue.');
}
