import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { ComposeOptions } from '../../../electron/main/compose';
import { contract } from '../../../shared/ipc/contract';
import { FakeEmitter, FakeEvent, type FakeSession, type FakeWebContents } from './fakes';

/**
 * The composition root, imported against a fake Electron: what it sets up
 * before `ready`, and how the app's lifecycle reaches the vault session.
 */

const fake = vi.hoisted(() => ({ state: null as unknown as World }));

function fakeApp(options: { firstInstance: boolean; packaged: boolean }) {
  return Object.assign(new FakeEmitter(), {
    isPackaged: options.packaged,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => options.firstInstance),
    quit: vi.fn(),
    setPath: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn((name: string) => `/home/caseworker/${name}`),
    getAppPath: vi.fn(() => '/src/casekeeper'),
    getVersion: vi.fn(() => '0.1.0'),
  });
}

type AsyncMock = Mock<(...args: unknown[]) => Promise<unknown>>;

interface World {
  app: ReturnType<typeof fakeApp>;
  partitions: Array<{ name: string; options: unknown }>;
  sessions: FakeSession[];
  handledSchemes: string[];
  ipcChannels: string[];
  powerMonitor: FakeEmitter;
  windows: Array<{ options: Record<string, unknown>; loadURL: Mock; webContents: FakeWebContents }>;
  privilegedSchemes: unknown[];
  dialog: { showSaveDialog: AsyncMock; showOpenDialog: AsyncMock };
  composed: ComposeOptions[];
  lock: AsyncMock;
  calibrate: AsyncMock;
}

function newWorld(options: { firstInstance: boolean; packaged: boolean }): World {
  return {
    app: fakeApp(options),
    partitions: [],
    sessions: [],
    handledSchemes: [],
    ipcChannels: [],
    powerMonitor: new FakeEmitter(),
    windows: [],
    privilegedSchemes: [],
    dialog: {
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/home/caseworker/documents/Casework.ckvault' })),
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/media/usb/Team.ckvault'] })),
    },
    composed: [],
    lock: vi.fn(async () => ({ state: 'locked' })),
    calibrate: vi.fn(async () => ({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1 })),
  };
}

vi.mock('electron', async () => {
  const { FakeEmitter, FakeSession, FakeWebContents } = await import('./fakes');
  const world = (): World => fake.state;
  const makeSession = (): FakeSession => {
    const session = Object.assign(new FakeSession(), {
      protocol: { handle: (scheme: string) => world().handledSchemes.push(scheme) },
    });
    world().sessions.push(session);
    return session;
  };
  class BrowserWindow extends FakeEmitter {
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async () => undefined);
    constructor(readonly options: Record<string, unknown>) {
      super();
      world().windows.push(this);
    }
    show(): void {}
    isDestroyed(): boolean {
      return false;
    }
  }
  return {
    get app() {
      return world().app;
    },
    get powerMonitor() {
      return world().powerMonitor;
    },
    get dialog() {
      return world().dialog;
    },
    BrowserWindow,
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => world().privilegedSchemes.push(...schemes) },
    session: {
      fromPartition: (name: string, options: unknown) => {
        world().partitions.push({ name, options });
        return makeSession();
      },
      get defaultSession() {
        return makeSession();
      },
    },
    ipcMain: { handle: (channel: string) => world().ipcChannels.push(channel) },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => template) },
  };
});

vi.mock('../../../electron/main/compose', () => ({
  composeApp: (options: ComposeOptions) => {
    fake.state.composed.push(options);
    return { session: { lock: fake.state.lock }, recent: {}, dispatch: vi.fn() };
  },
}));

vi.mock('../../../electron/services/vault/kdf', () => ({ calibrateKdf: () => fake.state.calibrate() }));

async function startApp(options: { firstInstance?: boolean; packaged?: boolean } = {}): Promise<World> {
  fake.state = newWorld({ firstInstance: options.firstInstance ?? true, packaged: options.packaged ?? true });
  vi.resetModules();
  await import('../../../electron/main/index');
  await new Promise((resolve) => setTimeout(resolve, 0)); // let whenReady().then run
  return fake.state;
}

