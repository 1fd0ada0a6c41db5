import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { encodingsOf } from './temp';

/**
 * Canary scanning for the "no plaintext at rest" end-to-end test, built on
 * encodingsOf (UTF-8, UTF-16LE/BE; NFC, NFD, NFKC) from temp.ts, which it
 * extends without changing: NFKD, JSON \u escapes, percent-encoding and
 * base64 at every byte alignment are added, because a browser profile keeps
 * text in all of those (URLs, JSON prefs, LevelDB, HTTP cache bodies).
 */

/** Every byte pattern in which `text` can sit in a file. */
export function allEncodingsOf(text: string): Buffer[] {
  const out = [...encodingsOf(text)];
  const nfkd = text.normalize('NFKD');
  out.push(Buffer.from(nfkd, 'utf8'), Buffer.from(nfkd, 'utf16le'));
  for (const form of new Set([text, text.normalize('NFD')])) {
    const utf8 = Buffer.from(form, 'utf8');
    // JSON with non-ASCII escaped (as many serialisers write it), in both hex cases.
    const jsonEscape = (upper: boolean) =>
      Array.from(form)
        .flatMap((ch) => {
          const code = ch.codePointAt(0)!;
          if (code < 0x80) return [ch];
          const units = code > 0xffff ? [ch.charCodeAt(0), ch.charCodeAt(1)] : [code];
          return units.map((unit) => `\\u${upper ? unit.toString(16).padStart(4, '0').toUpperCase() : unit.toString(16).padStart(4, '0')}`);
        })
        .join('');
    out.push(Buffer.from(jsonEscape(false)), Buffer.from(jsonEscape(true)));
    // Percent-encoding, as in URLs and some browser stores.
    const percent = [...utf8].map((b) => (isUnreserved(b) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
    out.push(Buffer.from(percent), Buffer.from(percent.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())));
    // Base64 at each of the three byte alignments: only the characters that depend on the text alone.
    for (const bytes of [utf8, Buffer.from(form, 'utf16le')]) out.push(...base64Cores(bytes));
  }
  const unique = new Map<string, Buffer>();
  for (const buffer of out) if (buffer.length >= 6) unique.set(buffer.toString('hex'), buffer);
  return [...unique.values()];
}

function isUnreserved(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || [0x2d, 0x2e, 0x5f, 0x7e].includes(byte);
}

function base64Cores(bytes: Buffer): Buffer[] {
  const cores: Buffer[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Groups of 3 bytes that lie wholly inside the text (they start at a multiple of 3 ≥ offset).
    const first = offset === 0 ? 0 : 3;
    const last = Math.floor((offset + bytes.length) / 3) * 3;
    if (last - first >= 6) cores.push(Buffer.from(encoded.slice((first / 3) * 4, (last / 3) * 4)));
  }
  return cores;
}

export interface CanarySet {
  /** Per field: the value typed into it (Latin, Chinese and Arabic tokens separated by spaces). */
  values: Record<string, string>;
  /** Every token, to say exactly which one leaked. */
  tokens: string[];
  /** Short run-specific prefixes that every token starts with: scanning for these finds any token, fast. */
  prefixes: string[];
}

const pick = (from: number, count: number, bytes: Buffer) => Array.from(bytes.subarray(0, count), (b) => String.fromCodePoint(from + (b % 26))).join('');

/**
 * Unique canaries per field, made at run time (never in source or a
 * transform cache). Each field gets a Latin token with diacritics (so NFD
 * differs), a Chinese and an Arabic token; all tokens of one script share a
 * random run prefix, so one scan for three prefixes covers every field.
 */
export function makeFieldCanaries(fields: readonly string[]): CanarySet {
  const run = randomBytes(4).toString('hex');
  const latinPrefix = `Çanarÿ${run}`;
  const chinesePrefix = pick(0x4e00 + (randomBytes(1)[0]! % 200) * 100, 4, randomBytes(4));
  const arabicPrefix = `ك${pick(0x0628, 4, randomBytes(4))}`;
  const values: Record<string, string> = {};
  const tokens: string[] = [];
  for (const field of fields) {
    const id = randomBytes(4).toString('hex');
    const latin = `${latinPrefix}-${field}-${id}`;
    const chinese = `${chinesePrefix}${pick(0x4e00 + (randomBytes(1)[0]! % 200) * 100, 5, randomBytes(5))}`;
    const arabic = `${arabicPrefix}${pick(0x0628, 5, randomBytes(5))}`;
    values[field] = `${latin} ${chinese} ${arabic}`;
    tokens.push(latin, chinese, arabic);
  }
  return { values, tokens, prefixes: [latinPrefix, chinesePrefix, arabicPrefix] };
}

export interface FileState {
  mtimeMs: number;
  size: number;
  ino: number;
}

/** mtime, size and inode of every file under the roots, to tell later which ones a test created or changed. */
export function fileStates(roots: readonly string[], skip: readonly string[] = []): Map<string, FileState> {
  const states = new Map<string, FileState>();
  walk(roots, skip, (path, stat) => states.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, ino: stat.ino }));
  return states;
}

/** Files under the roots that are new or changed since `before`. */
export function changedFiles(roots: readonly string[], before: Map<string, FileState>, skip: readonly string[] = []): string[] {
  const changed: string[] = [];
  walk(roots, skip, (path, stat) => {
    const was = before.get(path);
    if (!was || was.mtimeMs !== stat.mtimeMs || was.size !== stat.size || was.ino !== stat.ino) changed.push(path);
  });
  return changed;
}

function walk(roots: readonly string[], skip: readonly string[], visit: (path: string, stat: Stats) => void): void {
  const seen = new Set<string>();
  const go = (path: string): void => {
    if (seen.has(path) || skip.some((s) => path === s || path.startsWith(`${s}/`))) return;
    seen.add(path);
    let stat: Stats;
    try {
      stat = statSync(path, { throwIfNoEntry: false }) as Stats;
    } catch {
      return;
    }
    if (!stat) return;
    if (stat.isDirectory()) {
      let entries: string[] = [];
      try {
        entries = readdirSync(path);
      } catch {
        return;
      }
      for (const name of entries) go(join(path, name));
    } else if (stat.isFile()) {
      visit(path, stat);
    }
  };
  for (const root of roots) go(root);
}

export interface Leak {
  file: string;
  /** The canary tokens found in it (or the prefix, when only part of a token is there). */
  found: string[];
}

/**
 * Reads each file (up to maxBytes) and reports the canaries in it, in any
 * encoding of allEncodingsOf. The prefixes find a hit; the tokens name it.
 */
export function scanFiles(files: readonly string[], canaries: CanarySet, maxBytes = 512 * 1024 * 1024): Leak[] {
  const prefixPatterns = canaries.prefixes.flatMap((prefix) => allEncodingsOf(prefix).map((bytes) => ({ prefix, bytes })));
  const leaks: Leak[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      const stat = statSync(file);
      if (!stat.isFile() || stat.size > maxBytes) continue;
      bytes = readFileSync(file);
    } catch {
      continue; // vanished or unreadable: nothing to read
    }
    const prefixes = new Set(prefixPatterns.filter((p) => bytes.includes(p.bytes)).map((p) => p.prefix));
    if (prefixes.size === 0) continue;
    const named = canaries.tokens.filter((token) => allEncodingsOf(token).some((pattern) => bytes.includes(pattern)));
    leaks.push({ file, found: named.length > 0 ? named : [...prefixes] });
  }
  return leaks;
}
