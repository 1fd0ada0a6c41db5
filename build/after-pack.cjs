// electron-builder afterPack hook: flips Electron's fuses in the packaged
// binary before it is signed, switching off ways to run the app as something
// else (plain Node, an inspector, code from outside app.asar).
const path = require('node:path');

/** The file @electron/fuses patches; a macOS .app bundle is resolved by the library. */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return path.join(appOutDir, packager.executableName);
    default:
      throw new Error(`after-pack: no Electron executable known for platform "${electronPlatformName}"`);
  }
}

/** Every fuse is named, so an Electron upgrade that adds one fails here instead of passing silently. */
function fuseConfig({ FuseVersion, FuseV1Options }, { electronPlatformName, arch }) {
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    // Flipping fuses breaks the ad-hoc signature of an unsigned Apple-silicon build; re-sign it.
    resetAdHocDarwinSignature: electronPlatformName === 'darwin' && (arch === 'arm64' || arch === 'universal'),
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    // Electron's default; kept on (it makes WebAssembly memory bugs harder to exploit).
    [FuseV1Options.WasmTrapHandlers]: true,
  };
}

/** electron-builder's Arch enum (ia32 0, x64 1, armv7l 2, arm64 3, universal 4) as a name. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

async function afterPack(context) {
  const fuses = await import('@electron/fuses'); // ESM-only package
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  await fuses.flipFuses(executablePath(context), fuseConfig(fuses, { electronPlatformName: context.electronPlatformName, arch }));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.executablePath = executablePath;
module.exports.fuseConfig = fuseConfig;
