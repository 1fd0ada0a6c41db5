import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp';

interface Context {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
interface AfterPackModule {
  executablePath(context: Context): string;
  fuseConfig(fuses: { FuseVersion: typeof FuseVersion; FuseV1Options: typeof FuseV1Options }, target: { electronPlatformName: string; arch: string }): Record<string, unknown>;
  placeElectronSqlite(context: Context, target: { projectDir: string; electronVersion: string; platform: string; arch: string }): string;
}

const afterPack = createRequire(import.meta.url)('../../../build/after-pack.cjs') as AfterPackModule;

describe('the packaging hook that flips Electron fuses', () => {
  const config = afterPack.fuseConfig({ FuseVersion, FuseV1Options }, { electronPlatformName: 'linux', arch: 'x64' });

  it('turns off every way to run the app as plain Node or under an inspector', () => {
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
  });

  it('loads the app only from an integrity-checked app.asar, with no extra file:// privileges', () => {
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(config[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(false);
  });

  it('names every fuse this Electron knows, so a new one cannot slip by', () => {
    expect(config.strictlyRequireAllFuses).toBe(true);
    const numeric = Object.values(FuseV1Options).filter((value) => typeof value === 'number');
    for (const fuse of numeric) expect(config[fuse], FuseV1Options[fuse as number]).toBeTypeOf('boolean');
  });

  it('re-signs ad hoc only for Apple-silicon macOS builds', () => {
    expect(config.resetAdHocDarwinSignature).toBe(false);
    expect(afterPack.fuseConfig({ FuseVersion, FuseV1Options }, { electronPlatformName: 'darwin', arch: 'arm64' }).resetAdHocDarwinSignature).toBe(true);
  });

  it('finds the executable on each platform', () => {
    const packager = { appInfo: { productFilename: 'Casekeeper' }, executableName: 'casekeeper' };
    expect(afterPack.executablePath({ appOutDir: '/dist/linux-unpacked', electronPlatformName: 'linux', packager })).toBe(join('/dist/linux-unpacked', 'casekeeper'));
    expect(afterPack.executablePath({ appOutDir: '/dist/win-unpacked', electronPlatformName: 'win32', packager })).toBe(join('/dist/win-unpacked', 'Casekeeper.exe'));
    expect(afterPack.executablePath({ appOutDir: '/dist/mac-arm64', electronPlatformName: 'darwin', packager })).toBe(join('/dist/mac-arm64', 'Casekeeper.app'));
    expect(() => afterPack.executablePath({ appOutDir: '/dist', electronPlatformName: 'beos', packager })).toThrow(/beos/);
  });
});

describe('the packaging hook that puts the Electron build of SQLCipher into the app', () => {
  const addon = ['node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node'];
  const packager = { appInfo: { productFilename: 'Casekeeper' }, executableName: 'casekeeper' };

  function layout(root: string, unpacked: string): void {
    mkdirSync(join(root, 'project', '.native', 'electron-45.5.0-linux-x64'), { recursive: true });
    writeFileSync(join(root, 'project', '.native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node'), 'electron build');
    mkdirSync(dirname(join(unpacked, ...addon)), { recursive: true });
    writeFileSync(join(unpacked, ...addon), 'node build');
  }

  it('replaces the Node build in app.asar.unpacked and leaves the project untouched', () => {
    const temp = makeTempDir('ck-after-pack-');
    try {
      const appOutDir = join(temp.path, 'dist', 'linux-unpacked');
      layout(temp.path, join(appOutDir, 'resources', 'app.asar.unpacked'));
      const target = afterPack.placeElectronSqlite(
        { appOutDir, electronPlatformName: 'linux', packager },
        { projectDir: join(temp.path, 'project'), electronVersion: '45.5.0', platform: 'linux', arch: 'x64' },
      );
      expect(target).toBe(join(appOutDir, 'resources', 'app.asar.unpacked', ...addon));
      expect(readFileSync(target, 'utf8')).toBe('electron build');
      expect(readFileSync(join(temp.path, 'project', '.native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node'), 'utf8')).toBe('electron build');
    } finally {
      temp.remove();
    }
  });

  it('looks inside the .app bundle on macOS', () => {
    const temp = makeTempDir('ck-after-pack-');
    try {
      const appOutDir = join(temp.path, 'dist', 'mac-arm64');
      const unpacked = join(appOutDir, 'Casekeeper.app', 'Contents', 'Resources', 'app.asar.unpacked');
      layout(temp.path, unpacked);
      mkdirSync(join(temp.path, 'project', '.native', 'electron-45.5.0-darwin-arm64'), { recursive: true });
      writeFileSync(join(temp.path, 'project', '.native', 'electron-45.5.0-darwin-arm64', 'better_sqlite3.node'), 'mac build');
      afterPack.placeElectronSqlite({ appOutDir, electronPlatformName: 'darwin', packager }, { projectDir: join(temp.path, 'project'), electronVersion: '45.5.0', platform: 'darwin', arch: 'arm64' });
      expect(readFileSync(join(unpacked, ...addon), 'utf8')).toBe('mac build');
    } finally {
      temp.remove();
    }
  });

  it('fails the build, naming the fix, when no Electron build exists for the target', () => {
    const temp = makeTempDir('ck-after-pack-');
    try {
      const appOutDir = join(temp.path, 'dist', 'linux-arm64-unpacked');
      layout(temp.path, join(appOutDir, 'resources', 'app.asar.unpacked'));
      expect(() =>
        afterPack.placeElectronSqlite({ appOutDir, electronPlatformName: 'linux', packager }, { projectDir: join(temp.path, 'project'), electronVersion: '45.5.0', platform: 'linux', arch: 'arm64' }),
      ).toThrow(/electron-45\.5\.0-linux-arm64.*scripts\/electron-native\.mjs/s);
      expect(readFileSync(join(appOutDir, 'resources', 'app.asar.unpacked', ...addon), 'utf8')).toBe('node build');
    } finally {
      temp.remove();
    }
  });
});
