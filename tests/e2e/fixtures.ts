import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { KDF_FLOOR } from '../../electron/services/vault/kdf';
import { startTestHost, type TestHost } from '../host/server';

interface Fixtures {
  /** A fresh temp folder for this test (vaults, stray files); deleted afterwards. */
  workDir: string;
  host: TestHost;
  /** The page, already showing the app from the test host. */
  page: Page;
}

/**
 * Every test gets its own test host (fast KDF, own config folder) and a page
 * that fails the test on any request outside the host's origin, any page
 * error, or any Content Security Policy violation.
 */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures need the destructuring.
  workDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-e2e-'));
    try {
      await use(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  host: async ({ workDir }, use) => {
    const configDir = join(workDir, 'config');
    mkdirSync(configDir, { recursive: true });
    const host = await startTestHost({ configDir, kdfParams: KDF_FLOOR, defaultVaultFolder: workDir });
    try {
      await use(host);
    } finally {
      // Lock first as the user would: host.close() locks with reason
      // 'shutdown', whose event it would write to already-ended streams.
      await host.services.session.lock('user').catch(() => undefined);
      await host.close();
    }
  },

  page: async ({ page, host }, use) => {
    const offOrigin: string[] = [];
    const pageErrors: string[] = [];
    const cspViolations: string[] = [];

    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('blob:') || url.startsWith('data:')) return;
      if (new URL(url).origin !== host.origin) offOrigin.push(url);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(text)) cspViolations.push(text);
    });

    await page.goto(host.url);
    await use(page);

    expect(offOrigin, 'requests outside the test host (Casekeeper must make no network calls)').toEqual([]);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    expect(cspViolations, 'Content Security Policy violations').toEqual([]);
  },
});

export { expect };
