import type { SensitivityClass } from '../../../shared/domain/field-sensitivity';
import type { ScrubPart } from '../../../shared/domain/packet';
import { formsOf, type Form } from './identity-forms';
import { compileMatcher, findMatches, type CompiledMatcher } from './matcher';
import { compactOf } from './normalise';
import type { SensitiveValue } from './sensitive-values';

/**
 * Replaces every withheld value in free text by its label. The values are
 * known as people and values, not strings (identity-forms.ts): any name
 * order, script, spelling, encoding or digit grouping is replaced. Possible
 * matches are replaced too unless the caseworker kept that occurrence; both
 * are marked in the parts, with the rule that fired, for the preview.
 */

/** What was redacted, for the manifest and the preview. Never holds the value itself. */
export interface Redaction {
  label: string;
  sensitivityClass: SensitivityClass;
  count: number;
}

export interface ScrubResult {
  text: string;
  redactions: Redaction[];
  /** The scrubbed text in order, labels marked, for highlighting in the preview. */
  parts: ScrubPart[];
}

/** An occurrence the caseworker kept as written, for the leak scan to let through. */
export interface KeptOccurrence {
  label: string;
  /** Folded letters around the match (matcher.ts `context`). */
  context: string;
}

/** Withheld values compiled once, for scrubbing many texts of one packet. */
export interface Scrubber {
  readonly values: readonly SensitiveValue[];
  readonly matcher: CompiledMatcher;
  /** Keys of possible matches the caseworker decided are not the withheld person or value. */
  readonly keep: ReadonlySet<string>;
  /** What was kept while scrubbing, filled in as texts are scrubbed. */
  readonly kept: KeptOccurrence[];
}

export function possibleKey(label: string, context: string): string {
  return `${label}\u0000${context}`;
}

/**
 * What the packet shows of people it names (the client, a perpetrator): their
 * full names, which a withheld match must not cut into, and every form and
 * word of their names and numbers, which a withheld value may share.
 */
export function disclosedForms(disclosed: readonly SensitiveValue[]): { full: Form[]; shared: Set<string>; sharedNames: Set<string> } {
  const names = disclosed.filter((v) => v.kind === 'name');
  const nameForms = names.flatMap((v) => formsOf(v.kind, v.value));
  const words = names.flatMap((v) => v.value.split(/[^\p{L}\p{N}]+/u).map(compactOf));
  const sharedNames = new Set([...nameForms.map((f) => f.s), ...words].filter((s) => s !== ''));
  const numberForms = disclosed.filter((v) => v.kind === 'phone').flatMap((v) => formsOf(v.kind, v.value));
  return { full: nameForms.filter((f) => !f.partial && f.stream === 'text'), shared: new Set([...sharedNames, ...numberForms.map((f) => f.s)]), sharedNames };
}

/**
 * @param disclosed values the packet shows (a named client or perpetrator):
 * a withheld value that one of them shares is only a possible match, and
 * their full names are never cut into.
 */
export function createScrubber(withheld: readonly SensitiveValue[], options: { disclosed?: readonly SensitiveValue[]; keep?: Iterable<string> } = {}): Scrubber {
  const { full, shared, sharedNames } = disclosedForms(options.disclosed ?? []);
  const matcher = compileMatcher(
    // A withheld e-mail or handle that spells a named person's name is that name: only a withheld person's name is a choice to offer.
    withheld.map((v) => ({ forms: formsOf(v.kind, v.value).filter((f) => v.kind === 'name' || !sharedNames.has(f.s)), sharedWith: shared })),
    full,
  );
  return { values: withheld, matcher, keep: new Set(options.keep ?? []), kept: [] };
}

export function scrubText(text: string, scrubber: Scrubber): ScrubResult {
  const spans = findMatches(text, scrubber.matcher);
  const parts: ScrubPart[] = [];
  const counts = new Map<string, Redaction>();
  let at = 0;
  for (const span of spans) {
    const value = scrubber.values[span.index]!;
    if (span.start > at) parts.push({ text: text.slice(at, span.start), redacted: false });
    const key = span.possible !== null ? possibleKey(value.label, span.context) : undefined;
    if (key !== undefined && scrubber.keep.has(key)) {
      parts.push({ text: text.slice(span.start, span.end), redacted: false, rule: span.rule, possible: span.possible!, key });
      scrubber.kept.push({ label: value.label, context: span.context });
      at = span.end;
      continue;
    }
    parts.push({ text: value.label, redacted: true, rule: span.rule, ...(key !== undefined ? { possible: span.possible!, key, original: text.slice(span.start, span.end) } : {}) });
    const countKey = `${value.sensitivityClass}\u0000${value.label}`;
    const entry = counts.get(countKey) ?? { label: value.label, sensitivityClass: value.sensitivityClass, count: 0 };
    entry.count += 1;
    counts.set(countKey, entry);
    at = span.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), redacted: false });
  const merged = collapseRepeats(parts);
  return { text: merged.map((p) => p.text).join(''), redactions: [...counts.values()], parts: merged };
}

/**
 * "Zhang Xiuying (张秀英)" scrubs to "Relative A (mother) (Relative A (mother))":
 * a label followed by the same label in brackets is said once.
 */
function collapseRepeats(parts: ScrubPart[]): ScrubPart[] {
  const out: ScrubPart[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i]!;
    const gap = parts[i + 1];
    const again = parts[i + 2];
    const close = parts[i + 3];
    if (part.redacted && gap && !gap.redacted && gap.text.endsWith(' (') && gap.text.trim() === '(' && again?.redacted && again.text === part.text && close && !close.redacted && close.text.startsWith(')')) {
      out.push(part);
      const rest = close.text.slice(1);
      if (rest) out.push({ text: rest, redacted: false });
      i += 3;
      continue;
    }
    out.push(part);
  }
  return out;
}

/** Adds up redactions from many texts (for a packet's manifest). */
export function mergeRedactions(lists: ReadonlyArray<readonly Redaction[]>): Redaction[] {
  const merged = new Map<string, Redaction>();
  for (const r of lists.flat()) {
    const key = `${r.sensitivityClass}\u0000${r.label}`;
    const entry = merged.get(key);
    if (entry) entry.count += r.count;
    else merged.set(key, { ...r });
  }
  return [...merged.values()];
}
