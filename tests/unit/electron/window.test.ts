import { describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';

const created = vi.hoisted(() => [] as Array<{ options: Record<string, unknown>; window: unknown }>);

vi.mock('electron', async () => {
  const { FakeEmitter } = await import('./fakes');
  class BrowserWindow extends FakeEmitter {
    shown = 0;
    constructor(readonly options: Record<string, unknown>) {
      super();
      created.push({ options, window: this });
    }
    show(): void {
      this.shown += 1;
    }
  }
  return { BrowserWindow };
});

const { createMainWindow, menuTemplate, WINDOW_TITLE } = await import('../../../electron/main/window');
const { FakeEvent } = await import('./fakes');

interface RecordedWindow {
  options: { title: string; show: boolean; webPreferences: Record<string, unknown> };
  shown: number;
  emit(event: string, ...args: unknown[]): void;
}

function openWindow(devTools = false): RecordedWindow {
  const session = { partition: 'casekeeper' } as unknown as Session;
  return createMainWindow({ session, preloadPath: '/app/out/preload/index.js', devTools }) as unknown as RecordedWindow;
}

describe('the main window', () => {
  it('isolates the page from Node and Electron, item by item', () => {
    const prefs = openWindow().options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/index.js');
    expect(prefs.session).toEqual({ partition: 'casekeeper' });
  });

  it('has developer tools only when asked (unpackaged runs)', () => {
    expect(openWindow(false).options.webPreferences.devTools).toBe(false);
    expect(openWindow(true).options.webPreferences.devTools).toBe(true);
  });

  it('keeps the neutral title even when the page sets another', () => {
    const window = openWindow();
    expect(window.options.title).toBe('Casekeeper');
    expect(WINDOW_TITLE).toBe('Casekeeper');
    const update = new FakeEvent();
    window.emit('page-title-updated', update, 'CK-2026-0042 — Li Wei');
    expect(update.defaultPrevented).toBe(true);
  });

  it('stays hidden until the first paint is ready', () => {
    const window = openWindow();
    expect(window.options.show).toBe(false);
    expect(window.shown).toBe(0);
    window.emit('ready-to-show');
    expect(window.shown).toBe(1);
  });
});

describe('the application menu', () => {
  it('has no Help links (Electron’s default opens electronjs.org) and no menu bar on a packaged Windows/Linux app', () => {
    expect(menuTemplate('linux', false)).toBeNull();
    expect(menuTemplate('win32', false)).toBeNull();
    const mac = menuTemplate('darwin', false);
    expect(mac?.map((item) => item.role)).toEqual(['appMenu', 'editMenu', 'windowMenu']);
  });

  it('offers reload and developer tools only in development', () => {
    const labels = (menuTemplate('linux', true) ?? []).map((item) => item.label ?? item.role);
    expect(labels).toContain('Developer');
    expect(JSON.stringify(menuTemplate('darwin', false))).not.toContain('toggleDevTools');
  });
});
