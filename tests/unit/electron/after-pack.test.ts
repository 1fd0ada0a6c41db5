import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

interface Context {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
interface AfterPackModule {
  executablePath(context: Context): string;
  fuseConfig(fuses: { FuseVersion: typeof FuseVersion; FuseV1Options: typeof FuseV1Options }, target: { electronPlatformName: string; arch: string }): Record<string, unknown>;
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
