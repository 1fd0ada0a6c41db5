import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { backupContract, BackupResult } from '../../../shared/ipc/backup-contract';
import { deleteSignedBackup, listBackups, listSignedBackups } from '../../services/backup/backup-folder';
import { macKeyOf } from '../../services/backup/backup-format';
import { automaticBackupDue, backupStatusOf, getLastBackup } from '../../services/backup/backup-record';
import { previewBackup, restoreBackup } from '../../services/backup/backup-restore';
import { backUpVault } from '../../services/backup/backup.service';
import type { VaultSession } from '../../services/session/session.service';
import type { OpenVault, VaultDeps } from '../../services/vault/vault.service';

/** The backup-metadata key of the open vault, derived before any await (a lock zeroes the data key) and zeroed after. */
async function withMacKey<T>(vault: OpenVault, use: (macKey: Buffer) => Promise<T>): Promise<T> {
  const macKey = macKeyOf(vault.dataKey);
  try {
    return await use(macKey);
  } finally {
    macKey.fill(0);
  }
}

type BackupContract = typeof backupContract;
export type BackupHandlers = {
  [C in keyof BackupContract]: (input: z.output<BackupContract[C]['input']>) => Promise<z.input<BackupContract[C]['output']>>;
};

/**
 * Backups and restore. Backing up needs the open vault (LOCKED otherwise);
 * preview and restore work while locked (the welcome screen). Backups run one
 * at a time, so "Back up now" and an automatic backup never race.
 */
export function createBackupHandlers(session: VaultSession): BackupHandlers {
  // The native SQLite build and KDF settings the session opens vaults with; backups must
  // use the same ones (in development Electron loads its own build of the module).
  const deps: VaultDeps = session.vaultDeps();
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const backUp = (folder: string, kind: BackupResult['kind'], keep: number | undefined): Promise<BackupResult> =>
    backUpVault(session.current(), { folder }, { kind, keep, nativeBinding: deps.nativeBinding });

  return {
    'backup:status': async () => {
      const vault = session.current();
      return backupStatusOf(session.getSettings(), await getLastBackup(vault.db), vault.keyslots.createdAt, new Date());
    },
    'backup:list': async ({ folder }) => {
      const vault = session.current();
      const chosen = folder ?? session.getSettings().backupFolder;
      if (!chosen) return { folder: '', items: [] };
      return { folder: chosen, items: await withMacKey(vault, (macKey) => listBackups(chosen, vault.keyslots.vaultId, macKey)) };
    },
    'backup:create': ({ folder }) =>
      oneAtATime(async () => {
        const settings = session.getSettings();
        const target = folder ?? settings.backupFolder;
        if (!target) throw new AppError('VALIDATION', 'Choose a backup folder first: type its full path under Backups in Settings.');
        // The keep-N rule applies in the backup folder only, never in a one-off folder.
        return backUp(target, 'manual', target === settings.backupFolder ? settings.backupKeep : undefined);
      }),
    'backup:runIfDue': () =>
      oneAtATime(async () => {
        const vault = session.current();
        const settings = session.getSettings();
        if (!automaticBackupDue(settings, await getLastBackup(vault.db), new Date())) return { ran: false, backup: null };
        return { ran: true, backup: await backUp(settings.backupFolder, 'automatic', settings.backupKeep) };
      }),
    'backup:ofThisVault': async () => {
      const vault = session.current();
      const folder = session.getSettings().backupFolder;
      if (!folder) return { folder: '', items: [] };
      return { folder, items: await withMacKey(vault, (macKey) => listSignedBackups(folder, vault.keyslots.vaultId, macKey)) };
    },
    'backup:delete': async ({ path }) => {
      const vault = session.current();
      await withMacKey(vault, (macKey) => deleteSignedBackup(path, vault.keyslots.vaultId, macKey));
      return { deleted: true as const };
    },
    'backup:preview': async (input) =>
      previewBackup(input.path, 'passphrase' in input ? { passphrase: input.passphrase } : { recoveryKey: input.recoveryKey }, deps),
    'backup:restore': async (input) => {
      const secret = 'passphrase' in input ? { passphrase: input.passphrase } : { recoveryKey: input.recoveryKey, newPassphrase: input.newPassphrase };
      const restored = await restoreBackup(input.path, input.destination, secret, deps);
      await session.unlock(restored.path, restored.passphrase);
      return { path: restored.path };
    },
  };
}
