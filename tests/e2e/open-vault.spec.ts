import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVault, expectUnlocked, expectUnlockScreen, PASSPHRASE, screenshot, unlock, vaultPathIn } from './helpers';

async function openPath(page: Page, path: string): Promise<void> {
  await page.getByLabel('Vault location').fill(path);
  await page.getByRole('button', { name: 'Open vault' }).click();
  await expectUnlockScreen(page);
  await expect(page.getByText(path, { exact: true })).toBeVisible();
}

test('opening a file that is not a vault says so plainly', async ({ page, workDir }) => {
  const file = join(workDir, 'holiday-photos.bin');
  writeFileSync(file, randomBytes(4096));
  await openPath(page, file);
  await unlock(page, PASSPHRASE);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Not a vault');
  await expect(alert).toContainText('This is not a Casekeeper vault.');
  await expect(page.getByLabel('Passphrase', { exact: true })).toHaveValue('');
  await screenshot(page, '09-unlock-not-a-vault');
});

test('opening a plain folder or a missing path gives their own messages', async ({ page, workDir }) => {
  const folder = join(workDir, 'Just a folder');
  mkdirSync(folder);
  await openPath(page, folder);
  await unlock(page, PASSPHRASE);
  await expect(page.getByRole('alert')).toContainText('Not a vault');

  await page.getByRole('button', { name: 'Choose another vault' }).click();
  await openPath(page, join(workDir, 'nothing-here.ckvault'));
  await unlock(page, PASSPHRASE);
  await expect(page.getByRole('alert')).toContainText('There is no vault at that location.');
});

test('an empty passphrase is caught before anything is sent', async ({ page, workDir }) => {
  await openPath(page, join(workDir, 'x.ckvault'));
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByLabel('Passphrase', { exact: true })).toHaveAccessibleDescription(/Enter the passphrase/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a folder left by a restore that was stopped half-way is named as such and can be removed from the unlock screen', async ({ page, workDir }) => {
  const folder = join(workDir, 'Restored.ckvault');
  mkdirSync(folder);
  writeFileSync(join(folder, 'RESTORE-IN-PROGRESS.txt'), 'Casekeeper was restoring a backup into this folder and did not finish.\n');
  writeFileSync(join(folder, 'vault.db'), randomBytes(8192));
  await openPath(page, folder);
  await unlock(page, PASSPHRASE);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('An unfinished restore');
  await expect(alert).toContainText('This folder holds a restore that did not finish');
  const remove = page.getByRole('button', { name: 'Remove the unfinished restore' });
  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `unlock-incomplete-restore-${width}x${height}`);
  }
  await remove.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Casekeeper' })).toBeVisible();
  expect(existsSync(folder)).toBe(false);
});

test('after three wrong passphrases each further try has to wait, and the screen says how long', async ({ page, workDir }) => {
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expectUnlockScreen(page);
  const alert = page.getByRole('alert');
  for (let i = 1; i <= 3; i += 1) {
    await unlock(page, `not the passphrase, try ${i}`);
    await expect(alert).toContainText('Wrong passphrase');
    await expect(alert).not.toContainText('Wait');
    await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeEnabled();
  }
  await unlock(page, 'not the passphrase, try 4');
  await expect(alert).toContainText('Wait 2 s before the next try.');
  // Even the right passphrase is not tried until the wait is over.
  await unlock(page, PASSPHRASE);
  await expect(alert).toContainText('Too many attempts');
  await expect(alert).toContainText(/Wait [12] s, then try again\./);
  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `unlock-wait-${width}x${height}`);
  }
  await page.waitForTimeout(2_100);
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);
});
