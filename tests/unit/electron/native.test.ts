import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeFolder, findNativeBinding } from '../../../electron/main/native';

describe('the Electron build of the SQLite addon', () => {
  const facts = { projectRoot: '/src/casekeeper', electronVersion: '45.5.0', platform: 'linux', arch: 'x64' };

  it('comes from .native/ in development when it was built', () => {
    const seen: string[] = [];
    const found = findNativeBinding({ ...facts, isPackaged: false, exists: (file) => (seen.push(file), true) });
    expect(found).toBe(join('/src/casekeeper', '.native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node'));
    expect(seen).toEqual([found]);
  });

  it('is left to the default lookup when missing, and always when packaged', () => {
    expect(findNativeBinding({ ...facts, isPackaged: false, exists: () => false })).toBeUndefined();
    expect(findNativeBinding({ ...facts, isPackaged: true, exists: () => true })).toBeUndefined();
  });

  it('is written by scripts/electron-native.mjs to the same folder name', () => {
    const script = readFileSync(join(__dirname, '../../../scripts/electron-native.mjs'), 'utf8');
    expect(script).toContain('`electron-${electronVersion}-${process.platform}-${process.arch}`');
    expect(electronNativeFolder('45.5.0', 'linux', 'x64')).toBe('electron-45.5.0-linux-x64');
  });
});
