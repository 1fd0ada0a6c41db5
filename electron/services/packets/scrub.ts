import type { SensitivityClass } from '../../../shared/domain/field-sensitivity';
import { compileMatchers, findSpans, type Matcher } from './normalise';
import { matchKindOf, type SensitiveValue } from './sensitive-values';

/**
 * Replaces every withheld value in free text by its label. Matching is done
 * on folded text (normalise.ts), so "Li  Wei", "li-wei", full-width "ＬＩ ＷＥＩ" and a phone
 * number in any common format are all caught.
 */

/** What was redacted, for the manifest and the preview. Never holds the value itself. */
export interface Redaction {
  label: string;
  sensitivityClass: SensitivityClass;
  count: number;
}

export interface ScrubPart {
  text: string;
  redacted: boolean;
}

export interface ScrubResult {
  text: string;
  redactions: Redaction[];
  /** The scrubbed text in order, labels marked, for highlighting in the preview. */
  parts: ScrubPart[];
}

/** Withheld values compiled once, for scrubbing many texts of one packet. */
export interface Scrubber {
  readonly values: readonly SensitiveValue[];
  readonly matchers: readonly Matcher[];
}

export function createScrubber(withheld: readonly SensitiveValue[]): Scrubber {
  return { values: withheld, matchers: compileMatchers(withheld.map((v) => ({ value: v.value, kind: matchKindOf(v) }))) };
}

export function scrubText(text: string, scrubber: Scrubber): ScrubResult {
  const spans = findSpans(text, scrubber.matchers);
  const parts: ScrubPart[] = [];
  const counts = new Map<string, Redaction>();
  let at = 0;
  for (const span of spans) {
    const value = scrubber.values[span.index]!;
    if (span.start > at) parts.push({ text: text.slice(at, span.start), redacted: false });
    parts.push({ text: value.label, redacted: true });
    const key = `${value.sensitivityClass}\u0000${value.label}`;
    const entry = counts.get(key) ?? { label: value.label, sensitivityClass: value.sensitivityClass, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
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
