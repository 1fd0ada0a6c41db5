// electron-builder afterPack hook, before signing: puts the Electron build of
// better-sqlite3-multiple-ciphers into app.asar.unpacked (node_modules keeps
// its Node build: electron-builder.yml sets npmRebuild: false), then flips
// Electron's fuses, switching off ways to run the app as something else
// (plain Node, an inspector, code from outside app.asar).
const fs = require('node:fs');
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

/** The packaged app's resources folder (where app.asar and app.asar.unpacked live). */
function resourcesDir(context) {
  const { appOutDir, electronPlatformName } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(executablePath(context), 'Contents', 'Resources');
  return path.join(appOutDir, 'resources');
}

const SQLITE_ADDON = path.join('node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');

/**
 * Replaces the packed Node build of SQLCipher with the one scripts/electron-native.mjs
 * built against Electron's headers. Fails the build when that copy is missing
 * (a different platform or architecture than the machine that built it) rather
 * than ship an app whose vault cannot open.
 */
function placeElectronSqlite(context, { projectDir, electronVersion, platform, arch }) {
  // Keep in step with electronNativeFolder() in electron/main/native.ts.
  const built = path.join(projectDir, '.native', `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
  const target = path.join(resourcesDir(context), 'app.asar.unpacked', SQLITE_ADDON);
  if (!fs.existsSync(built)) {
    throw new Error(
      `after-pack: ${built} is missing. Run \`node scripts/electron-native.mjs\` on a ${platform}-${arch} machine first ` +
        '(`npm run package` does); better-sqlite3-multiple-ciphers must be built for Electron, not Node.',
    );
  }
  if (!fs.existsSync(target)) throw new Error(`after-pack: ${target} is missing: is better_sqlite3.node still unpacked from app.asar?`);
  fs.copyFileSync(built, target);
  return target;
}

async function afterPack(context) {
  const fuses = await import('@electron/fuses'); // ESM-only package
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const { projectDir } = context.packager;
  // Read the version from package.json: require('electron') would try to download the binary.
  const electronVersion = JSON.parse(fs.readFileSync(path.join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  placeElectronSqlite(context, { projectDir, electronVersion, platform, arch });
  await fuses.flipFuses(executablePath(context), fuseConfig(fuses, { electronPlatformName: context.electronPlatformName, arch }));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.executablePath = executablePath;
module.exports.fuseConfig = fuseConfig;
module.exports.placeElectronSqlite = placeElectronSqlite;
