import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where better-sqlite3-multiple-ciphers' addon built for Electron's ABI lives.
 *
 * node_modules keeps the Node build (tests, the CLI and the browser test host
 * need it). In development `scripts/electron-native.mjs` builds a second copy
 * against Electron's headers into .native/; a packaged app has none because
 * build/after-pack.cjs puts that copy into app.asar.unpacked in place of the
 * Node build, so the default lookup works.
 */
export interface NativeBindingFacts {
  isPackaged: boolean;
  /** The folder holding package.json (app.getAppPath() in development). */
  projectRoot: string;
  electronVersion: string;
  platform: string;
  arch: string;
  exists?: (file: string) => boolean;
}

/** Keep in step with scripts/electron-native.mjs, which writes this folder. */
export function electronNativeFolder(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export function findNativeBinding(facts: NativeBindingFacts): string | undefined {
  if (facts.isPackaged) return undefined;
  const file = join(facts.projectRoot, '.native', electronNativeFolder(facts.electronVersion, facts.platform, facts.arch), 'better_sqlite3.node');
  return (facts.exists ?? existsSync)(file) ? file : undefined;
}
