import { foldChar, HAN_DIGITS, isHan } from './char-fold';
import { decodeText, sourceEnd, sourceStart, type Mapped } from './encoded-text';

/**
 * Text as the scrubber's matcher reads it. Encodings are undone
 * (encoded-text.ts), every character is folded (char-fold.ts), and the
 * result is read as a stream of letters and digits in which separators only
 * leave a gap: so "Zhang, Jian-guo", "Z H A N G  J I A N G U O" and
 * "zhangjianguo@163.com" all hold the letters "zhangjianguo". A second
 * stream holds the digits, with numbers written in Chinese numerals or with
 * the letter O for zero read as digits. Every unit remembers where it came
 * from, so a match is cut out of the original text.
 */

/** Folded text, each unit mapped to the span of the original it came from (the same shape as decoded text). */
export type Folded = Mapped;

/** Folds text for matching, keeping for each folded unit the span of the original it came from. */
export function fold(text: string): Folded {
  const decoded = decodeText(text);
  const out: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let offset = 0;
  for (const char of decoded.text) {
    const folded = foldChar(char);
    const from = sourceStart(decoded, offset, text.length);
    const to = sourceEnd(decoded, offset + char.length - 1, text.length);
    for (let i = 0; i < folded.length; i += 1) {
      start.push(from);
      end.push(to);
    }
    out.push(folded);
    offset += char.length;
  }
  return { text: out.join(''), start, end };
}

export function foldString(text: string): string {
  return fold(text).text;
}

const ALNUM = /[\p{L}\p{N}]/u;

/** The letters and digits of a value, folded, without separators: how a form is written down. */
export function compactOf(text: string): string {
  let s = '';
  for (const c of foldString(text)) if (ALNUM.test(c)) s += c;
  return s;
}

/** The class of a character for word boundaries: a change from letters to digits or between scripts is a boundary. */
export function charClass(c: string): number {
  if (c >= '0' && c <= '9') return 1;
  if (c >= 'a' && c <= 'z') return 2;
  if (isHan(c)) return 3;
  if (/\p{sc=Arabic}/u.test(c)) return 4;
  if (/\p{N}/u.test(c)) return 1;
  return 5;
}

export interface Streams {
  folded: Folded;
  /** Letters and digits of the folded text, without separators. */
  s: string;
  /** For each unit of `s`: its index in the folded text. */
  pos: number[];
  /** For each unit of `s`: how many folded units of separators stand before it (Infinity at the start). */
  gap: number[];
  /** Runs of digits (incl. numerals written otherwise), each unit with its index in `s`. */
  digitRuns: Array<{ digits: string; at: number[] }>;
}

const DIGITISH_LETTERS: Readonly<Record<string, string>> = { o: '0', l: '1' };

export function streamsOf(text: string, maxDigitGap: number): Streams {
  const folded = fold(text);
  let s = '';
  const pos: number[] = [];
  const gap: number[] = [];
  let sinceLast = Number.POSITIVE_INFINITY;
  for (let i = 0; i < folded.text.length; ) {
    const cp = folded.text.codePointAt(i)!;
    const c = String.fromCodePoint(cp);
    if (ALNUM.test(c)) {
      for (let k = 0; k < c.length; k += 1) {
        s += c[k];
        pos.push(i + k);
        gap.push(k === 0 ? sinceLast : 0);
      }
      sinceLast = 0;
    } else {
      sinceLast += c.length;
    }
    i += c.length;
  }
  return { folded, s, pos, gap, digitRuns: digitRunsOf(s, gap, maxDigitGap) };
}

/**
 * Digits as people write phone and ID numbers: grouped with any separators,
 * in Chinese numerals ("一三八"), or with the letter O for zero and l for one
 * inside a token that is otherwise a number ("138OO138OOO").
 */
function digitRunsOf(s: string, gap: readonly number[], maxGap: number): Streams['digitRuns'] {
  const value: Array<string | null> = new Array<string | null>(s.length).fill(null);
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') value[i] = c;
    else if (HAN_DIGITS[c] !== undefined) value[i] = HAN_DIGITS[c];
  }
  // Letters that stand for digits: only inside a gapless token made of digits and such letters.
  for (let i = 0; i < s.length; ) {
    let j = i + 1;
    while (j < s.length && gap[j] === 0) j += 1;
    let digits = 0;
    let ok = j - i >= 2;
    for (let k = i; k < j && ok; k += 1) {
      if (s[k]! >= '0' && s[k]! <= '9') digits += 1;
      else if (DIGITISH_LETTERS[s[k]!] === undefined) ok = false;
    }
    if (ok && digits >= 1) for (let k = i; k < j; k += 1) value[k] ??= DIGITISH_LETTERS[s[k]!]!;
    i = j;
  }
  const runs: Streams['digitRuns'] = [];
  let current: Streams['digitRuns'][number] | null = null;
  for (let i = 0; i < s.length; i += 1) {
    const d = value[i];
    if (d === null || d === undefined) {
      current = null;
      continue;
    }
    if (!current || gap[i]! > maxGap) {
      current = { digits: '', at: [] };
      runs.push(current);
    }
    current.digits += d;
    current.at.push(i);
  }
  return runs;
}
