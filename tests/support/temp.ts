import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KDF_FLOOR } from '../../electron/services/vault/kdf';
import type { VaultDeps } from '../../electron/services/vault/vault.service';

/** Real Argon2id at the floor (64 MiB, one pass): the real code path, fast enough for tests. */
export const testVaultDeps: VaultDeps = { kdfParams: async () => KDF_FLOOR };

export function makeTempDir(prefix = 'ck-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Every file under `root` with its SHA-256, so a test can prove nothing changed. */
export function snapshotFiles(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(full, rel);
      else if (entry.isFile()) out[rel] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  const stat = statSync(root);
  if (stat.isDirectory()) walk(root, '');
  else out['.'] = createHash('sha256').update(readFileSync(root)).digest('hex');
  return out;
}

/** The byte patterns a string can take on disk: UTF-8, UTF-16 (both orders), and NFD. */
export function encodingsOf(text: string): Buffer[] {
  const forms = new Set([text, text.normalize('NFD'), text.normalize('NFKC')]);
  const out: Buffer[] = [];
  for (const form of forms) {
    out.push(Buffer.from(form, 'utf8'), Buffer.from(form, 'utf16le'));
    const be = Buffer.from(form, 'utf16le');
    be.swap16();
    out.push(be);
  }
  return out;
}

/**
 * Files under `roots` (recursively, up to `maxBytes` each) that contain any
 * canary in any encoding, optionally only files changed since `since`.
 */
export function findCanaries(roots: string[], canaries: string[], options: { since?: number; maxBytes?: number } = {}): string[] {
  const patterns = canaries.flatMap(encodingsOf);
  const hits: string[] = [];
  const visit = (path: string): void => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      let entries: string[] = [];
      try {
        entries = readdirSync(path);
      } catch {
        return;
      }
      for (const name of entries) visit(join(path, name));
      return;
    }
    if (!stat.isFile()) return;
    if (options.since !== undefined && stat.mtimeMs < options.since) return;
    if (stat.size > (options.maxBytes ?? 256 * 1024 * 1024)) return;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return;
    }
    if (patterns.some((p) => bytes.includes(p))) hits.push(path);
  };
  for (const root of roots) visit(root);
  return hits;
}

/**
 * Canary strings made at run time (so they never sit in test source or a
 * transform cache): one Latin with diacritics, one in Chinese script.
 */
export function makeCanaries(): { latin: string; chinese: string } {
  const hex = randomBytes(5).toString('hex');
  const cjk = Array.from(randomBytes(6), (b) => String.fromCodePoint(0x4e00 + b * 37)).join('');
  return { latin: `CANARY-Ayşegül-${hex}`, chinese: `金丝雀${cjk}` };
}
