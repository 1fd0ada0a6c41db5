import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/errors';
import type { BackupPreview } from '../../../shared/ipc/backup-contract';
import { EXIT_CODES_SHORT_HELP } from '../help-text';
import { kdfParamsSource, positiveInteger, type KdfOverrideOptions } from '../kdf-options';
import { readNewPassphrase, readPassphrase, readRecoveryKey } from '../passphrase-input';

interface BackupOptions {
  out: string;
  passphraseFile?: string;
}
type RestoreOptions = KdfOverrideOptions & {
  passphraseFile?: string;
  recoveryKeyFile?: string;
  newPassphraseFile?: string;
  preview?: boolean;
};

const BACKUP_HELP = `
The backup is one encrypted file (".ckbackup" is added if missing): the same
passphrase or recovery key that opens the vault now opens the backup. It is a
consistent snapshot even while the app has the vault open. --out may name an
existing folder: the file is then named "<vault> YYYY-MM-DD HHMMSS.ckbackup".
An existing file is never overwritten.`;

const RESTORE_HELP = `
Restores into a NEW vault folder (".ckvault" is added if missing); anything
already at that path is refused. The backup is checked first: a damaged or
truncated file, a wrong passphrase or a backup from a newer Casekeeper is
refused before anything is written. With --recovery-key-file (or
--use-recovery-key) the recovery key opens the backup and a new passphrase is
set on the restored vault. --preview only shows what the backup holds and
writes nothing.`;

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <vault>')
    .description('write an encrypted backup of the vault to one file')
    .requiredOption('--out <file>', 'the backup file to write, or an existing folder to write it into')
    .addOption(new Option('--passphrase-file <file>', 'read the passphrase from the first line of FILE (else $CASEKEEPER_PASSPHRASE, else ask)'))
    .addHelpText('after', `${BACKUP_HELP}\n\n${EXIT_CODES_SHORT_HELP}\n`)
    .action(async (vault: string, options: BackupOptions) => {
      await backupCommand(vault, options);
    });

  program
    .command('restore <backup-file> [new-vault-path]')
    .description('restore a backup into a new vault, or --preview what it holds')
    .option('--preview', 'open the backup read-only and show what it holds; writes nothing')
    .addOption(new Option('--passphrase-file <file>', 'read the passphrase from the first line of FILE (else $CASEKEEPER_PASSPHRASE, else ask)'))
    .addOption(new Option('--recovery-key-file <file>', 'open the backup with the recovery key in FILE instead of the passphrase'))
    .option('--use-recovery-key', 'open the backup with the recovery key, asked at the terminal')
    .addOption(new Option('--new-passphrase-file <file>', 'with a recovery key: the new passphrase, from the first line of FILE (else $CASEKEEPER_NEW_PASSPHRASE, else ask twice)'))
    .addOption(new Option('--kdf-memory-mib <MiB>', 'with a recovery key: Argon2id memory for the new passphrase (default: calibrated)').argParser(positiveInteger))
    .addOption(new Option('--kdf-iterations <n>', 'with a recovery key: Argon2id passes, given with --kdf-memory-mib').argParser(positiveInteger))
    .addHelpText('after', `${RESTORE_HELP}\n\n${EXIT_CODES_SHORT_HELP}\n`)
    .action(async (file: string, target: string | undefined, options: RestoreOptions & { useRecoveryKey?: boolean }) => {
      await restoreCommand(file, target, options);
    });
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function backupCommand(typedPath: string, options: BackupOptions): Promise<void> {
  const { locateVault, statOrNull, withVaultExtension } = await import('../../services/vault/vault-files');
  const withExtension = withVaultExtension(typedPath);
  const folder = locateVault(!statOrNull(typedPath) && statOrNull(withExtension) ? withExtension : typedPath).folder;
  const outIsFolder = statOrNull(options.out)?.isDirectory() === true;
  const passphrase = await readPassphrase(options.passphraseFile);
  const { unlockVault, closeVault } = await import('../../services/vault/vault.service');
  const { backUpVault } = await import('../../services/backup/backup.service');
  // Opened without upgrading: a backup copies the vault as it is.
  const vault = await unlockVault(folder, passphrase, { kdfParams: await kdfParamsSource({}) }, { migrate: false });
  try {
    const result = await backUpVault(vault, outIsFolder ? { folder: options.out } : { file: options.out }, { kind: 'manual' });
    print(`Backed up ${vault.paths.folder} to ${result.path} (${formatBytes(result.bytes)}).`);
    print('The same passphrase (or the recovery key) opens it. Restore it with: casekeeper restore <backup-file> <new-vault-path>');
  } finally {
    closeVault(vault);
  }
}

async function restoreCommand(file: string, target: string | undefined, options: RestoreOptions & { useRecoveryKey?: boolean }): Promise<void> {
  if (!options.preview && !target) throw new AppError('VALIDATION', 'Give the path of the new vault to restore into, or --preview to only look inside the backup.');
  if (options.preview && target) throw new AppError('VALIDATION', '--preview writes nothing; leave out the new vault path.');
  const { readBackupInfo } = await import('../../services/backup/backup-format');
  // Refuse a foreign, truncated or newer file (and a taken destination) before asking for a secret.
  await readBackupInfo(file);
  if (target) {
    const { statOrNull, withVaultExtension } = await import('../../services/vault/vault-files');
    if (statOrNull(withVaultExtension(target))) {
      throw new AppError('ALREADY_EXISTS', 'Something already exists at that location. Restore into a new vault name; Casekeeper never overwrites a vault or any other file.');
    }
  }
  const useRecovery = options.recoveryKeyFile !== undefined || options.useRecoveryKey === true;
  const restore = await import('../../services/backup/backup-restore');
  if (options.preview) {
    const secret = useRecovery ? { recoveryKey: await readRecoveryKey(options.recoveryKeyFile) } : { passphrase: await readPassphrase(options.passphraseFile) };
    print(formatPreview(await restore.previewBackup(file, secret)));
    return;
  }
  const kdfParams = await kdfParamsSource(options);
  const { assertPassphraseAcceptable } = await import('../../services/vault/vault.service');
  const secret = useRecovery
    ? { recoveryKey: await readRecoveryKey(options.recoveryKeyFile), newPassphrase: await readNewPassphrase(options.newPassphraseFile, assertPassphraseAcceptable) }
    : { passphrase: await readPassphrase(options.passphraseFile) };
  const restored = await restore.restoreBackup(file, target!, secret, { kdfParams });
  print(`Restored ${basename(file)} into ${restored.path}.`);
  print(useRecovery ? 'It opens with the new passphrase; the recovery key still opens it too.' : 'It opens with the same passphrase as the backup.');
}

export function formatPreview(preview: BackupPreview): string {
  const rows: Array<[string, string]> = [
    ['Backup', preview.path],
    ['Made', `${preview.createdAt} (${preview.kind})`],
    ['Vault', `${preview.vaultName} (created ${preview.vaultCreatedAt})`],
    ['Cases', String(preview.caseCount)],
    ['Last change', preview.newestChangeAt ?? '–'],
    ['Schema version', String(preview.schemaVersion)],
    ['Size', formatBytes(preview.bytes)],
    ['Recovery key', preview.hasRecoveryKey ? 'yes' : 'no'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join('\n');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
