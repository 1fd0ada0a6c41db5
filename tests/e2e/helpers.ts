import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { TestHost } from '../host/server';

/** Strong enough for zxcvbn (score ≥ 3) and long enough for the policy. */
export const PASSPHRASE = 'maple quantum lantern velvet drift';
export const NEW_PASSPHRASE = 'orbit tundra pickle saxophone meadow';
export const THIRD_PASSPHRASE = 'granite whistle comet fjord noodle';

const SHOTS = '/tmp/ck-shots';

/**
 * Screenshots go outside the repository, for a person to look at. The app
 * frame scrolls inside <main>, so the viewport is stretched to show it all.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const contentHeight = await page
    .getByRole('main')
    .evaluate((main: { scrollHeight: number; getBoundingClientRect(): { top: number } }) => main.scrollHeight + main.getBoundingClientRect().top);
  if (contentHeight > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.ceil(contentHeight) + 16 });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  await page.setViewportSize(viewport);
}

export function vaultPathIn(folder: string, name = 'Casework'): string {
  return join(folder, `${name}.ckvault`);
}

/** From the welcome screen: creates a vault and returns the recovery key shown (or null). */
export async function createVault(
  page: Page,
  options: { path: string; passphrase?: string; recoveryKey?: boolean },
): Promise<string | null> {
  const passphrase = options.passphrase ?? PASSPHRASE;
  await page.getByRole('button', { name: 'Create a vault' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create a vault' })).toBeVisible();
  await page.getByLabel('Vault location').fill(options.path);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(passphrase);
  const recovery = page.getByRole('checkbox', { name: 'Create a recovery key' });
  if (options.recoveryKey === false) await recovery.uncheck();
  else await expect(recovery).toBeChecked();
  await page.getByRole('button', { name: 'Create vault' }).click();

  if (options.recoveryKey === false) {
    await expectUnlocked(page);
    return null;
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Your recovery key' })).toBeVisible();
  const key = ((await page.getByLabel('Recovery key', { exact: true }).textContent()) ?? '').trim();
  expect(key).toMatch(/^[0-9A-Z]{5}( [0-9A-Z]{5}){7}$/);
  return key;
}

/** On the recovery key screen: confirm it is stored and continue into the vault. */
export async function confirmRecoveryKeyStored(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: 'I have stored the recovery key somewhere safe' }).check();
  await page.getByRole('button', { name: 'Continue to the vault' }).click();
  await expectUnlocked(page);
}

export async function expectUnlocked(page: Page): Promise<void> {
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
}

export async function expectUnlockScreen(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: /^Unlock / })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toHaveCount(0);
}

export async function unlock(page: Page, passphrase: string): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

export async function goTo(page: Page, section: 'Cases' | 'Contacts' | 'Referrals' | 'Dashboard' | 'Reports' | 'Settings'): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: section, exact: true }).click();
  await expect(nav.getByRole('button', { name: section, exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: section, exact: true })).toBeVisible();
}

/** Calls a channel of the test host's real services directly, for seeding data a story does not type in. */
export async function call<T>(host: TestHost, channel: string, input: unknown): Promise<T> {
  const envelope = await host.services.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`);
  return envelope.data as T;
}

/** Today plus `offsetDays` as YYYY-MM-DD in the local calendar, as the app's date fields take it. */
export function isoDay(offsetDays: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
