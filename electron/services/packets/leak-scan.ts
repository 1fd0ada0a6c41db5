import { foldChar, HAN_DIGITS, isHan } from './char-fold';
import { decodeText, sourceStart } from './encoded-text';
import { formsOf, type Form } from './identity-forms';
import { disclosedForms, type KeptOccurrence } from './scrub';
import type { SensitiveValue } from './sensitive-values';

/**
 * The last check before a packet is written, independent of the scrubber's
 * matcher: every text read back from the finished files is reduced to its
 * bare letters and digits (encodings undone, every character folded), and
 * every form of every withheld value is searched in it with the broadest
 * rules — no limit on what separates the letters, long forms anywhere,
 * numbers as digits-only windows across any grouping. A hit names the
 * file, the place in it, the value's label and the text around it.
 */

export interface ScannedText {
  file: string;
  field: string;
  text: string;
}

export interface LeakHit {
  file: string;
  field: string;
  label: string;
  count: number;
  /** The text where the first hit was found, as written in the file (a few characters around it). */
  excerpt: string;
}

export interface ScanOptions {
  /** Occurrences the caseworker kept as written (possible matches dismissed in the preview). */
  kept?: readonly KeptOccurrence[];
  /** Values the packet shows (a named perpetrator): a withheld form they share cannot be told apart and is not searched. */
  disclosed?: readonly SensitiveValue[];
}

interface Bare {
  /** Letters and digits only. */
  s: string;
  /** Whether a word starts / ends at each unit of `s`. */
  wordStart: boolean[];
  wordEnd: boolean[];
  /** Where each unit of `s` came from in the original text. */
  origin: number[];
  /** Digit runs (any separators of up to three characters between digits). */
  digits: Array<{ digits: string; origin: number[]; /** Joined to Latin letters without a separator ("b601225f" in a hash). */ inLetters: boolean }>;
}

const ALNUM = /[\p{L}\p{N}]/u;

function bare(text: string): Bare {
  const decoded = decodeText(text);
  let s = '';
  const wordStart: boolean[] = [];
  const wordEnd: boolean[] = [];
  const origin: number[] = [];
  const digitRuns: Bare['digits'] = [];
  let run: Bare['digits'][number] | null = null;
  let separators = Number.POSITIVE_INFINITY;
  let offset = 0;
  let previousClass = '';
  for (const char of decoded.text) {
    const source = sourceStart(decoded, offset, 0);
    offset += char.length;
    for (const c of foldChar(char)) {
      if (!ALNUM.test(c)) {
        separators += 1;
        if (s.length > 0) wordEnd[s.length - 1] = true;
        continue;
      }
      const cls = c >= '0' && c <= '9' ? 'd' : isHan(c) ? 'h' : 'l';
      const start = separators > 0 || cls !== previousClass;
      if (start && s.length > 0) wordEnd[s.length - 1] = true;
      for (let k = 0; k < c.length; k += 1) {
        s += c[k];
        wordStart.push(start && k === 0);
        wordEnd.push(false);
        origin.push(source);
      }
      const digit = c >= '0' && c <= '9' ? c : HAN_DIGITS[c];
      if (digit !== undefined) {
        if (!run || separators > 3) {
          run = { digits: '', origin: [], inLetters: separators === 0 && previousClass === 'l' };
          digitRuns.push(run);
        }
        run.digits += digit;
        run.origin.push(source);
      } else if (!/^[ol]$/.test(c) || !run) {
        if (run && separators === 0 && cls === 'l') run.inLetters = true;
        run = null;
      } else {
        // "138OO138OOO": the letters O and l between digits.
        run.digits += c === 'o' ? '0' : '1';
        run.origin.push(source);
      }
      separators = 0;
      previousClass = cls;
    }
  }
  if (s.length > 0) wordEnd[s.length - 1] = true;
  return { s, wordStart, wordEnd, origin, digits: digitRuns };
}

interface Probe {
  s: string;
  /** A form of a person's name (not a number, address or contact detail). */
  name: boolean;
  digits: boolean;
  anywhere: boolean;
  index: number;
}

