/**
 * One normalisation for finding sensitive values in text, shared by the
 * scrubber and the leak scan so that the scan finds everything the scrubber
 * would have replaced. Text is folded code point by code point (compatibility
 * forms, diacritics, case, digits of other scripts), and every folded unit
 * remembers where it came from, so a match can be cut out of the original.
 */

/** How a value is looked for: 'text' as a sequence of letters and digits, 'phone' by its national digits. */
export type MatchKind = 'text' | 'phone';

export interface Matchable {
  value: string;
  kind: MatchKind;
}

/** A match in the original text, [start, end), of the value at `index` in the list given to compileMatchers. */
export interface Span {
  start: number;
  end: number;
  index: number;
}

export interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, where its source code point starts and ends in the original. */
  start: number[];
  end: number[];
}

/** Scripts written without spaces between words: names in them match anywhere, not only on word boundaries. */
const NO_SPACE_SCRIPTS = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}\\p{sc=Tibetan}';
const NO_SPACE = new RegExp(`[${NO_SPACE_SCRIPTS}]`, 'v');
/** A letter or digit that ends a word in a spaced script. */
const WORD_CHAR = `[[\\p{L}\\p{N}]--[${NO_SPACE_SCRIPTS}]]`;
/** Between the parts of a value, up to four spaces or punctuation marks ("Li  Wei", "li-wei", "LI.WEI", "liwei"). */
const SEPARATOR = '[^\\p{L}\\p{N}]{0,4}';
/** Letters that do not decompose under NFKD but are written without their stroke by many people. */
const LETTER_FOLDS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', ı: 'i', þ: 'th', ħ: 'h' };
const MIN_PHONE_DIGITS = 7;

const foldCache = new Map<string, string>();

function decimalDigit(codePoint: number): string | undefined {
  // Decimal digits come in runs of ten starting at zero; find this run's zero.
  let zero = codePoint;
  while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1)) && codePoint - zero < 9) zero -= 1;
  return String((codePoint - zero) % 10);
}

function foldCodePoint(char: string): string {
  const code = char.charCodeAt(0);
  // Plain ASCII is most of any packet: only upper case needs folding.
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : char;
  const cached = foldCache.get(char);
  if (cached !== undefined) return cached;
  let folded = char.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '');
  folded = folded.replace(/[ßæœøđłıþħ]/g, (c) => LETTER_FOLDS[c] ?? c);
  if (folded.length > 0 && /^\p{Nd}$/u.test(folded) && !/^[0-9]$/.test(folded)) folded = decimalDigit(folded.codePointAt(0)!) ?? folded;
  if (foldCache.size < 50_000) foldCache.set(char, folded);
  return folded;
}

/** Folds text for matching, keeping for each folded unit the span of the original it came from. */
export function fold(text: string): Folded {
  const out: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let offset = 0;
  for (const char of text) {
    const folded = foldCodePoint(char);
    for (let i = 0; i < folded.length; i += 1) {
      start.push(offset);
      end.push(offset + char.length);
    }
    out.push(folded);
    offset += char.length;
  }
  return { text: out.join(''), start, end };
}

export function foldString(text: string): string {
  return fold(text).text;
}

/**
 * The digit strings a phone number is matched by: its national significant
 * number in the forms people write it (with or without country code or trunk
 * zero), each at least seven digits long.
 */
