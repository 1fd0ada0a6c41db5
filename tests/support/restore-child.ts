/**
 * Child process for the "restore killed half-way" test: restores a backup
 * into a new folder with the real service, then exits. The parent kills it
 * with SIGKILL while the restore is running.
 *
 *   node --import tsx tests/support/restore-child.ts <backup file> <destination>
 *
 * Environment: CK_RESTORE_PASSPHRASE.
 */
import { restoreBackup } from '../../electron/services/backup/backup-restore';
import { testVaultDeps } from './temp';

const [backup, destination] = process.argv.slice(2);
void restoreBackup(backup!, destination!, { passphrase: process.env.CK_RESTORE_PASSPHRASE ?? '' }, testVaultDeps).then(
  () => process.exit(0),
  () => process.exit(1),
);
