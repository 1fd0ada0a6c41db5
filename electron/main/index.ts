import { join, resolve } from 'node:path';
import {
  app,
  type BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  protocol,
  session as electronSession,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import type { LockReason } from '../services/session/session.service';
import { calibrateKdf, type KdfParams } from '../services/vault/kdf';
import { composeApp, type AppServices } from './compose';
import type { SaveFilePurpose } from './ipc/handlers';
import { registerIpc } from './ipc/register';
import { findNativeBinding } from './native';
import { IDLE_THRESHOLD_SECONDS, watchLinuxScreenLock } from './screen-lock';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  applyCspHeader,
  createAppProtocolHandler,
  devContentSecurityPolicy,
  hardenAllWebContents,
  hardenSession,
  isTrustedSender,
  resolveDevRendererUrl,
  type OriginPolicy,
} from './security';
import { createMainWindow, menuTemplate } from './window';

/**
 * Composition root of the Electron main process. Everything with a rule in
 * it lives in security.ts, window.ts, ipc/register.ts and the services; this
 * file only wires them to Electron's lifecycle.
 */

// No "persist:" prefix: cookies, cache and web storage stay in memory and never touch the disk.
const PARTITION = 'casekeeper';

// Every file the app makes (vault, SQLite's -wal and -shm, packets, backups) is owner-only, folders 0700.
process.umask(0o077);

app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// Development/test only: lets an e2e run use a throwaway profile (and its own single-instance lock).
if (!app.isPackaged && process.env.CASEKEEPER_USER_DATA_DIR) {
  app.setPath('userData', process.env.CASEKEEPER_USER_DATA_DIR);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  const devUrl = resolveDevRendererUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
  const policy: OriginPolicy = {
    allowedOrigins: devUrl ? [APP_ORIGIN, devUrl.origin, devUrl.origin.replace(/^http/, 'ws'), 'devtools://devtools'] : [APP_ORIGIN],
  };
  let mainWindow: BrowserWindow | null = null;
  let services: AppServices | null = null;
  let lockedForQuit = false;

  hardenAllWebContents(app, policy);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());

  // Lock (close the database, drop the key) before the process goes away.
  app.on('before-quit', (event) => {
    if (lockedForQuit || !services) return;
    event.preventDefault();
    void services.session
      .lock('shutdown')
      .catch(() => undefined)
      .finally(() => {
        lockedForQuit = true;
        app.quit();
      });
  });

  void app.whenReady().then(() => {
    const ses = electronSession.fromPartition(PARTITION, { cache: false });
    hardenSession(ses, policy);
    hardenSession(electronSession.defaultSession, policy);
    ses.protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: join(__dirname, '../renderer'), csp: CONTENT_SECURITY_POLICY }));
    if (devUrl) applyCspHeader(ses, devUrl.origin, devContentSecurityPolicy(CONTENT_SECURITY_POLICY, devUrl.origin));

    const nativeBinding = findNativeBinding({
      isPackaged: app.isPackaged,
      projectRoot: app.getAppPath(),
      electronVersion: process.versions.electron,
      platform: process.platform,
      arch: process.arch,
    });
    if (!app.isPackaged && !nativeBinding) {
      console.error('Casekeeper: no Electron build of better-sqlite3-multiple-ciphers in .native/. Run `node scripts/electron-native.mjs` (npm start does this).');
    }

    const appServices = composeApp({
      configDir: app.getPath('userData'),
      kdfParams: cachedKdfParams(),
      nativeBinding,
      app: { version: app.getVersion(), platform: process.platform, nativeDialogs: true, defaultVaultFolder: app.getPath('documents') },
      chooseVaultLocation: (purpose) => chooseVaultLocation(mainWindow, purpose, app.getPath('documents')),
      // The renderer suggests a file name or a full path; the dialog starts there and the caseworker confirms or changes it.
      chooseSaveFile: (suggestedName, purpose) => chooseSaveFile(mainWindow, resolve(app.getPath('documents'), suggestedName), purpose),
      emit: (event, payload) => {
        if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(event, payload);
      },
      // Channel name only: errors can carry paths or values from the vault.
      onInternalError: (channel) => console.error(`Casekeeper: unexpected failure while handling ${channel}.`),
    });
    services = appServices;
    registerIpc(ipcMain, appServices.dispatch, (frame) => isTrustedSender(frame, policy));

    const lock = (reason: LockReason): void => {
      appServices.session.lock(reason).catch(() => console.error('Casekeeper: locking the vault failed.'));
    };
    powerMonitor.on('suspend', () => lock('suspend'));
    powerMonitor.on('lock-screen', () => lock('screen-lock'));
    // Linux has no 'lock-screen' event; see screen-lock.ts.
    watchLinuxScreenLock({
      platform: process.platform,
      idleState: () => powerMonitor.getSystemIdleState(IDLE_THRESHOLD_SECONDS),
      onScreenLocked: () => lock('screen-lock'),
    });
    powerMonitor.on('shutdown', () => lock('shutdown'));

    const template = menuTemplate(process.platform, !app.isPackaged);
    Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);

    const window = createMainWindow({ session: ses, preloadPath: join(__dirname, '../preload/index.js'), devTools: !app.isPackaged });
    mainWindow = window;
    window.on('closed', () => {
      mainWindow = null;
    });
    // A crashed renderer loses its state; do not leave the vault open behind a blank window.
    window.webContents.on('render-process-gone', () => lock('user'));
    void window.loadURL(devUrl ? devUrl.href : APP_ENTRY_URL);
  });
}

/** Argon2id calibration runs once, on the first vault creation; a failure is retried next time. */
function cachedKdfParams(): () => Promise<KdfParams> {
  let pending: Promise<KdfParams> | null = null;
  return () => {
    pending ??= calibrateKdf().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

async function chooseSaveFile(window: BrowserWindow | null, defaultPath: string, purpose: SaveFilePurpose): Promise<string | null> {
  const title = purpose === 'packet-zip' ? 'Save referral packet' : 'Save report';
  const filters = purpose === 'packet-zip' ? [{ name: 'ZIP archive', extensions: ['zip'] }] : [{ name: 'CSV table', extensions: ['csv'] }];
  const options: SaveDialogOptions = { title, defaultPath, filters, properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'] };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

async function chooseVaultLocation(window: BrowserWindow | null, purpose: 'create' | 'open', documents: string): Promise<string | null> {
  switch (purpose) {
    case 'create': {
      const options: SaveDialogOptions = {
        title: 'Create a vault',
        defaultPath: join(documents, 'Casework.ckvault'),
        buttonLabel: 'Create vault',
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    }
    case 'open': {
      const options: OpenDialogOptions = {
        title: 'Open a vault',
        defaultPath: documents,
        buttonLabel: 'Open vault',
        properties: ['openDirectory', 'dontAddToRecent'],
      };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    }
    default: {
      const unreachable: never = purpose;
      return unreachable;
    }
  }
}
