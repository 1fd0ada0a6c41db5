import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { Minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

/**
 * A native library left inside app.asar cannot be loaded: the packaged app's
 * main process dies at start (ERR_DLOPEN_FAILED). This reads electron-builder.yml
 * and the installed production dependency tree and fails when any .node, .so,
 * .dylib or .dll file would be packed into the archive. electron-builder's own
 * "smart unpack" guess is not relied on: it misses versioned libraries such as
 * sharp's libvips-cpp.so.8.x, so every native file must be named by asarUnpack.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

interface BuilderConfig {
  files?: string[];
  asar?: boolean;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  afterPack?: string;
}

const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

const NATIVE = /\.(node|dylib|dll)$|\.so(\.\d+)*$/;

/**
 * Ordered include/exclude matching as electron-builder applies `files` and
 * `asarUnpack` (app-builder-lib util/filter.js): minimatch with dot files on,
 * a later pattern overrides an earlier one, a leading `!` excludes.
 */
function matchesAll(path: string, patterns: readonly string[], initial = false): boolean {
  let match = initial;
  for (const pattern of patterns) {
    const matcher = new Minimatch(pattern, { dot: true });
    if (match !== matcher.negate) continue;
    match = matcher.match(path);
  }
  return match;
}

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Node's lookup: the nearest node_modules/<name> from the requiring package's folder upwards. */
function resolvePackage(name: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir || dir === dirname(root)) return null;
  }
}

/**
 * Every installed production package (dependencies and the optional ones this
 * platform installed, e.g. @img/sharp-linux-x64), as folder → path in the app
 * ("node_modules/@img/sharp-linux-x64").
 */
function productionPackages(): Map<string, string> {
  const found = new Map<string, string>();
  const queue: string[] = [root];
  while (queue.length > 0) {
    const dir = queue.shift()!;
    const manifest = readPackage(dir);
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const resolved = resolvePackage(name, dir);
      if (resolved === null) {
        if (manifest.optionalDependencies?.[name] !== undefined) continue; // another platform's package
        throw new Error(`${manifest.name} depends on ${name}, which is not installed: run npm ci`);
      }
      if (found.has(resolved)) continue;
      found.set(resolved, resolved.slice(root.length).split('\\').join('/'));
      queue.push(resolved);
    }
  }
  return found;
}

/** Native files of one package, its own nested node_modules aside (they are packages of their own). */
function nativeFiles(dir: string, prefix: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // electron-builder never copies build/Release/obj.target or .deps (NodeModuleCopyHelper).
    if (entry.name === 'node_modules' || entry.name === 'obj.target' || entry.name === '.deps') continue;
    const path = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...nativeFiles(join(dir, entry.name), path));
    else if (NATIVE.test(entry.name)) files.push(path);
  }
  return files;
}

/** Would this file end up inside app.asar: shipped (not excluded by `files`) and not unpacked. */
function packedInsideAsar(path: string, builder: BuilderConfig): boolean {
  // Production node_modules are copied unless a `files` pattern excludes them.
  const shipped = matchesAll(path, builder.files ?? [], true);
  return shipped && builder.asar !== false && !matchesAll(path, builder.asarUnpack ?? []);
}

const installed = [...productionPackages()].flatMap(([dir, path]) => nativeFiles(dir, path));

