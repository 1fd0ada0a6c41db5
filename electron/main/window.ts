import { BrowserWindow, type MenuItemConstructorOptions, type Session } from 'electron';

/** Neutral on purpose: a glance at the taskbar or window switcher reveals nothing about a case. */
export const WINDOW_TITLE = 'Casekeeper';

export interface MainWindowDeps {
  /** The in-memory partition that serves app://casekeeper. */
  session: Session;
  /** Absolute path of out/preload/index.js. */
  preloadPath: string;
  /** Developer tools only in an unpackaged (development) run. */
  devTools: boolean;
}

export function createMainWindow({ session, preloadPath, devTools }: MainWindowDeps): BrowserWindow {
  const window = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    show: false,
    webPreferences: {
      session,
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Chromium's spellchecker downloads dictionaries and would see every word typed.
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools,
    },
  });
  // The page may set document.title (e.g. to a case code); the window keeps its neutral one.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  return window;
}

/**
 * A minimal menu. It replaces Electron's default, whose Help items open
 * electronjs.org. macOS needs the app and edit menus for Cmd+Q/C/V; other
 * platforms get no menu bar once packaged (null from this function).
 */
export function menuTemplate(platform: NodeJS.Platform, devTools: boolean): MenuItemConstructorOptions[] | null {
  const isMac = platform === 'darwin';
  if (!isMac && !devTools) return null;
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push({ role: 'editMenu' }, { role: 'windowMenu' });
  if (devTools) template.push({ label: 'Developer', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] });
  return template;
}
