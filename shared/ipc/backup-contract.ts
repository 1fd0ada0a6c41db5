import { z } from 'zod';
import { PASSPHRASE_MAX_LENGTH } from '../passphrase-policy';

/**
 * Backups and restore (issue 6). Channel names are listed in channels.ts;
 * merged into the one contract map in contract.ts. The format of a backup
 * file is described in electron/services/backup/backup-format.ts and README.
 */

/** Defaults of the per-vault backup settings (settingsSchema in contract.ts). */
export const DEFAULT_BACKUP_KEEP = 7;
export const DEFAULT_BACKUP_INTERVAL_HOURS = 24;
export const DEFAULT_BACKUP_WARN_DAYS = 7;
export const BACKUP_INTERVAL_CHOICES_HOURS = [6, 12, 24, 48, 168] as const;
/** A full path: "/…", "C:\\…" or a "\\\\server\\share" path. Relative paths would depend on where the app was started. */
export const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

const empty = z.strictObject({});
const path = z.string().trim().min(1, 'Enter a path.').max(4096);
const absolutePath = path.refine((value) => ABSOLUTE_PATH.test(value), 'Enter the full path, starting from the drive or the top folder.');
const passphrase = z.string().min(1, 'Enter the passphrase.').max(PASSPHRASE_MAX_LENGTH);
const recoveryKey = z.string().min(1, 'Enter the recovery key.').max(200);

export const BACKUP_KINDS = ['manual', 'automatic'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** A backup just written. */
export const backupResult = z.strictObject({
  path: z.string(),
  createdAt: z.string(),
  bytes: z.number().int(),
  kind: z.enum(BACKUP_KINDS),
  /** Older backups of this vault deleted by the keep-N rule (file names). */
  pruned: z.array(z.string()),
});
export type BackupResult = z.infer<typeof backupResult>;

export const lastBackup = z.strictObject({
  at: z.string(),
  path: z.string(),
  bytes: z.number().int(),
  kind: z.enum(BACKUP_KINDS),
});
export type LastBackup = z.infer<typeof lastBackup>;

export const backupStatus = z.strictObject({
  /** '' when automatic backups are off. */
  folder: z.string(),
  keep: z.number().int(),
  intervalHours: z.number().int(),
  warnDays: z.number().int(),
  last: lastBackup.nullable(),
  /** Whole days since the last backup, or since the vault was created when there is none. */
  daysWithoutBackup: z.number().int(),
  /** Show the "back up" warning (warnDays > 0 and daysWithoutBackup ≥ warnDays). */
  warn: z.boolean(),
});
export type BackupStatus = z.infer<typeof backupStatus>;

/** One `.ckbackup` file in a folder, as read from its unencrypted metadata (no passphrase needed). */
export const backupListItem = z.strictObject({
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  /** 'damaged': the end of the file or its metadata is unreadable; 'newer': written by a newer Casekeeper. */
  state: z.enum(['ok', 'damaged', 'newer']),
  createdAt: z.string().nullable(),
  kind: z.enum(BACKUP_KINDS).nullable(),
  vaultName: z.string().nullable(),
  /** Made from the vault that is open now. */
  thisVault: z.boolean(),
});
export type BackupListItem = z.infer<typeof backupListItem>;

export const backupPreview = z.strictObject({
  path: z.string(),
  createdAt: z.string(),
  kind: z.enum(BACKUP_KINDS),
  vaultName: z.string(),
  vaultCreatedAt: z.string(),
  schemaVersion: z.number().int(),
  caseCount: z.number().int(),
  /** The newest entry of the audit history: when the data last changed. */
  newestChangeAt: z.string().nullable(),
  bytes: z.number().int(),
  hasRecoveryKey: z.boolean(),
});
export type BackupPreview = z.infer<typeof backupPreview>;

/** A backup proven (by its HMAC under the open vault's key) to be of the open vault. */
export const signedBackup = z.strictObject({ path: z.string(), fileName: z.string(), createdAt: z.string() });
export type SignedBackup = z.infer<typeof signedBackup>;

const withPassphrase = z.strictObject({ path: absolutePath, passphrase });
const withRecoveryKey = z.strictObject({ path: absolutePath, recoveryKey });

export const backupContract = {
  'backup:status': { input: empty, output: backupStatus },
  /** The backups in the configured folder, or in `folder` when given. */
  'backup:list': {
    input: z.strictObject({ folder: absolutePath.optional() }),
    output: z.strictObject({ folder: z.string(), items: z.array(backupListItem) }),
  },
  /** "Back up now": into the configured folder, or into `folder` when given. */
  'backup:create': { input: z.strictObject({ folder: absolutePath.optional() }), output: backupResult },
  /** Called by the app while unlocked: makes an automatic backup when one is due, else does nothing. */
  'backup:runIfDue': {
    input: empty,
    output: z.strictObject({ ran: z.boolean(), backup: backupResult.nullable() }),
  },
  /** The open vault's own backups in its backup folder (signature checked), newest first: what still holds an erased case. */
  'backup:ofThisVault': { input: empty, output: z.strictObject({ folder: z.string(), items: z.array(signedBackup) }) },
  /** Deletes one backup of the open vault; any other file is refused. */
  'backup:delete': { input: z.strictObject({ path: absolutePath }), output: z.strictObject({ deleted: z.literal(true) }) },
  /** Opens a backup read-only and summarises it; writes nothing anywhere. Works while locked. */
  'backup:preview': { input: z.union([withPassphrase, withRecoveryKey]), output: backupPreview },
  /**
   * Restores into a NEW vault folder (never over anything) and unlocks it
   * (`vault:status` then tells the new state). With the recovery key, a new
   * passphrase is set on the restored vault.
   */
  'backup:restore': {
    input: z.union([
      withPassphrase.extend({ destination: absolutePath }),
      withRecoveryKey.extend({ destination: absolutePath, newPassphrase: passphrase }),
    ]),
    output: z.strictObject({ path: z.string() }),
  },
} as const;