// What the other platforms install instead (only this machine's optional packages are present).
const OTHER_PLATFORMS = [
  'node_modules/@img/sharp-darwin-arm64/lib/sharp-darwin-arm64.node',
  'node_modules/@img/sharp-libvips-darwin-arm64/lib/libvips-cpp.8.18.7.dylib',
  'node_modules/@img/sharp-darwin-x64/lib/sharp-darwin-x64.node',
  'node_modules/@img/sharp-libvips-darwin-x64/lib/libvips-cpp.8.18.7.dylib',
  'node_modules/@img/sharp-win32-x64/lib/sharp-win32-x64.node',
  'node_modules/@img/sharp-win32-x64/lib/libvips-42.dll',
  'node_modules/@img/sharp-win32-x64/lib/libvips-cpp-8.18.7.dll',
  'node_modules/@img/sharp-linux-arm64/lib/sharp-linux-arm64.node',
  'node_modules/@img/sharp-libvips-linux-arm64/lib/libvips-cpp.so.8.18.7',
  'node_modules/@img/sharp-linuxmusl-x64/lib/sharp-linuxmusl-x64.node',
  'node_modules/@img/sharp-libvips-linuxmusl-x64/lib/libvips-cpp.so.8.18.7',
  'node_modules/@node-rs/argon2-win32-x64-msvc/argon2.win32-x64-msvc.node',
  'node_modules/@node-rs/argon2-darwin-arm64/argon2.darwin-arm64.node',
  'node_modules/@napi-rs/canvas-win32-x64-msvc/skia.win32-x64-msvc.node',
  'node_modules/@napi-rs/canvas-darwin-arm64/skia.darwin-arm64.node',
];

describe('the packaged app can load its native libraries', () => {
  it('finds the native parts this machine installed: SQLCipher, sharp with libvips, Argon2', () => {
    const text = installed.join('\n');
    expect(text).toMatch(/node_modules\/better-sqlite3-multiple-ciphers\/build\/Release\/better_sqlite3\.node/);
    expect(text).toMatch(/node_modules\/@img\/sharp-[^/]+\/lib\/[^/]+\.node/);
    expect(text).toMatch(/node_modules\/@img\/sharp-libvips-[^/]+\/lib\/libvips-cpp\./);
    expect(text).toMatch(/node_modules\/@node-rs\/argon2-[^/]+\/[^/]+\.node/);
  });

  it('leaves no .node, .so, .dylib or .dll file inside app.asar, on this platform or another', () => {
    expect(config.asar).toBe(true);
    const packed = [...installed, ...OTHER_PLATFORMS].filter((path) => packedInsideAsar(path, config));
    expect(packed).toEqual([]);
  });

  it('would catch the configuration that only unpacked *.node files (libvips stayed in the archive)', () => {
    const before: BuilderConfig = { ...config, asarUnpack: ['**/*.node'] };
    const packed = [...installed, ...OTHER_PLATFORMS].filter((path) => packedInsideAsar(path, before));
    expect(packed).toContain('node_modules/@img/sharp-libvips-darwin-arm64/lib/libvips-cpp.8.18.7.dylib');
    expect(packed).toContain('node_modules/@img/sharp-libvips-linux-arm64/lib/libvips-cpp.so.8.18.7');
    expect(packed).toContain('node_modules/@img/sharp-win32-x64/lib/libvips-42.dll');
  });

  it('does not ship the SQLite test extension or the C sources', () => {
    for (const path of [
      'node_modules/better-sqlite3-multiple-ciphers/build/Release/test_extension.node',
      'node_modules/better-sqlite3-multiple-ciphers/deps/sqlite3/sqlite3.c',
      'node_modules/better-sqlite3-multiple-ciphers/src/better_sqlite3.cpp',
      'node_modules/better-sqlite3-multiple-ciphers/build/Release/obj/gen/sqlite3/sqlite3.c',
      'node_modules/better-sqlite3-multiple-ciphers/build/deps/sqlite3.Makefile',
    ]) {
      expect(matchesAll(path, config.files ?? [], true), path).toBe(false);
    }
    expect(matchesAll('node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node', config.files ?? [], true)).toBe(true);
    expect(matchesAll('node_modules/better-sqlite3-multiple-ciphers/lib/database.js', config.files ?? [], true)).toBe(true);
  });

  it('keeps node_modules on its Node build: no in-place rebuild; the Electron build of SQLCipher goes in after packing', () => {
    // npmRebuild would rebuild node_modules in place for Electron and break `npm test` and the CLI afterwards.
    expect(config.npmRebuild).toBe(false);
    expect(config.afterPack).toBe('build/after-pack.cjs');
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(packageJson.scripts.package).toMatch(/^node scripts\/electron-native\.mjs && /);
  });
});
