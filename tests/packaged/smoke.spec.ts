import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, expect, type Page, test } from '@playwright/test';
import { confirmRecoveryKeyStored, createVault, expectUnlockScreen, vaultPathIn } from '../e2e/helpers';

/**
 * Starts the packaged app (electron-builder --dir output, fuses flipped,
 * app.asar with its native parts unpacked) the way a caseworker would, and
 * checks the path that fails first when packaging is wrong: the window opens,
 * a vault is created (SQLCipher and Argon2 load), the recovery key can be
 * copied, and the vault locks. Runs in the hosted CI workflow after
 * `npm run package -- --dir`; skipped with a reason where there is no build.
 *
 * Playwright's _electron cannot drive it: it attaches through Node's --inspect,
 * which the packaged app's fuses switch off. The window is reached over the
 * Chrome DevTools Protocol instead (--remote-debugging-port), so only the
 * renderer is driven, exactly as a caseworker's clicks would.
 */

const root = join(__dirname, '..', '..');

/** The executable electron-builder wrote for this platform, or CASEKEEPER_PACKAGED_APP. */
function packagedExecutable(): string | null {
  if (process.env.CASEKEEPER_PACKAGED_APP) return process.env.CASEKEEPER_PACKAGED_APP;
  const dist = join(root, 'dist');
  if (!existsSync(dist)) return null;
  const folders = readdirSync(dist).map((name) => join(dist, name));
  const candidates =
    process.platform === 'win32'
      ? folders.map((folder) => join(folder, 'Casekeeper.exe'))
      : process.platform === 'darwin'
        ? folders.map((folder) => join(folder, 'Casekeeper.app', 'Contents', 'MacOS', 'Casekeeper'))
        : folders.map((folder) => join(folder, 'casekeeper'));
  return candidates.find((file) => existsSync(file)) ?? null;
}

const executablePath = packagedExecutable();
const SKIP_REASON = 'no packaged app in dist/ — run `npm run package -- --dir` on a machine where Electron can be downloaded';
if (!executablePath && process.env.CASEKEEPER_REQUIRE_PACKAGED === '1') {
  throw new Error(`CASEKEEPER_REQUIRE_PACKAGED is set but there is ${SKIP_REASON}.`);
}
if (!executablePath) process.stdout.write(`SKIPPED: the packaged-app smoke test — ${SKIP_REASON}.\n`);

/** Starts the app with a DevTools port and resolves with the browser-level WebSocket it prints. */
function launch(executable: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; endpoint: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, ['--remote-debugging-port=0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let settled = false;
    const timer = setTimeout(() => fail(new Error('the app printed no DevTools endpoint within 60 s')), 60_000);
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${error.message}\n--- app output ---\n${output}`));
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, endpoint: match[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`the app exited (${signal ?? code}) before its window opened`)));
  });
}

test.describe('the packaged app', () => {
  test.skip(!executablePath, SKIP_REASON);

  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let home: string;

  test.beforeAll(async () => {
    // A packaged app ignores CASEKEEPER_USER_DATA_DIR; point the platform's profile folders at a throwaway home instead.
    home = mkdtempSync(join(tmpdir(), 'casekeeper-packaged-'));
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData', 'Roaming'), USERPROFILE: home };
    delete env.ELECTRON_RUN_AS_NODE;
    delete env.ELECTRON_RENDERER_URL;
    // Chromium refuses to start as root with its sandbox on (CI containers); everywhere else it stays on.
    const args = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    const started = await launch(executablePath!, args, env);
    child = started.child;
    browser = await chromium.connectOverCDP(started.endpoint);
    const context = browser.contexts()[0]!;
    // The one window; it may still be on about:blank when the debugger attaches.
    page = context.pages()[0] ?? (await context.waitForEvent('page'));
    await page.waitForURL('app://casekeeper/index.html');
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await browser?.close(); // disconnects; the app keeps running until killed
    child?.kill();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  test('opens its one window on the welcome screen, served from the app bundle', async () => {
    expect(page.url()).toBe('app://casekeeper/index.html');
    expect(await page.title()).toBe('Casekeeper');
    await expect(page.getByRole('button', { name: 'Create a vault' })).toBeVisible();
    const surface = await page.evaluate(() => ({
      api: Object.keys((globalThis as unknown as { api?: object }).api ?? {}).sort(),
      require: typeof (globalThis as Record<string, unknown>).require,
    }));
    expect(surface).toEqual({ api: ['invoke', 'on'], require: 'undefined' });
  });

  test('creates a vault (SQLCipher and Argon2 load), copies the recovery key, and locks', async () => {
    const vault = vaultPathIn(home);
    const key = await createVault(page, { path: vault });
    expect(key).not.toBeNull();
    expect(existsSync(vault)).toBe(true);

    // Clipboard writes are the one permission the app grants its page.
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' })).toBeVisible();

    await confirmRecoveryKeyStored(page);
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expectUnlockScreen(page);
  });
});
