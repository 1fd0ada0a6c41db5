import { expect, test } from './fixtures';
import { createVault, expectUnlocked, expectUnlockScreen, goTo, PASSPHRASE, unlock, vaultPathIn } from './helpers';

test('the vault locks itself after the idle time chosen in Settings, and activity postpones it', async ({ page, host, workDir }) => {
  // The renderer's idle timer runs on the page clock; install the fake clock before the app loads.
  await page.clock.install();
  await page.goto(host.url);
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });

  await goTo(page, 'Settings');
  // Electron has no screen-lock event on Linux: there, Settings says when a locked screen may go unnoticed.
  await expect(page.getByText(/^On Linux, Casekeeper sees the screen lock only on desktops that report it/)).toHaveCount(process.platform === 'linux' ? 1 : 0);
  const autoLock = page.getByLabel('Lock after inactivity of');
  await expect(autoLock).toHaveValue('10');
  await autoLock.selectOption({ label: '1 minute' });
  await expect(page.getByText('Saved. The vault locks after 1 minute without activity.')).toBeVisible();
  expect(host.services.session.getSettings().autoLockMinutes).toBe(1);

  // Activity before the minute is up starts the wait again.
  await page.clock.fastForward(45_000);
  await page.keyboard.press('Shift');
  await page.clock.fastForward(45_000);
  await expectUnlocked(page);

  // A minute without activity locks.
  await page.clock.fastForward(20_000);
  await expectUnlockScreen(page);
  await expect(page.getByRole('status').filter({ hasText: 'Locked after 1 minute without activity.' })).toBeVisible();
  expect(host.services.session.status().state).toBe('locked');

  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);
  await goTo(page, 'Settings');
  await expect(page.getByLabel('Lock after inactivity of')).toHaveValue('1');
});

test('when the computer goes to sleep, main locks the vault and the window says why', async ({ page, host, workDir }) => {
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  await goTo(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Vault details' })).toBeVisible();

  await host.services.session.lock('suspend');

  await expectUnlockScreen(page);
  await expect(page.getByText('Locked because the computer went to sleep.')).toBeVisible();
  // Nothing from the vault is left on screen.
  await expect(page.getByRole('region', { name: 'Vault details' })).toHaveCount(0);
});
