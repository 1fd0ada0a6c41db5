import { jsonPath } from './format';

/** One thing wrong with a file's text, at its JSON path. */
export interface JsonTextProblem {
  path: string;
  message: string;
}

export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; problems: JsonTextProblem[] };

/** Deeper than any Casekeeper document; a deeper file is refused rather than risking the stack. */
const MAX_DEPTH = 256;

class SyntaxProblem extends Error {}

/**
 * Parses JSON bytes the way an import must: every string has to be valid
 * UTF-8 (a decoder would silently turn broken bytes into U+FFFD, changing a
 * name or a note without a word) and no object may name a field twice (JSON
 * readers disagree on which one counts; JSON.parse keeps the last). Each
 * problem is reported at its JSON path. A UTF-8 byte-order mark is allowed.
 */
export function parseStrictJson(bytes: Uint8Array): StrictJsonResult {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const scanner = new Scanner(body);
  try {
    scanner.document();
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    // Broken syntax: JSON.parse below says where, in its own words.
  }
  if (scanner.problems.length > 0) return { ok: false, problems: scanner.problems };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8').decode(body)) };
  } catch (error) {
    return { ok: false, problems: [{ path: '$', message: `The file is not valid JSON (${(error as Error).message}).` }] };
  }
}

type Segment = string | number;

class Scanner {
  readonly problems: JsonTextProblem[] = [];
  private pos = 0;
  private readonly strict = new TextDecoder('utf-8', { fatal: true });
  private readonly lenient = new TextDecoder('utf-8');

  constructor(private readonly bytes: Uint8Array) {}

  document(): void {
    this.value([], 0);
  }

  private value(path: Segment[], depth: number): void {
    if (depth > MAX_DEPTH) {
      this.problems.push({ path: jsonPath(path), message: `Nested more than ${MAX_DEPTH} levels deep; a Casekeeper export never is.` });
      throw new SyntaxProblem();
    }
    this.skipSpace();
    switch (this.bytes[this.pos]) {
      case 0x7b: // {
        this.object(path, depth);
        return;
      case 0x5b: // [
        this.array(path, depth);
        return;
      case 0x22: // "
        this.string(path, 'value');
        return;
      default:
        this.scalar();
    }
  }

  private object(path: Segment[], depth: number): void {
    this.pos += 1;
    const seen = new Set<string>();
    this.skipSpace();
    if (this.bytes[this.pos] === 0x7d) {
      this.pos += 1;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.bytes[this.pos] !== 0x22) throw new SyntaxProblem();
      const key = this.string(path, 'key');
      const here = [...path, key];
      if (seen.has(key)) {
        this.problems.push({ path: jsonPath(here), message: 'This field appears twice in the same object. Readers disagree on which one counts, so keep only one.' });
      }
      seen.add(key);
      this.skipSpace();
      if (this.bytes[this.pos] !== 0x3a) throw new SyntaxProblem();
      this.pos += 1;
      this.value(here, depth + 1);
      this.skipSpace();
      const next = this.bytes[this.pos];
      this.pos += 1;
      if (next === 0x2c) continue;
      if (next === 0x7d) return;
      throw new SyntaxProblem();
    }
  }

  private array(path: Segment[], depth: number): void {
    this.pos += 1;
    this.skipSpace();
    if (this.bytes[this.pos] === 0x5d) {
      this.pos += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      this.value([...path, index], depth + 1);
      this.skipSpace();
      const next = this.bytes[this.pos];
      this.pos += 1;
      if (next === 0x2c) continue;
      if (next === 0x5d) return;
      throw new SyntaxProblem();
    }
  }

  /** Reads a string (the cursor is on its opening quote); a key comes back with its escapes resolved, so "a" and "\u0061" are the same field. */
  private string(path: Segment[], role: 'key' | 'value'): string {
    const start = this.pos + 1;
    let end = start;
    while (end < this.bytes.length && this.bytes[end] !== 0x22) end += this.bytes[end] === 0x5c ? 2 : 1;
    if (end >= this.bytes.length) throw new SyntaxProblem();
    this.pos = end + 1;
    const raw = this.bytes.subarray(start, end);
    let text: string;
    try {
      text = this.strict.decode(raw);
    } catch {
      text = this.lenient.decode(raw);
      this.problems.push({
        path: jsonPath(path),
        message:
          role === 'key'
            ? 'A field name here is not valid UTF-8 text. Save the file as UTF-8 and export it again.'
            : 'This text is not valid UTF-8: some bytes would be lost or replaced. Save the file as UTF-8 and export it again.',
      });
    }
    if (role === 'value') return text;
    try {
      return JSON.parse(`"${text}"`) as string;
    } catch {
      throw new SyntaxProblem();
    }
  }

  private scalar(): void {
    while (this.pos < this.bytes.length) {
      const byte = this.bytes[this.pos]!;
      if (byte === 0x2c || byte === 0x5d || byte === 0x7d || isSpace(byte)) return;
      this.pos += 1;
    }
  }

  private skipSpace(): void {
    while (this.pos < this.bytes.length && isSpace(this.bytes[this.pos]!)) this.pos += 1;
  }
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}
