import { compileMatchers, findSpans } from './normalise';
import { matchKindOf, type SensitiveValue } from './sensitive-values';

/**
 * The last check before a packet is written: search everything it contains
 * for every withheld value, with the same matching the scrubber uses. A hit
 * names the file and field and the value's label, never the value.
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
}

export function scanForLeaks(texts: readonly ScannedText[], withheld: readonly SensitiveValue[]): LeakHit[] {
  const matchers = compileMatchers(withheld.map((v) => ({ value: v.value, kind: matchKindOf(v) })));
  const hits = new Map<string, LeakHit>();
  for (const { file, field, text } of texts) {
    for (const span of findSpans(text, matchers)) {
      const label = withheld[span.index]!.label;
      const key = `${file}\u0000${field}\u0000${label}`;
      const hit = hits.get(key) ?? { file, field, label, count: 0 };
      hit.count += 1;
      hits.set(key, hit);
    }
  }
  return [...hits.values()];
}
