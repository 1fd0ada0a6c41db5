import { existsSync } from 'node:fs';
import { expect, test } from './fixtures';
import { expectUnlocked, screenshot, vaultPathIn } from './helpers';

test('a passphrase that is too short is refused next to the field and nothing is created', async ({ page, workDir }) => {
  const path = vaultPathIn(workDir, 'Short');
  await page.getByRole('button', { name: 'Create a vault' }).click();
  await page.getByLabel('Vault location').fill(path);
  const passphrase = page.getByLabel('Passphrase', { exact: true });
  await passphrase.fill('tiny pass');
  await expect(page.getByText('Strength: too short')).toBeVisible();
  await page.getByLabel('Confirm passphrase', { exact: true }).fill('tiny pass');
  await page.getByRole('button', { name: 'Create vault' }).click();

  await expect(passphrase).toHaveAttribute('aria-invalid', 'true');
  await expect(passphrase).toHaveAccessibleDescription(/Use at least 12 characters/);
  await expect(page.getByRole('heading', { level: 1, name: 'Create a vault' })).toBeVisible();
  await screenshot(page, '07-create-too-short');
  expect(existsSync(path)).toBe(false);
});

test('a weak passphrase is warned with advice and needs an explicit "use anyway"', async ({ page, workDir }) => {
  const path = vaultPathIn(workDir, 'Weak');
  await page.getByRole('button', { name: 'Create a vault' }).click();
  await page.getByLabel('Vault location').fill(path);
  await page.getByLabel('Passphrase', { exact: true }).fill('password1234');
  await page.getByLabel('Confirm passphrase', { exact: true }).fill('password1234');
  await expect(page.getByText(/^Strength: (very weak|weak)/)).toBeVisible();
  await expect(page.getByText('This passphrase is easy to guess')).toBeVisible();
  // zxcvbn's own feedback is shown.
  await expect(page.getByText(/common password|easy to guess|Add more words/i).first()).toBeVisible();
  await page.getByRole('checkbox', { name: 'Create a recovery key' }).uncheck();

  await page.getByRole('button', { name: 'Create vault' }).click();
  const acceptWeak = page.getByRole('checkbox', { name: 'Use this passphrase anyway' });
  await expect(acceptWeak).toHaveAccessibleDescription(/Choose a stronger passphrase, or tick the box/);
  await screenshot(page, '08-create-weak');
  expect(existsSync(path)).toBe(false);

  await acceptWeak.check();
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expectUnlocked(page);
  expect(existsSync(path)).toBe(true);
});

test('the confirmation must match the passphrase', async ({ page, workDir }) => {
  await page.getByRole('button', { name: 'Create a vault' }).click();
  await page.getByLabel('Vault location').fill(vaultPathIn(workDir));
  await page.getByLabel('Passphrase', { exact: true }).fill('maple quantum lantern velvet drift');
  const confirm = page.getByLabel('Confirm passphrase', { exact: true });
  await confirm.fill('maple quantum lantern velvet drif');
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(confirm).toHaveAccessibleDescription(/The two passphrases do not match\./);
});