describe('the main process', () => {
  beforeEach(() => vi.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('turns on the sandbox for every renderer and registers app:// as a secure standard scheme before ready', async () => {
    const world = await startApp();
    expect(world.app.enableSandbox).toHaveBeenCalled();
    expect(world.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('quits at once when another Casekeeper is already running', async () => {
    const world = await startApp({ firstInstance: false });
    expect(world.app.quit).toHaveBeenCalled();
    expect(world.windows).toHaveLength(0);
    expect(world.composed).toHaveLength(0);
  });

  it('serves the bundle from an in-memory partition and opens it in one window', async () => {
    const world = await startApp();
    expect(world.partitions).toEqual([{ name: 'casekeeper', options: { cache: false } }]);
    expect(world.handledSchemes).toEqual(['app']);
    expect(world.windows).toHaveLength(1);
    expect(world.windows[0]!.loadURL).toHaveBeenCalledWith('app://casekeeper/index.html');
    // every session the app uses cancels foreign requests
    for (const session of world.sessions) expect(session.request('https://example.org/')).toEqual({ cancel: true });
  });

  it('answers every contract channel over IPC', async () => {
    const world = await startApp();
    expect([...world.ipcChannels].sort()).toEqual(Object.keys(contract).sort());
  });

  it('keeps app-level files in userData and never uses the dev server once packaged', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://attacker.example/');
    vi.stubEnv('CASEKEEPER_USER_DATA_DIR', '/tmp/elsewhere');
    const world = await startApp({ packaged: true });
    expect(world.composed[0]!.configDir).toBe('/home/caseworker/userData');
    expect(world.composed[0]!.nativeBinding).toBeUndefined();
    expect(world.app.setPath).not.toHaveBeenCalled();
    expect(world.windows[0]!.loadURL).toHaveBeenCalledWith('app://casekeeper/index.html');
  });

  it('loads the loopback dev server in development', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    const world = await startApp({ packaged: false });
    expect(world.windows[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(world.sessions[0]!.request('http://localhost:5173/@vite/client')).toEqual({ cancel: false });
    expect(world.sessions[0]!.request('http://localhost:5174/')).toEqual({ cancel: true });
  });

  it('locks the vault when the computer sleeps or the screen locks', async () => {
    const world = await startApp();
    world.powerMonitor.emit('suspend');
    world.powerMonitor.emit('lock-screen');
    expect(world.lock.mock.calls).toEqual([['suspend'], ['screen-lock']]);
  });

  it.runIf(process.platform === 'linux')('on Linux, with no lock-screen event, locks the vault when the desktop reports a locked screen', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const world = await startApp();
      let state = 'active';
      Object.assign(world.powerMonitor, { getSystemIdleState: () => state });
      vi.advanceTimersByTime(10_000);
      expect(world.lock).not.toHaveBeenCalled();
      state = 'locked';
      vi.advanceTimersByTime(10_000);
      expect(world.lock.mock.calls).toEqual([['screen-lock']]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('locks the vault before quitting, then quits', async () => {
    const world = await startApp();
    const quit = new FakeEvent();
    world.app.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    expect(world.lock).toHaveBeenCalledWith('shutdown');
    await vi.waitFor(() => expect(world.app.quit).toHaveBeenCalled());
    const again = new FakeEvent();
    world.app.emit('before-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });

  it('calibrates the KDF once, however many vaults are created', async () => {
    const world = await startApp();
    const kdfParams = world.composed[0]!.kdfParams;
    await Promise.all([kdfParams(), kdfParams(), kdfParams()]);
    expect(world.calibrate).toHaveBeenCalledTimes(1);
  });

  it('sends events to the window and asks for vault locations with native dialogs', async () => {
    const world = await startApp();
    const composed = world.composed[0]!;
    composed.emit('vault:locked', { reason: 'idle' });
    expect(world.windows[0]!.webContents.send).toHaveBeenCalledWith('vault:locked', { reason: 'idle' });

    expect(await composed.chooseVaultLocation('create')).toBe('/home/caseworker/documents/Casework.ckvault');
    const save = world.dialog.showSaveDialog.mock.calls[0]!.at(-1) as { defaultPath: string; properties: string[] };
    expect(save.defaultPath).toBe(join('/home/caseworker/documents', 'Casework.ckvault'));
    expect(save.properties).toContain('dontAddToRecent');

    expect(await composed.chooseVaultLocation('open')).toBe('/media/usb/Team.ckvault');
    const open = world.dialog.showOpenDialog.mock.calls[0]!.at(-1) as { properties: string[] };
    expect(open.properties).toContain('openDirectory');
  });

  it('asks where to save a packet or report with the native dialog: at a typed full path, or a suggested name in Documents', async () => {
    const world = await startApp();
    const composed = world.composed[0]!;
    world.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/media/usb/CK-2026-0042_police.zip' });
    expect(await composed.chooseSaveFile('/media/usb/CK-2026-0042_police.zip', 'packet-zip')).toBe('/media/usb/CK-2026-0042_police.zip');
    const packet = world.dialog.showSaveDialog.mock.calls.at(-1)!.at(-1) as { defaultPath: string; title: string };
    expect(packet).toMatchObject({ defaultPath: '/media/usb/CK-2026-0042_police.zip', title: 'Save referral packet' });

    world.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await composed.chooseSaveFile('threats-by-country.csv', 'report-csv')).toBeNull();
    const report = world.dialog.showSaveDialog.mock.calls.at(-1)!.at(-1) as { defaultPath: string; title: string };
    expect(report).toMatchObject({ defaultPath: join('/home/caseworker/documents', 'threats-by-country.csv'), title: 'Save report' });
  });
});