export function phoneCandidates(value: string): string[] {
  const folded = foldString(value).trim();
  let digits = folded.replace(/[^0-9]/g, '');
  let international = folded.replace(/[^0-9+]/g, '').startsWith('+');
  if (digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  const candidates = new Set<string>();
  const add = (d: string) => {
    candidates.add(d);
    if (d.startsWith('0')) candidates.add(d.slice(1));
  };
  if (international) {
    // Without a numbering plan we do not know the country code's length (1–3 digits), so try each.
    for (let k = 1; k <= 3; k += 1) add(digits.slice(k));
  } else {
    add(digits);
  }
  return [...candidates].filter((d) => d.length >= MIN_PHONE_DIGITS).sort((a, b) => b.length - a.length);
}

export interface Matcher {
  index: number;
  kind: MatchKind;
  /** For 'text': the compiled pattern over folded text. */
  pattern?: RegExp;
  /** For 'phone': national digit strings. */
  digits?: string[];
}

/**
 * A pattern over folded text, or undefined when the value is too short to be
 * matched without replacing ordinary words (one letter or character).
 */
export function textPattern(value: string): RegExp | undefined {
  const tokens = foldString(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
  const chars = tokens.join('');
  if ([...chars].length < 2) return undefined;
  const parts = tokens.map((token) => {
    const cs = [...token];
    // Inside a word of a script without spaces, people still insert spaces between characters ("李 伟").
    return cs.map((c, i) => (i > 0 && NO_SPACE.test(c) && NO_SPACE.test(cs[i - 1]!) ? SEPARATOR : '') + escapeForClassFreeRegex(c)).join('');
  });
  const first = [...chars][0]!;
  const last = [...chars].at(-1)!;
  const before = NO_SPACE.test(first) ? '' : `(?<!${WORD_CHAR})`;
  const after = NO_SPACE.test(last) ? '' : `(?!${WORD_CHAR})`;
  return new RegExp(`${before}${parts.join(SEPARATOR)}${after}`, 'gv');
}

function escapeForClassFreeRegex(char: string): string {
  // Tokens hold only letters and digits, but escape defensively in case the classes above change.
  return /^[\p{L}\p{N}]+$/u.test(char) ? char : `\\u{${char.codePointAt(0)!.toString(16)}}`;
}

export function compileMatchers(values: readonly Matchable[]): Matcher[] {
  const matchers: Matcher[] = [];
  values.forEach((v, index) => {
    if (v.kind === 'phone') {
      const digits = phoneCandidates(v.value);
      if (digits.length > 0) matchers.push({ index, kind: 'phone', digits });
      // A phone number also matches as written, e.g. a handle that is a number with letters.
      const pattern = textPattern(v.value);
      if (pattern && /\p{L}/u.test(v.value)) matchers.push({ index, kind: 'text', pattern });
      return;
    }
    const pattern = textPattern(v.value);
    if (pattern) matchers.push({ index, kind: 'text', pattern });
  });
  return matchers;
}

const PHONE_SEPARATOR = /[\s\p{Pd}.()/\u00a0]/u;

interface DigitRun {
  /** Where the run starts in folded text, including a leading "+" or "(". */
  from: number;
  digits: string;
  positions: number[];
}

/** Runs of digits joined by at most three separators, as phone numbers are written. */
function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text[i]!)) {
      i += 1;
      continue;
    }
    let from = i;
    while (from > 0 && (text[from - 1] === '+' || text[from - 1] === '(') && i - from < 2) from -= 1;
    const run: DigitRun = { from, digits: '', positions: [] };
    let j = i;
    for (;;) {
      run.digits += text[j];
      run.positions.push(j);
      let k = j + 1;
      while (k < text.length && k - j <= 3 && PHONE_SEPARATOR.test(text[k]!)) k += 1;
      if (k < text.length && isDigit(text[k]!) && k - j <= 4) j = k;
      else break;
    }
    runs.push(run);
    i = j + 1;
  }
  return runs;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Every place in folded text where a matcher hits, in folded coordinates. */
function foldedHits(folded: string, matchers: readonly Matcher[]): Span[] {
  const hits: Span[] = [];
  let runs: DigitRun[] | undefined;
  for (const matcher of matchers) {
    if (matcher.kind === 'text' && matcher.pattern) {
      matcher.pattern.lastIndex = 0;
      for (const m of folded.matchAll(matcher.pattern)) hits.push({ start: m.index, end: m.index + m[0].length, index: matcher.index });
    } else if (matcher.kind === 'phone' && matcher.digits) {
      runs ??= digitRuns(folded);
      for (const run of runs) {
        for (const candidate of matcher.digits) {
          for (let p = run.digits.indexOf(candidate); p !== -1; p = run.digits.indexOf(candidate, p + 1)) {
            // Up to four digits before the national number are its country code or trunk prefix: cut them too.
            const start = p <= 4 ? run.from : run.positions[p]!;
            hits.push({ start, end: run.positions[p + candidate.length - 1]! + 1, index: matcher.index });
          }
        }
      }
    }
  }
  return hits;
}

/**
 * Non-overlapping matches of the values in `text`, in original coordinates,
 * ordered by position. Where matches overlap the longest wins, so "Li Wei"
 * is taken whole before "Li" could take part of it.
 */
export function findSpans(text: string, matchers: readonly Matcher[]): Span[] {
  if (text.length === 0 || matchers.length === 0) return [];
  const folded = fold(text);
  const spans = foldedHits(folded.text, matchers).map((h) => ({ start: folded.start[h.start]!, end: folded.end[h.end - 1]!, index: h.index }));
  spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Span[] = [];
  for (const span of spans) if (!taken.some((t) => span.start < t.end && t.start < span.end)) taken.push(span);
  return taken.sort((a, b) => a.start - b.start);
}
