import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectUnlockScreen, PASSPHRASE, screenshot, unlock } from './helpers';

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
