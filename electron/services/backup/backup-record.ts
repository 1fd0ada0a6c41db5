import { lastBackup, type BackupStatus, type LastBackup } from '../../../shared/ipc/backup-contract';
import type { Settings } from '../../../shared/ipc/contract';
import type { VaultDb } from '../../db/connection';

/**
 * When and where the vault's last backup went, kept inside the vault (the
 * settings table, under its own key: it is not a user setting).
 */
const LAST_BACKUP_KEY = 'backup.last';
const DAY_MS = 24 * 60 * 60 * 1000;

export async function getLastBackup(db: VaultDb): Promise<LastBackup | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', LAST_BACKUP_KEY).executeTakeFirst();
  if (!row) return null;
  try {
    const parsed = lastBackup.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function putLastBackup(db: VaultDb, last: LastBackup): Promise<void> {
  const value = JSON.stringify(lastBackup.parse(last));
  const now = new Date().toISOString();
  await db
    .insertInto('settings')
    .values({ key: LAST_BACKUP_KEY, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

type BackupSettings = Pick<Settings, 'backupFolder' | 'backupKeep' | 'backupIntervalHours' | 'backupWarnDays'>;

/**
 * The warning counts from the last backup or, for a vault never backed up,
 * from its creation: a new vault is not nagged on its first day.
 */
export function backupStatusOf(settings: BackupSettings, last: LastBackup | null, vaultCreatedAt: string, now: Date): BackupStatus {
  const since = Date.parse(last?.at ?? vaultCreatedAt);
  const daysWithoutBackup = Number.isNaN(since) ? 0 : Math.max(0, Math.floor((now.getTime() - since) / DAY_MS));
  return {
    folder: settings.backupFolder,
    keep: settings.backupKeep,
    intervalHours: settings.backupIntervalHours,
    warnDays: settings.backupWarnDays,
    last,
    daysWithoutBackup,
    warn: settings.backupWarnDays > 0 && daysWithoutBackup >= settings.backupWarnDays,
  };
}

/** An automatic backup is due when a folder is set and the last backup is at least the interval old. */
export function automaticBackupDue(settings: BackupSettings, last: LastBackup | null, now: Date): boolean {
  if (!settings.backupFolder) return false;
  if (!last) return true;
  const at = Date.parse(last.at);
  return Number.isNaN(at) || now.getTime() - at >= settings.backupIntervalHours * 60 * 60 * 1000 || at > now.getTime() + DAY_MS;
}
