import { DEFAULT_AUTO_LOCK_MINUTES, DEFAULT_REFERRAL_WAIT_DAYS, settingsSchema, type Settings } from '../../../shared/ipc/contract';
import type { VaultDb } from '../../db/connection';
import { DEFAULT_BACKUP_INTERVAL_HOURS, DEFAULT_BACKUP_KEEP, DEFAULT_BACKUP_WARN_DAYS } from '../../../shared/ipc/backup-contract';
import { settingsRepository } from './settings.repository';

/** Per-vault settings, stored encrypted inside the vault. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES,
  caseworkerName: '',
  referralWaitDays: DEFAULT_REFERRAL_WAIT_DAYS,
  organisationName: '',
  organisationContact: '',
  backupFolder: '',
  backupKeep: DEFAULT_BACKUP_KEEP,
  backupIntervalHours: DEFAULT_BACKUP_INTERVAL_HOURS,
  backupWarnDays: DEFAULT_BACKUP_WARN_DAYS,
});

export async function getSettings(db: VaultDb): Promise<Settings> {
  const stored = await settingsRepository.all(db);
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    const raw = stored.get(key);
    if (raw === undefined) continue;
    try {
      merged[key] = JSON.parse(raw);
    } catch {
      // A value this version cannot read falls back to the default.
    }
  }
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}

export async function updateSettings(db: VaultDb, patch: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await getSettings(db)), ...patch });
  const entries = (Object.keys(patch) as Array<keyof Settings>).map((key) => [key, JSON.stringify(next[key])] as const);
  await settingsRepository.put(db, entries);
  return next;
}
