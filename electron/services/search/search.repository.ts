import { sql } from 'kysely';
import type { SearchKind } from '../../../shared/ipc/insights-contract';
import type { DbOrTrx } from '../records/context';

/**
 * Queries over the search index (migration 0003) and the records it points
 * to. Doc ids of one kind lie in (no × 2^40, (no + 1) × 2^40), so a doc id
 * says its kind.
 */
const KIND_NO: Record<SearchKind, number> = { case: 1, client: 2, contact: 3, threat: 4, referral: 5, note: 6, evidence: 7 };
const KIND_BITS = 40;
const KIND_SPAN = 2 ** KIND_BITS;

export interface IndexQuery {
  /** FTS5 expression for search_trigram (terms of 3+ characters), or null. */
  trigram: string | null;
  /** FTS5 expression for search_words (1–2 character terms), or null. */
  words: string | null;
}

/**
 * The newest matching records of every kind (record ids, newest first), at
 * most `limit` per kind. One pass over the index: each term's doclist is read
 * once, and a window function keeps the top `limit` per kind (the kind is the
 * doc id's high bits).
 */
async function matchKinds(db: DbOrTrx, query: IndexQuery, limit: number): Promise<Map<SearchKind, string[]>> {
  const ranked = (source: ReturnType<typeof sql>) => sql<{ doc: number }>`
    SELECT doc FROM (
      SELECT rowid AS doc, row_number() OVER (PARTITION BY rowid >> ${sql.raw(String(KIND_BITS))} ORDER BY rowid DESC) AS rn FROM ${source}
    ) WHERE rn <= ${limit} ORDER BY doc DESC`;
  let docs: Array<{ doc: number }>;
  if (query.trigram !== null && query.words !== null) {
    docs = (
      await ranked(
        sql`search_trigram WHERE search_trigram MATCH ${query.trigram}
          AND rowid IN (SELECT rowid FROM search_words WHERE search_words MATCH ${query.words})`,
      ).execute(db)
    ).rows;
  } else if (query.trigram !== null) {
    docs = (await ranked(sql`search_trigram WHERE search_trigram MATCH ${query.trigram}`).execute(db)).rows;
  } else if (query.words !== null) {
    docs = (await ranked(sql`search_words WHERE search_words MATCH ${query.words}`).execute(db)).rows;
  } else {
    return new Map();
  }
  const byKind = new Map<SearchKind, string[]>();
  if (docs.length === 0) return byKind;
  // search_doc is internal to the index, so it is not part of the app's Database type.
  const rows = await sql<{ id: number; record_id: string }>`SELECT id, record_id FROM search_doc WHERE id IN (${sql.join(docs.map((d) => d.doc))})`.execute(db);
  const recordOf = new Map(rows.rows.map((r) => [r.id, r.record_id]));
  const kindOf = new Map(Object.entries(KIND_NO).map(([kind, no]) => [no, kind as SearchKind]));
  for (const { doc } of docs) {
    const kind = kindOf.get(Math.floor(doc / KIND_SPAN));
    const record = recordOf.get(doc);
    if (!kind || record === undefined) continue;
    const list = byKind.get(kind) ?? [];
    list.push(record);
    byKind.set(kind, list);
  }
  return byKind;
}

/** The text a hit shows, per kind; `caseId`/`caseCode` say which case page opens it. */
export interface HitSource {
  id: string;
  caseId: string | null;
  caseCode: string | null;
  /** For a note, its body: the title shows the part around the match. */
  title: string;
  /** Further fields, each shown when it holds a match. */
  fields: string[];
}

function jsonList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

