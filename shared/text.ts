/**
 * A sort key that orders names as people expect across scripts: compatibility
 * forms folded (full-width → half-width), diacritics removed, lower case.
 * Scripts without case (Chinese, Arabic, Tibetan) keep code-point order.
 */
export function sortKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim();
}
