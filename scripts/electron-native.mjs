#!/usr/bin/env node
// Builds better-sqlite3-multiple-ciphers against Electron's ABI into .native/
// (run by `npm start` before `electron-vite dev`). node_modules keeps its Node
// build, so `npm test`, the CLI and the browser test host keep working.
// The folder name must match electron/main/native.ts.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modulePackage = 'better-sqlite3-multiple-ciphers';
// Read the version from package.json: require('electron') would try to download the binary.
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const targetDir = join(root, '.native', `electron-${electronVersion}-${process.platform}-${process.arch}`);
const target = join(targetDir, 'better_sqlite3.node');

if (existsSync(target)) process.exit(0);

console.log(`Building ${modulePackage} for Electron ${electronVersion} (once; the result is kept in .native/)…`);
const work = mkdtempSync(join(tmpdir(), 'casekeeper-native-'));
try {
  const installed = realpathSync(join(root, 'node_modules', modulePackage));
  const source = join(work, modulePackage);
  // A real copy (never a link back into node_modules), without the Node build.
  cpSync(installed, source, { recursive: true, dereference: true, filter: (file) => file !== join(installed, 'build') });
  const result = spawnSync(
    process.execPath,
    [
      nodeGyp(),
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
      // Electron's headers in their own cache, apart from Node's.
      `--devdir=${join(homedir(), '.electron-gyp')}`,
    ],
    { cwd: source, stdio: 'inherit' },
  );
  const built = join(source, 'build', 'Release', 'better_sqlite3.node');
  if (result.status !== 0 || !existsSync(built)) throw new Error(result.error?.message ?? `node-gyp exited with ${result.status}`);
  mkdirSync(targetDir, { recursive: true });
  cpSync(built, target);
  console.log(`Done: ${target}`);
} catch (error) {
  console.error(`
Could not build ${modulePackage} for Electron ${electronVersion}: ${error instanceof Error ? error.message : String(error)}

This step needs, once per Electron version:
  - internet access to download Electron's headers from https://electronjs.org/headers
  - a C/C++ toolchain and Python 3 (Debian/Ubuntu: sudo apt-get install build-essential python3;
    macOS: xcode-select --install; Windows: Visual Studio Build Tools with "Desktop development with C++")
Fix that and run \`npm start\` again (or \`node scripts/electron-native.mjs\`).
Tests, the CLI and the browser host (npm test, npx casekeeper, npm run dev:browser) do not need it.
`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** npm's own node-gyp when run from an npm script, else the project's copy. */
function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  return createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
}
