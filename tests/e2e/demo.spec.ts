import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test } from './fixtures';
import { expectUnlocked, goTo, screenshot } from './helpers';

test('a newcomer explores with demo data: fictional cases open at once and the vault is labelled as a demo everywhere', async ({ page, host }) => {
  await page.getByRole('button', { name: 'Explore with demo data' }).click();
  await expectUnlocked(page);
  const status = host.services.session.status();
  try {
    expect(status).toMatchObject({ state: 'unlocked', demo: true });
    await expect(page.getByRole('note').filter({ hasText: 'Demo vault — fictional data only' })).toBeVisible();
    // The demo cases are there, with Chinese names among them.
    await expect(page.getByText(/\d+ cases/)).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: /[\u4e00-\u9fff]/ }).first()).toBeVisible();
    await screenshot(page, 'demo-01-cases');
    for (const section of ['Contacts', 'Referrals', 'Settings'] as const) {
      await goTo(page, section);
      await expect(page.getByRole('note').filter({ hasText: 'Demo vault' })).toBeVisible();
    }
  } finally {
    await host.services.session.lock('user');
    if (status.state === 'unlocked') rmSync(dirname(status.path), { recursive: true, force: true });
  }
});
