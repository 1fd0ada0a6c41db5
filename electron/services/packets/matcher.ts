import { isHan } from './char-fold';
import { MAX_GAP, type Form } from './identity-forms';
import { charClass, streamsOf, type Streams } from './normalise';

/**
 * The scrubber's matcher: finds every form of every withheld value in a text
 * (normalise.ts streams), decides whether a match is certain or only
 * possible, and returns spans of the original text to replace.
 *
 * Possible matches — part of a name, a two-character Chinese name inside a
 * longer word (主张伟大复兴 for 张伟), or a name that a disclosed person
 * shares — are still replaced unless the caseworker has dismissed that very
 * occurrence in the preview; they are marked, so the preview can ask.
 */

export interface MatchSpan {
  start: number;
  end: number;
  /** Index of the value in the list given to compileMatcher. */
  index: number;
  rule: string;
  /** Why the match is only possible, or null when certain. */
  possible: string | null;
  /** The folded letters around the match: what identifies this occurrence when the caseworker decides on it. */
  context: string;
}

interface Needle {
  form: Form;
  index: number;
  /** Another reason this form is uncertain (a disclosed person has the same name). */
  shared: boolean;
}

export interface CompiledMatcher {
  byKey: Map<string, Needle[]>;
  digitNeedles: Needle[];
}

/** Characters that commonly stand next to a name in Chinese without forming a word with it. */
const HAN_NEIGHBOURS = new Set([
  ...'的地得和与跟同及或对向给被把让叫是在说也都已曾于称等之为由从将会要就又还却而但因他她它我你们这那谁吗呢吧啊了着过来去到见找问请诉告姓名先生士母父亲哥弟姐妹儿女妻夫叔伯姨舅姑婆爷奶孙侄甥家里中',
]);

export interface ValueForms {
  forms: readonly Form[];
  /** Compact forms that belong to a disclosed person too: matches of them are only possible. */
  sharedWith?: ReadonlySet<string>;
}

/** Index of a protected form: a disclosed full name that withheld matches must not cut into. */
const PROTECTED = -1;

export function compileMatcher(values: readonly ValueForms[], protectedForms: readonly Form[] = []): CompiledMatcher {
  const byKey = new Map<string, Needle[]>();
  const digitNeedles: Needle[] = [];
  const all: Array<{ forms: readonly Form[]; index: number; sharedWith?: ReadonlySet<string> }> = [
    ...values.map((v, index) => ({ ...v, index })),
    { forms: protectedForms, index: PROTECTED },
  ];
  all.forEach((v) => {
    const index = v.index;
    for (const form of v.forms) {
      const needle = { form, index, shared: v.sharedWith?.has(form.s) ?? false };
      if (form.stream === 'digits') {
        digitNeedles.push(needle);
        continue;
      }
      const key = form.s.slice(0, 2);
      const list = byKey.get(key) ?? [];
      list.push(needle);
      byKey.set(key, list);
    }
  });
  return { byKey, digitNeedles };
}

function boundaryBefore(st: Streams, i: number): boolean {
  return i === 0 || st.gap[i]! > 0 || charClass(st.s[i - 1]!) !== charClass(st.s[i]!);
}

function boundaryAfter(st: Streams, j: number): boolean {
  return j >= st.s.length || st.gap[j]! > 0 || charClass(st.s[j - 1]!) !== charClass(st.s[j]!);
}

function gapsWithin(st: Streams, i: number, j: number, max: number): boolean {
  for (let k = i + 1; k < j; k += 1) if (st.gap[k]! > max) return false;
  return true;
}

function contextOf(st: Streams, i: number, j: number): string {
  return st.s.slice(Math.max(0, i - 3), Math.min(st.s.length, j + 3));
}

/** A short Chinese name that forms a word with the characters beside it (主张伟大复兴): only a possible match. */
function insideHanWord(st: Streams, i: number, j: number): boolean {
  const left = i > 0 && st.gap[i] === 0 ? st.s[i - 1]! : '';
  const right = j < st.s.length && st.gap[j] === 0 ? st.s[j]! : '';
  return (left !== '' && isHan(left) && !HAN_NEIGHBOURS.has(left)) || (right !== '' && isHan(right) && !HAN_NEIGHBOURS.has(right));
}

function possibleReason(needle: Needle, st: Streams, i: number, j: number): string | null {
  if (needle.shared) return 'a disclosed person has the same name';
  if (needle.form.partial) return 'part of a name';
  const chars = [...needle.form.s];
  if (chars.length <= 2 && chars.every(isHan) && insideHanWord(st, i, j)) return 'inside a longer word';
  return null;
}

