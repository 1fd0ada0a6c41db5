import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCase } from '../../electron/services/cases/cases.service';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { createVault, expectUnlocked, expectUnlockScreen, goTo, NEW_PASSPHRASE, PASSPHRASE, screenshot, vaultPathIn } from './helpers';

/** A modal is not part of <main>: taller viewport, plain screenshot, so the whole dialog and its backdrop show. */
async function dialogScreenshot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: viewport.width, height: 1400 });
  await page.screenshot({ path: `/tmp/ck-shots/${name}.png` });
  await page.setViewportSize(viewport);
}

test('a caseworker backs up from Settings, is warned when backups are overdue, and restores a backup into a new vault from the welcome screen', async ({ page, host, workDir }) => {
  const backups = join(workDir, 'backups');
  mkdirSync(backups);
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  const ctx = host.services.session.recordContext();
  await createCase(ctx, { client: { legalName: 'Gulnar Tursun', originalNames: ['گۈلنار تۇرسۇن'] } });
  await createCase(ctx, { client: { legalName: 'Zhang Min', originalNames: ['张敏'] } });

  // Settings → Backups: nothing yet, and "Back up now" needs a folder first.
  await goTo(page, 'Settings');
  const card = page.getByRole('region', { name: 'Backups', exact: true });
  await expect(card.getByText('This vault has not been backed up yet.')).toBeVisible();
  await expect(card.getByRole('button', { name: 'Back up now' })).toBeDisabled();

  // A relative folder is refused; the full path is saved.
  const folder = card.getByLabel('Backup folder');
  await folder.fill('backups');
  await card.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(card.getByText('Enter the full path of the folder, starting from the drive or the top folder.')).toBeVisible();
  await folder.fill(backups);
  await card.getByLabel('Backups to keep').fill('3');
  await card.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(card.getByText('Backup settings saved.')).toBeVisible();
  expect(host.services.session.getSettings()).toMatchObject({ backupFolder: backups, backupKeep: 3, backupIntervalHours: 24, backupWarnDays: 7 });
  await expect(card.getByText('No backups in this folder yet.')).toBeVisible();

  await card.getByRole('button', { name: 'Back up now' }).click();
  await expect(card.getByText(/^Backup written: .*Casework \d{4}-\d{2}-\d{2} \d{6}\.ckbackup$/)).toBeVisible();
  await expect(card.getByText(/^Last backup: .+ \(made by hand\)$/)).toBeVisible();
  const table = card.getByRole('table', { name: `Backups in ${backups}` });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('cell', { name: 'made by hand' })).toBeVisible();
  const [fileName] = readdirSync(backups);
  expect(fileName).toMatch(/\.ckbackup$/);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'backup-01-settings');

  // Nine days later (the record moved back): the shell warns, and "Back up now" there clears it.
  const nineDaysAgo = new Date(Date.now() - 9 * 24 * 3600_000).toISOString();
  await ctx.db
    .updateTable('settings')
    .set({ value: JSON.stringify({ at: nineDaysAgo, path: join(backups, fileName!), bytes: 1, kind: 'manual' }) })
    .where('key', '=', 'backup.last')
    .execute();
  await page.reload();
  await expectUnlocked(page);
  const notice = page.getByRole('status').filter({ hasText: 'Back up this vault' });
  await expect(notice).toContainText('The last backup is 9 days old.');
  await screenshot(page, 'backup-02-overdue-notice');
  await notice.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText('Back up this vault')).toHaveCount(0);
  expect(readdirSync(backups)).toHaveLength(2);

  // Lock, and restore the backup from the welcome screen.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expectUnlockScreen(page);
  await page.getByRole('button', { name: 'Choose another vault' }).click();
  await page.getByRole('button', { name: 'Restore from a backup…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore from a backup' });
  await dialog.getByLabel('Backup file').fill(join(backups, fileName!));
  await dialog.getByLabel('Passphrase', { exact: true }).fill('definitely not the passphrase');
  await dialog.getByRole('button', { name: 'Check backup' }).click();
  await expect(dialog.getByRole('alert')).toContainText('That passphrase does not open this backup.');
  await dialog.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await dialog.getByRole('button', { name: 'Check backup' }).click();
  const preview = dialog.getByRole('region', { name: 'What this backup holds' });
  await expect(preview.getByRole('definition').nth(1)).toHaveText('Casework');
  await expect(preview.getByRole('definition').nth(2)).toHaveText('2');
  await expect(dialog.getByText('Checked and opened read-only. Nothing has been written yet.')).toBeVisible();
  // Checking wrote nothing: only the vault and the two backups are there.
  expect(readdirSync(workDir).sort()).toEqual(['Casework.ckvault', 'backups', 'config'].sort());

  const destination = dialog.getByLabel('New vault location');
  await expect(destination).toHaveValue(join(workDir, 'Casework (restored).ckvault'));
  await dialogScreenshot(page, 'backup-03-restore-preview');
  // Never over an existing vault.
  await destination.fill(vaultPathIn(workDir));
  await dialog.getByRole('button', { name: 'Restore and open' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Something already exists at that location.');
  await destination.fill(join(workDir, 'Restored.ckvault'));
  await dialog.getByRole('button', { name: 'Restore and open' }).click();

  await expectUnlocked(page);
  await expect(page.getByRole('banner').getByText('Restored', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
  await expect(page.getByText('Gulnar Tursun')).toBeVisible();
  await expect(page.getByText('Zhang Min')).toBeVisible();
  expect(host.services.session.status()).toMatchObject({ state: 'unlocked', path: join(workDir, 'Restored.ckvault') });
  await screenshot(page, 'backup-04-restored');

  // The restored vault knows its data is that backup.
  await goTo(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Backups', exact: true }).getByText(/^Last backup: .+ \(made by hand\)$/)).toBeVisible();
});

test('a caseworker who forgot the passphrase restores a backup with the recovery key and sets a new passphrase', async ({ page, host, workDir }) => {
  const recoveryKey = await createVault(page, { path: vaultPathIn(workDir) });
  await page.getByRole('checkbox', { name: 'I have stored the recovery key somewhere safe' }).check();
  await page.getByRole('button', { name: 'Continue to the vault' }).click();
  await expectUnlocked(page);
  await createCase(host.services.session.recordContext(), { client: { legalName: 'Ömer Yılmaz' } });
  await goTo(page, 'Settings');
  const card = page.getByRole('region', { name: 'Backups', exact: true });
  await card.getByLabel('Backup folder').fill(workDir);
  await card.getByRole('button', { name: 'Save backup settings' }).click();
  await card.getByRole('button', { name: 'Back up now' }).click();
  await expect(card.getByText(/^Backup written: /)).toBeVisible();
  const fileName = readdirSync(workDir).find((name) => name.endsWith('.ckbackup'))!;
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('button', { name: 'Choose another vault' }).click();

  await page.getByRole('button', { name: 'Restore from a backup…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore from a backup' });
  await dialog.getByLabel('Backup file').fill(join(workDir, fileName));
  await dialog.getByLabel('Open the backup with').selectOption('Recovery key');
  await dialog.getByLabel('Recovery key').fill(recoveryKey!);
  await dialog.getByRole('button', { name: 'Check backup' }).click();
  await expect(dialog.getByRole('region', { name: 'What this backup holds' }).getByRole('definition').nth(2)).toHaveText('1');
  await dialog.getByLabel('New passphrase for the restored vault', { exact: true }).fill(NEW_PASSPHRASE);
  await dialog.getByLabel('Confirm passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await dialogScreenshot(page, 'backup-05-restore-recovery-key');
  await dialog.getByRole('button', { name: 'Restore and open' }).click();
  await expectUnlocked(page);
  await expect(page.getByText('Ömer Yılmaz')).toBeVisible();
  const restored = join(workDir, 'Casework (restored).ckvault');
  expect(host.services.session.status()).toMatchObject({ state: 'unlocked', path: restored });

  // The new passphrase opens the restored vault.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expectUnlockScreen(page);
  await page.getByLabel('Passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expectUnlocked(page);
});
