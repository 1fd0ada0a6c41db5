import { BACKUP_EXTENSION } from './backup-format';

/**
 * Backups Casekeeper names itself: "<vault name> YYYY-MM-DD HHMMSS.ckbackup"
 * (local time; " (2)" and up when that name is taken). Only files named like
 * this are ever deleted by the keep-N rule, so renaming a backup keeps it.
 */
const GENERATED = /^.+ \d{4}-\d{2}-\d{2} \d{6}(?: \(\d+\))?\.ckbackup$/i;

export function backupFileName(vaultName: string, at: Date, attempt = 1): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  const suffix = attempt > 1 ? ` (${attempt})` : '';
  return `${safeName(vaultName)} ${day} ${time}${suffix}${BACKUP_EXTENSION}`;
}

export function isGeneratedBackupName(fileName: string): boolean {
  return GENERATED.test(fileName);
}

/** Characters that are not allowed in file names on Windows or macOS, and control characters, become "_". */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
  const cleaned = name.replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  return cleaned.slice(0, 100) || 'Vault';
}