async function loadHits(db: DbOrTrx, kind: SearchKind, ids: string[]): Promise<HitSource[]> {
  if (ids.length === 0) return [];
  switch (kind) {
    case 'case': {
      const rows = await db
        .selectFrom('case_file')
        .leftJoin('client', 'client.case_id', 'case_file.id')
        .select(['case_file.id', 'case_file.code', 'client.legal_name'])
        .where('case_file.id', 'in', ids)
        .execute();
      return rows.map((r) => ({ id: r.id, caseId: r.id, caseCode: r.code, title: r.code, fields: [r.legal_name ?? ''] }));
    }
    case 'client': {
      const rows = await db
        .selectFrom('client')
        .innerJoin('case_file', 'case_file.id', 'client.case_id')
        .select(['client.id', 'client.case_id', 'case_file.code', 'client.legal_name', 'client.original_names', 'client.aliases'])
        .where('client.id', 'in', ids)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        caseCode: r.code,
        title: r.legal_name,
        fields: [...jsonList(r.original_names), ...jsonList(r.aliases)],
      }));
    }
    case 'contact': {
      const rows = await db
        .selectFrom('contact')
        .select(['id', 'name', 'original_names', 'aliases', 'phones', 'emails', 'handles'])
        .where('id', 'in', ids)
        .execute();
      // A contact can belong to several cases; the hit opens the first by code.
      const links = await db
        .selectFrom('case_contact')
        .innerJoin('case_file', 'case_file.id', 'case_contact.case_id')
        .select(['case_contact.contact_id', 'case_file.id', 'case_file.code'])
        .where('case_contact.contact_id', 'in', ids)
        .orderBy('case_file.code')
        .execute();
      const caseOf = new Map<string, { id: string; code: string }>();
      for (const link of links) if (!caseOf.has(link.contact_id)) caseOf.set(link.contact_id, { id: link.id, code: link.code });
      return rows.map((r) => ({
        id: r.id,
        caseId: caseOf.get(r.id)?.id ?? null,
        caseCode: caseOf.get(r.id)?.code ?? null,
        title: r.name,
        fields: [r.original_names, r.aliases, r.phones, r.emails, r.handles].flatMap(jsonList),
      }));
    }
    case 'threat': {
      const rows = await db
        .selectFrom('threat')
        .innerJoin('case_file', 'case_file.id', 'threat.case_id')
        .select(['threat.id', 'threat.case_id', 'case_file.code', 'threat.description', 'threat.city', 'threat.country', 'threat.occurred_from'])
        .where('threat.id', 'in', ids)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        caseCode: r.code,
        title: [r.city, r.country].filter(Boolean).join(', ') || r.occurred_from,
        fields: [r.description],
      }));
    }
    case 'referral': {
      const rows = await db
        .selectFrom('referral')
        .innerJoin('case_file', 'case_file.id', 'referral.case_id')
        .select(['referral.id', 'referral.case_id', 'case_file.code', 'referral.recipient_org', 'referral.reference_number', 'referral.purpose'])
        .where('referral.id', 'in', ids)
        .execute();
      return rows.map((r) => ({ id: r.id, caseId: r.case_id, caseCode: r.code, title: r.recipient_org, fields: [r.reference_number, r.purpose] }));
    }
    case 'note': {
      const rows = await db
        .selectFrom('note')
        .innerJoin('case_file', 'case_file.id', 'note.case_id')
        .select(['note.id', 'note.case_id', 'case_file.code', 'note.body'])
        .where('note.id', 'in', ids)
        .execute();
      return rows.map((r) => ({ id: r.id, caseId: r.case_id, caseCode: r.code, title: r.body, fields: [] }));
    }
    case 'evidence': {
      const rows = await db
        .selectFrom('evidence')
        .innerJoin('case_file', 'case_file.id', 'evidence.case_id')
        .select(['evidence.id', 'evidence.case_id', 'case_file.code', 'evidence.file_name', 'evidence.description'])
        .where('evidence.id', 'in', ids)
        .execute();
      return rows.map((r) => ({ id: r.id, caseId: r.case_id, caseCode: r.code, title: r.file_name, fields: [r.description] }));
    }
    default: {
      const unhandled: never = kind;
      return unhandled;
    }
  }
}

export const searchRepository = Object.freeze({ matchKinds, loadHits });
