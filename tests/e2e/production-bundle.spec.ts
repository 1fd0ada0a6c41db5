import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * Runs after `npm run build` (no browser needed). The browser test host is a
 * development tool with its own loopback API; nothing of it may ship.
 */

const root = join(__dirname, '..', '..');
const out = join(root, 'out');
const TEST_HOST_TRACES = ['__casekeeper', 'ck-token', 'startTestHost', 'x-casekeeper-token', 'tests/host'];

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test.describe('the production bundle', () => {
  for (const part of ['main', 'preload', 'renderer']) {
    test(`out/${part} carries no trace of the browser test host`, () => {
      const folder = join(out, part);
      expect(existsSync(folder), `${relative(root, folder)} is missing: run \`npm run build\` first`).toBe(true);
      const files = filesUnder(folder);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const text = readFileSync(file, 'latin1');
        for (const trace of TEST_HOST_TRACES) {
          expect(text.includes(trace), `${relative(root, file)} contains "${trace}"`).toBe(false);
        }
      }
    });
  }

  test('the sandboxed preload requires nothing but electron', () => {
    const preload = readFileSync(join(out, 'preload', 'index.js'), 'utf8');
    const required = [...preload.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/\brequire\(\s*[^"'`\s]/); // no computed require(...)
  });

  test('electron-builder packs only out/ and package.json, never tests, scripts or local builds', () => {
    const config = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    const block = /^files:\s*\n((?:[ \t]+-.*\n?)+)/m.exec(config);
    expect(block, 'electron-builder.yml has a files: list').not.toBeNull();
    const patterns = block![1]!
      .split('\n')
      .map((line) => line.replace(/^\s*-\s*/, '').replace(/^["']|["']$/g, '').trim())
      .filter(Boolean);
    for (const pattern of patterns) {
      const excluded = pattern.startsWith('!');
      expect(excluded || pattern === 'package.json' || pattern.startsWith('out/'), `files entry "${pattern}"`).toBe(true);
      if (!excluded) expect(pattern).not.toMatch(/tests?\/|bench|scripts|\.native|tests\/host/);
    }
    expect(config).not.toMatch(/^\s*-\s*["']?tests/m);
    expect(config).toMatch(/^afterPack:\s*build\/after-pack\.cjs\s*$/m);
  });
});
