import { SEARCH_KINDS, type SearchHit, type SearchKind, type SearchResult } from '../../../shared/ipc/insights-contract';
import type { DbOrTrx } from '../records/context';
import { searchRepository, type HitSource, type IndexQuery } from './search.repository';

/**
 * The one search box: every term of the query must match (as a substring
 * when it has 3+ characters; as the start of a word, or two adjacent
 * characters of a Chinese/Japanese name, when shorter), ignoring case and
 * diacritics. Results come grouped by kind in a fixed order; highlights are
 * computed here on the record's own text, never as HTML.
 */
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;
/** Matches fetched per kind before ranking: bounds the work however common a term is. */
const CANDIDATES = 100;
const NAME_KINDS: ReadonlySet<SearchKind> = new Set(['case', 'client', 'contact']);

type Part = SearchHit['title'][number];

/** Case-folded, diacritics removed, compatibility forms folded (full-width → half-width): as the index compares. */
function foldChar(ch: string): string {
  return ch.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`: the original range it came from. */
  from: number[];
  to: number[];
}

function fold(original: string): Folded {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const ch of original) {
    const folded = foldChar(ch);
    for (let i = 0; i < folded.length; i += 1) {
      from.push(at);
      to.push(at + ch.length);
    }
    text += folded;
    at += ch.length;
  }
  return { text, from, to };
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

interface Term {
  /** As given to the index (NFKC, so full-width letters match half-width ones). */
  raw: string;
  /** As compared for highlights. */
  folded: string;
  /** Short non-CJK terms match only at the start of a word. */
  wordStart: boolean;
}

export function parseQuery(query: string): Term[] {
  const terms: Term[] = [];
  // Double quotes are dropped: a quoted phrase is searched as its words.
  for (const piece of query.normalize('NFKC').replace(/"/g, ' ').trim().split(/\s+/u)) {
    const raw = Array.from(piece).slice(0, MAX_TERM_LENGTH).join('');
    const length = Array.from(raw).length;
    if (length === 0) continue;
    // Punctuation alone makes no word for the index: "*", "(" and the like are dropped, not interpreted.
    if (length < 3 && !WORD_CHAR.test(raw)) continue;
    const folded = fold(raw).text;
    if (folded.length === 0) continue;
    terms.push({ raw, folded, wordStart: length < 3 && !CJK.test(raw) });
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

/** A term as a quoted FTS5 string: user text is never read as FTS5 syntax. */
const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

function indexQuery(terms: Term[]): IndexQuery {
  const long: string[] = [];
  const short: string[] = [];
  for (const term of terms) {
    const chars = Array.from(term.raw);
    if (chars.length >= 3) long.push(quote(term.raw));
    else if (chars.length === 2 && chars.every((c) => CJK.test(c))) short.push(quote(term.raw));
    else short.push(`${quote(term.raw)}*`);
  }
  return { trigram: long.length ? long.join(' AND ') : null, words: short.length ? short.join(' AND ') : null };
}

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text.slice(0, index);
  const previous = Array.from(before).pop() ?? '';
  return !WORD_CHAR.test(previous) || CJK.test(previous);
}

/** Original-text ranges [start, end) where any term matches, merged and sorted. */
function matchRanges(original: string, terms: Term[]): Array<[number, number]> {
  const folded = fold(original);
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    for (let i = folded.text.indexOf(term.folded); i !== -1; i = folded.text.indexOf(term.folded, i + 1)) {
      if (term.wordStart && !isWordStart(folded.text, i)) continue;
      ranges.push([folded.from[i]!, folded.to[i + term.folded.length - 1]!]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** The text as parts, cut to a window of about `width` characters around the first match. */
function highlight(original: string, terms: Term[], width: number): { parts: Part[]; matched: boolean } {
  const text = original.replace(/\s+/gu, ' ').trim();
  const ranges = matchRanges(text, terms);
  let start = 0;
  let end = text.length;
  if (text.length > width) {
    const first = ranges[0]?.[0] ?? 0;
    start = Math.max(0, Math.min(first - Math.floor(width / 3), text.length - width));
    end = Math.min(text.length, start + width);
    // Never cut a surrogate pair in half.
    if (start > 0 && /[\udc00-\udfff]/.test(text[start]!)) start -= 1;
    if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1]!)) end += 1;
  }
  const parts: Part[] = [];
  const push = (piece: string, match: boolean) => {
    if (piece) parts.push({ text: piece, match });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    push(text.slice(at, a), false);
    push(text.slice(a, b), true);
    at = b;
  }
  push(text.slice(at, end), false);
  if (end < text.length) push('…', false);
  return { parts, matched: ranges.length > 0 };
}

/** Lower is better: the title equals the query, starts with it, has a word starting with it, contains it, or only another field matches. */
function rankOf(source: HitSource, terms: Term[], folded: string): number {
  const title = fold(source.title.trim()).text;
  if (title === folded) return 0;
  if (title.startsWith(terms[0]!.folded)) return 1;
  const ranges = matchRanges(source.title, terms);
  if (ranges.length === 0) return 4;
  return ranges.some(([from]) => isWordStart(source.title, from)) ? 2 : 3;
}

function toHit(kind: SearchKind, source: HitSource, terms: Term[]): SearchHit {
  const title = highlight(source.title, terms, 80);
  const matching = source.fields.map((field) => highlight(field, terms, 140)).filter((h) => h.matched);
  // A match outside the title is shown; otherwise the first further field gives context.
  const snippet = matching[0] ?? (source.fields[0] ? highlight(source.fields[0], terms, 140) : undefined);
  return { kind, id: source.id, caseId: source.caseId, caseCode: source.caseCode, title: title.parts, snippet: snippet?.parts ?? [] };
}

export async function searchVault(db: DbOrTrx, query: string, limitPerKind: number): Promise<SearchResult> {
  const terms = parseQuery(query);
  if (terms.length === 0) return { query, groups: [] };
  const fts = indexQuery(terms);
  const folded = terms.map((t) => t.folded).join(' ');
  const limit = Math.max(1, Math.floor(limitPerKind));
  const candidates = Math.max(CANDIDATES, limit + 1);
  const groups: SearchResult['groups'] = [];
  const matches = await searchRepository.matchKinds(db, fts, candidates);
  for (const kind of SEARCH_KINDS) {
    // Names (cases, clients, contacts) are ranked among many candidates, so an
    // exact name beats newer partial matches; other kinds are simply newest first.
    const found = matches.get(kind) ?? [];
    const ids = NAME_KINDS.has(kind) ? found : found.slice(0, limit + 1);
    if (ids.length === 0) continue;
    const order = new Map(ids.map((id, i) => [id, i]));
    const sources = await searchRepository.loadHits(db, kind, ids);
    const ranked = sources
      .map((source) => ({ source, rank: rankOf(source, terms, folded) }))
      .sort((a, b) => a.rank - b.rank || order.get(a.source.id)! - order.get(b.source.id)!);
    groups.push({ kind, hits: ranked.slice(0, limit).map((r) => toHit(kind, r.source, terms)), more: ranked.length > limit });
  }
  return { query, groups };
}
