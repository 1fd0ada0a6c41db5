import { expect, test } from './fixtures';
import {
  confirmRecoveryKeyStored,
  createVault,
  expectUnlocked,
  expectUnlockScreen,
  goTo,
  PASSPHRASE,
  screenshot,
  unlock,
  vaultPathIn,
} from './helpers';

/** What a brand-new vault shows in each section, and the one action (if any) that section offers. */
const EMPTY_STATES = [
  ['Cases', /Start with “New case”/, 1],
  ['Contacts', /Contacts are added from a case/, 0],
  ['Referrals', /Referrals are created from a case/, 0],
  ['Dashboard', /The dashboard will summarise/, 0],
] as const;

test('a new vault says honestly, in every section, what will appear there', async ({ page, workDir }) => {
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  for (const [section, text, buttons] of EMPTY_STATES) {
    await goTo(page, section);
    await expect(page.getByText(text)).toBeVisible();
    // Nothing pretends to work: only "New case" on Cases; elsewhere no buttons but navigation and Lock.
    await expect(page.getByRole('main').getByRole('button')).toHaveCount(buttons);
    await expect(page).toHaveTitle('Casekeeper');
  }
  await screenshot(page, '10-app-dashboard-empty');
});

test('recent vaults list the vault after creating it, open it, and can forget it', async ({ page, workDir }) => {
  const path = vaultPathIn(workDir, 'Field office');
  await createVault(page, { path, recoveryKey: false });
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expectUnlockScreen(page);

  // A fresh page load starts at the welcome screen, with the vault in the list.
  await page.reload();
  const recent = page.getByRole('region', { name: 'Recent vaults' });
  await expect(recent.getByText(path, { exact: true })).toBeVisible();
  await expect(recent.getByText(/Last opened/)).toBeVisible();
  await screenshot(page, '11-welcome-recent');

  await recent.getByRole('button', { name: `Open ${path}` }).click();
  await expectUnlockScreen(page);
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);
  await expect(page.getByText('Field office', { exact: true })).toBeVisible();

  await page.keyboard.press('Control+L');
  await page.getByRole('button', { name: 'Choose another vault' }).click();
  await recent.getByRole('button', { name: `Forget ${path}` }).click();
  await expect(recent.getByText('No vaults opened on this computer yet.')).toBeVisible();
});

test('settings: caseworker name, a new recovery key, removing it, vault details and lock now', async ({ page, workDir }) => {
  const firstKey = await createVault(page, { path: vaultPathIn(workDir) });
  await confirmRecoveryKeyStored(page);
  await goTo(page, 'Settings');

  const details = page.getByRole('region', { name: 'Vault details' });
  await expect(details.getByText(vaultPathIn(workDir))).toBeVisible();
  await expect(details.getByText(/Argon2id, 64 MiB memory, 1 iteration/)).toBeVisible();

  const caseworker = page.getByRole('region', { name: 'Caseworker' });
  await caseworker.getByLabel('Caseworker name').fill('Mei Lin 林美');
  await caseworker.getByRole('button', { name: 'Save name' }).click();
  await expect(caseworker.getByText('Name saved.')).toBeVisible();

  // A new recovery key: asks for the passphrase, shows the key once, old one stops working.
  const recovery = page.getByRole('region', { name: 'Recovery key' });
  await expect(recovery.getByText('This vault has a recovery key.')).toBeVisible();
  await recovery.getByRole('button', { name: 'Create a new recovery key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a new recovery key' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(/old recovery key stops working/)).toBeVisible();
  // Esc closes without changing anything.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await recovery.getByRole('button', { name: 'Create a new recovery key' }).click();
  await dialog.getByLabel('Current passphrase', { exact: true }).fill('not it at all, sorry');
  await dialog.getByRole('button', { name: 'Create new key' }).click();
  await expect(dialog.getByRole('alert')).toContainText('not correct');
  await dialog.getByLabel('Current passphrase', { exact: true }).fill(PASSPHRASE);
  await dialog.getByRole('button', { name: 'Create new key' }).click();
  const newKeyRegion = page.getByRole('region', { name: 'Your new recovery key' });
  const secondKey = ((await newKeyRegion.getByLabel('Recovery key', { exact: true }).textContent()) ?? '').trim();
  expect(secondKey).not.toBe(firstKey);
  await expect(newKeyRegion.getByText('The previous recovery key no longer works.', { exact: false })).toBeVisible();
  await screenshot(page, '12-settings-new-recovery-key');
  await newKeyRegion.getByRole('checkbox', { name: 'I have stored the recovery key somewhere safe' }).check();
  await newKeyRegion.getByRole('button', { name: 'Done' }).click();

  // Remove it, after a confirmation that asks for the passphrase.
  await recovery.getByRole('button', { name: 'Remove recovery key' }).click();
  const removeDialog = page.getByRole('dialog', { name: 'Remove the recovery key?' });
  await removeDialog.getByLabel('Current passphrase', { exact: true }).fill(PASSPHRASE);
  await screenshot(page, '13-settings-remove-dialog');
  await removeDialog.getByRole('button', { name: 'Remove recovery key' }).click();
  await expect(recovery.getByText(/This vault has no recovery key/)).toBeVisible();
  await expect(recovery.getByRole('button', { name: 'Create a recovery key' })).toBeVisible();

  // Lock now; after unlocking, the name is still there (it lives in the vault).
  await page.getByRole('button', { name: 'Lock now' }).click();
  await expectUnlockScreen(page);
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);
  await goTo(page, 'Settings');
  await expect(page.getByLabel('Caseworker name')).toHaveValue('Mei Lin 林美');
  await screenshot(page, '14-settings-full');
});
