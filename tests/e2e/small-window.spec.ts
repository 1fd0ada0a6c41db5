import { expect, test } from './fixtures';
import { createVault, goTo, screenshot, vaultPathIn } from './helpers';

test.use({ viewport: { width: 1024, height: 700 } });

test('the screens fit a 1024×700 window and the keyboard focus is visible', async ({ page, workDir }) => {
  await screenshot(page, '20-small-welcome');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Create a vault' })).toBeFocused();
  await screenshot(page, '21-small-welcome-focus');

  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  await goTo(page, 'Settings');
  // Everything can be reached from the keyboard: tab from the navigation into the settings.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).focus();
  await screenshot(page, '22-small-settings');
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow).toBe(0);
});
