import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { backUpVault } from '../../electron/services/backup/backup.service';
import { createCase } from '../../electron/services/cases/cases.service';
import { expect, test } from './fixtures';
import { createVault, goTo, vaultPathIn } from './helpers';

/** A modal is not part of <main>: a plain screenshot shows the whole dialog and its backdrop. */
async function dialogShot(page: Page, name: string): Promise<void> {
  mkdirSync('/tmp/ck-shots', { recursive: true });
  await page.screenshot({ path: `/tmp/ck-shots/${name}.png` });
}

test('erasing a case says which earlier backups still contain it, with their dates, and deletes one on request', async ({ page, host, workDir }) => {
  const backups = join(workDir, 'backups');
  mkdirSync(backups);
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  const session = host.services.session;
  await session.updateSettings({ backupFolder: backups });
  await createCase(session.recordContext(), { client: { legalName: 'Li Minghua', originalNames: ['李明华'] } });
  const older = await backUpVault(session.current(), { folder: backups }, { kind: 'automatic', now: new Date(2026, 10, 28, 9, 5, 0) });
  await backUpVault(session.current(), { folder: backups }, { kind: 'manual', now: new Date(2026, 10, 29, 17, 40, 0) });

  // Made behind the screen's back: reload so the list is read afresh.
  await page.reload();
  await goTo(page, 'Cases');
  await page.getByRole('table', { name: 'Cases' }).getByRole('row').filter({ hasText: 'Li Minghua' }).getByRole('button', { name: /^CK-/ }).click();
  const code = (await page.locator('.case-header__code').textContent()) ?? '';
  await page.getByRole('button', { name: 'Erase…' }).click();
  const dialog = page.getByRole('dialog', { name: `Erase case ${code}?` });
  const warning = dialog.getByRole('alert').or(dialog.locator('.alert--warning'));
  await expect(dialog.getByText('2 earlier backups still contain this case')).toBeVisible();
  const list = dialog.getByRole('list', { name: 'Backups that still contain this case' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').first()).toContainText('Casework 2026-11-29 174000.ckbackup');
  await expect(warning.first()).toBeVisible();

  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await dialogShot(page, `erase-backups-${width}x${height}`);
  }

  // Deleting asks once more, then the list shrinks; the file is gone from the folder.
  const olderItem = list.getByRole('listitem').nth(1);
  await olderItem.getByRole('button', { name: /^Delete the backup of / }).click();
  await dialogShot(page, 'erase-backups-confirm-1024x700');
  await olderItem.getByRole('button', { name: 'Delete this backup' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(dialog.getByText('1 earlier backup still contains this case')).toBeVisible();
  expect(readdirSync(backups)).not.toContain(older.path.slice(backups.length + 1));

  await dialog.getByLabel(`Type the case code ${code} to confirm`).fill(code);
  await dialog.getByRole('button', { name: 'Erase permanently' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
});
