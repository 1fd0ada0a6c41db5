import { expect, test } from './fixtures';
import {
  confirmRecoveryKeyStored,
  createVault,
  expectUnlocked,
  expectUnlockScreen,
  goTo,
  NEW_PASSPHRASE,
  PASSPHRASE,
  screenshot,
  unlock,
  vaultPathIn,
} from './helpers';

test('a caseworker creates a vault, locks it, mistypes the passphrase, changes it, and only the new one opens the vault', async ({ page, workDir }) => {
  await expect(page).toHaveTitle('Casekeeper');
  await expect(page.getByRole('heading', { level: 1, name: 'Casekeeper' })).toBeVisible();
  await screenshot(page, '01-welcome');

  // Create, with a recovery key that is shown once.
  await page.getByRole('button', { name: 'Create a vault' }).click();
  await expect(page.getByLabel('Vault location')).toHaveValue(vaultPathIn(workDir));
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await expect(page.getByText(/Strength: (strong|very strong)/)).toBeVisible();
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(PASSPHRASE);
  await screenshot(page, '02-create');
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your recovery key' })).toBeVisible();
  await screenshot(page, '03-recovery-key');
  // The confirmation is required.
  await page.getByRole('button', { name: 'Continue to the vault' }).click();
  await expect(page.getByText('Confirm that you have stored the key before continuing.')).toBeVisible();
  await confirmRecoveryKeyStored(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
  await expect(page.getByText('Casework', { exact: true })).toBeVisible();
  await expect(page).toHaveTitle('Casekeeper');
  await screenshot(page, '05-app-cases-empty');

  // Lock with the button.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expectUnlockScreen(page);
  await expect(page.getByText(vaultPathIn(workDir))).toBeVisible();

  // A wrong passphrase is refused, with the server's message, and the field is cleared.
  await unlock(page, 'definitely not the passphrase');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Wrong passphrase');
  await expect(page.getByLabel('Passphrase', { exact: true })).toHaveValue('');
  await screenshot(page, '04-unlock-wrong-passphrase');

  // The right one opens it.
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);

  // Settings: change the passphrase.
  await goTo(page, 'Settings');
  await screenshot(page, '06-settings');
  const changeForm = page.getByRole('region', { name: 'Change passphrase' });
  await changeForm.getByLabel('Current passphrase', { exact: true }).fill(PASSPHRASE);
  await changeForm.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await changeForm.getByLabel('Confirm passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await changeForm.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(changeForm.getByText('Passphrase changed')).toBeVisible();
  await expect(changeForm.getByLabel('Current passphrase', { exact: true })).toHaveValue('');

  // Quick lock from the keyboard.
  await page.keyboard.press('Control+L');
  await expectUnlockScreen(page);

  // The old passphrase no longer works; the new one does.
  await unlock(page, PASSPHRASE);
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase');
  await unlock(page, NEW_PASSPHRASE);
  await expectUnlocked(page);
  // Unlocking starts on Cases again, with nothing left over from before the lock.
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
});

test('a caseworker who forgot the passphrase gets back in with the recovery key and sets a new passphrase', async ({ page, host, workDir }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  const key = await createVault(page, { path: vaultPathIn(workDir, 'Recovery test') });
  expect(key).not.toBeNull();
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByText('Copied to the clipboard.', { exact: false })).toBeVisible();
  const copied = await page.evaluate<string>('navigator.clipboard.readText()');
  expect(copied.replace(/-/g, ' ')).toBe(key);
  // The key is never kept in web storage.
  const stored = await page.evaluate<string>('JSON.stringify([Object.values(localStorage), Object.values(sessionStorage)])');
  expect(stored).not.toContain(key!.slice(0, 5));
  await confirmRecoveryKeyStored(page);
  await expect(page.getByText(key!.split(' ')[0]!)).toHaveCount(0);
  await page.keyboard.press('Control+L');
  await expectUnlockScreen(page);

  await page.getByRole('button', { name: 'Forgot passphrase? Use recovery key' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Unlock with recovery key' })).toBeVisible();
  // Typed the way a person would read it off paper: lower case, spaces.
  await page.getByLabel('Recovery key', { exact: true }).fill(key!.toLowerCase());
  await page.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock and set new passphrase' }).click();
  await expectUnlocked(page);

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expectUnlockScreen(page);
  await unlock(page, PASSPHRASE);
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase');
  await unlock(page, NEW_PASSPHRASE);
  await expectUnlocked(page);
});