function probesOf(withheld: readonly SensitiveValue[], shared: ReadonlySet<string>): Probe[] {
  const probes: Probe[] = [];
  withheld.forEach((v, index) => {
    const forms: Form[] = formsOf(v.kind, v.value);
    for (const f of forms) {
      if (shared.has(f.s)) continue;
      const han = [...f.s].some(isHan);
      probes.push({ s: f.s, name: v.kind === 'name', digits: f.stream === 'digits', anywhere: f.place === 'anywhere' || han || (f.s.length >= 8 && !f.partial && f.stream === 'text'), index });
    }
    // Digits-only window: a number, ID, handle or date with six or more digits, in any grouping.
    const digits = v.kind === 'address' || v.kind === 'name' ? '' : v.value.normalize('NFKC').replace(/\D/g, '');
    if (digits.length >= 6 && !shared.has(digits)) probes.push({ s: digits, name: false, digits: true, anywhere: true, index });
  });
  return probes;
}

function excerptOf(text: string, at: number): string {
  const from = Math.max(0, at - 20);
  const to = Math.min(text.length, at + 40);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

/** Ranges of `s` covered by occurrences the caseworker kept, per label. */
function keptRanges(b: Bare, kept: readonly KeptOccurrence[]): Array<{ label: string; from: number; to: number }> {
  const ranges: Array<{ label: string; from: number; to: number }> = [];
  for (const k of kept) {
    if (k.context.length === 0) continue;
    for (let p = b.s.indexOf(k.context); p !== -1; p = b.s.indexOf(k.context, p + 1)) ranges.push({ label: k.label, from: p, to: p + k.context.length });
  }
  return ranges;
}

export function scanForLeaks(texts: readonly ScannedText[], withheld: readonly SensitiveValue[], options: ScanOptions = {}): LeakHit[] {
  const { shared, full } = disclosedForms(options.disclosed ?? []);
  const namedForms = [...new Set(full.map((f) => f.s))];
  const probes = probesOf(withheld, shared);
  const hits = new Map<string, LeakHit>();
  for (const t of texts) {
    if (t.text.length === 0) continue;
    const b = bare(t.text);
    const exempt = keptRanges(b, options.kept ?? []);
    // The full name of someone the packet names: a withheld value inside it ("alimjant" in "Alimjan Tursun") is their name, not a leak.
    const named: Array<[number, number]> = [];
    for (const form of namedForms) for (let p = b.s.indexOf(form); p !== -1; p = b.s.indexOf(form, p + 1)) named.push([p, p + form.length]);
    // Per label, the stretches of the original text that hit: several forms of one value at one place count once.
    const found = new Map<string, Array<[number, number]>>();
    const note = (index: number, from: number, to: number) => {
      const label = withheld[index]!.label;
      const list = found.get(label) ?? [];
      list.push([from, to]);
      found.set(label, list);
    };
    for (const probe of probes) {
      const label = withheld[probe.index]!.label;
      if (probe.digits) {
        for (const run of b.digits) {
          for (let p = run.digits.indexOf(probe.s); p !== -1; p = run.digits.indexOf(probe.s, p + 1)) {
            // A short number stands on its own: not inside a longer one, nor inside a token of letters and digits such as a hash.
            if (!probe.anywhere && (p > 0 || p + probe.s.length < run.digits.length || run.inLetters)) continue;
            note(probe.index, run.origin[p]!, run.origin[p + probe.s.length - 1]! + 1);
          }
        }
        continue;
      }
      for (let p = b.s.indexOf(probe.s); p !== -1; p = b.s.indexOf(probe.s, p + 1)) {
        const q = p + probe.s.length;
        if (!probe.anywhere && !(b.wordStart[p] && b.wordEnd[q - 1])) continue;
        if (exempt.some((r) => r.label === label && r.from <= p && q <= r.to)) continue;
        // As the scrubber does: the longer disclosed name wins over a contact detail that overlaps it, and over a shorter name inside it.
        if (named.some(([from, to]) => q - p < to - from && (probe.name ? from <= p && q <= to : from < q && p < to))) continue;
        note(probe.index, b.origin[p]!, b.origin[q - 1]! + 1);
      }
    }
    for (const [label, ranges] of found) {
      ranges.sort((x, y) => x[0] - y[0]);
      let count = 0;
      let end = -1;
      for (const [from, to] of ranges) {
        if (from >= end) count += 1;
        end = Math.max(end, to);
      }
      hits.set(`${t.file}\u0000${t.field}\u0000${label}`, { file: t.file, field: t.field, label, count, excerpt: excerptOf(t.text, ranges[0]![0]) });
    }
  }
  return [...hits.values()];
}