function toSpan(st: Streams, i: number, j: number, needle: Needle, possible: string | null): MatchSpan {
  const from = st.pos[i]!;
  const to = st.pos[j - 1]!;
  return { start: st.folded.start[from]!, end: st.folded.end[to]!, index: needle.index, rule: needle.form.rule, possible, context: contextOf(st, i, j) };
}

function textHits(st: Streams, matcher: CompiledMatcher, out: MatchSpan[]): void {
  const { s } = st;
  for (let i = 0; i < s.length - 1; i += 1) {
    const candidates = matcher.byKey.get(s.slice(i, i + 2));
    if (!candidates) continue;
    for (const needle of candidates) {
      const form = needle.form;
      if (!s.startsWith(form.s, i)) continue;
      const j = i + form.s.length;
      if (!gapsWithin(st, i, j, MAX_GAP.text)) continue;
      const han = isHan(form.s[0]!) && isHan(form.s.at(-1)!);
      if (form.place === 'word' && !han && !(boundaryBefore(st, i) && boundaryAfter(st, j))) continue;
      out.push(toSpan(st, i, j, needle, possibleReason(needle, st, i, j)));
    }
  }
}

/** A run of digits joined to Latin letters without a separator ("b601225f" in a hash, "room12a"). */
function inLetters(st: Streams, first: number, last: number): boolean {
  const latin = (k: number) => k >= 0 && k < st.s.length && charClass(st.s[k]!) === 2;
  return (first > 0 && st.gap[first] === 0 && latin(first - 1)) || (last + 1 < st.s.length && st.gap[last + 1] === 0 && latin(last + 1));
}

function digitHits(st: Streams, matcher: CompiledMatcher, out: MatchSpan[]): void {
  for (const run of st.digitRuns) {
    for (const needle of matcher.digitNeedles) {
      const form = needle.form;
      for (let p = run.digits.indexOf(form.s); p !== -1; p = run.digits.indexOf(form.s, p + 1)) {
        const q = p + form.s.length;
        if (form.place === 'word' && inLetters(st, run.at[0]!, run.at.at(-1)!)) continue;
        if (form.place === 'word' && (p > 0 || q < run.digits.length)) {
          // Inside a longer number only when separated from the digits beside it ("14 05 1962, 3").
          const leftOk = p === 0 || st.gap[run.at[p]!]! > 1;
          const rightOk = q === run.digits.length || st.gap[run.at[q]!]! > 1;
          if (!leftOk || !rightOk) continue;
        }
        let from = p;
        // The country code or trunk prefix before a national number goes with it.
        if (form.prefixes && p > 0 && p <= 5) {
          const before = run.digits.slice(0, p);
          if (form.prefixes.some((prefix) => before === prefix || before.endsWith(prefix))) from = 0;
        }
        out.push(toSpan(st, run.at[from]!, run.at[q - 1]! + 1, needle, needle.shared ? 'a disclosed person has the same number' : null));
      }
    }
  }
}

/** "+86 …" and "(138) …": the plus sign or bracket that opens a number goes with it. */
function withOpeners(text: string, span: MatchSpan): MatchSpan {
  let start = span.start;
  while (start > 0 && /[+＋(（]/u.test(text[start - 1]!) && /\p{N}/u.test(text[start] ?? '')) start -= 1;
  return start === span.start ? span : { ...span, start };
}

/**
 * Non-overlapping matches in `text`, in original coordinates, ordered by
 * position. Where matches overlap, the longer wins, so "Zhang Jianguo" is
 * taken whole before "Jianguo", and a disclosed full name ("Alimjan
 * Tursun") is never cut into by a relative's "Tursun".
 */
export function findMatches(text: string, matcher: CompiledMatcher): MatchSpan[] {
  if (text.length === 0 || (matcher.byKey.size === 0 && matcher.digitNeedles.length === 0)) return [];
  const st = streamsOf(text, MAX_GAP.digits);
  const hits: MatchSpan[] = [];
  textHits(st, matcher, hits);
  if (matcher.digitNeedles.length > 0) digitHits(st, matcher, hits);
  // Longest first; on equal length a withheld value before a disclosed name (the choice is then the caseworker's), certain before possible.
  hits.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      Number(a.index === PROTECTED) - Number(b.index === PROTECTED) ||
      Number(a.possible !== null) - Number(b.possible !== null) ||
      a.start - b.start,
  );
  const taken: MatchSpan[] = [];
  for (const span of hits) if (!taken.some((t) => span.start < t.end && t.start < span.end)) taken.push(withOpeners(text, span));
  return taken.filter((span) => span.index !== PROTECTED).sort((a, b) => a.start - b.start);
}
