/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on whatever schema exists, not the app's types */
import { sql, type Kysely } from 'kysely';

/**
 * Full-text search index, inside the encrypted database (issue 5, Search).
 *
 * - search_doc maps each indexed record (kind + text id) to an integer doc id.
 *   Doc ids live in one range per kind (kind number × 2^40 + n), so a search
 *   can ask the index for one kind's newest matches with a rowid range and
 *   stop early, however many matches other kinds have. Source rowids are not
 *   used: VACUUM (run by every erasure) may renumber tables with text keys.
 * - search_trigram (trigram, case-folded, diacritics removed) answers every
 *   term of 3+ characters as a substring, in any script.
 * - search_words (unicode61) holds the same text as words plus bigrams and
 *   single characters of CJK runs: 1–2 character terms match a word's start,
 *   or any two adjacent characters of a Chinese/Japanese name.
 *
 * Both FTS tables are contentless (they keep no copy of the text; the search
 * reads the records themselves). A delete hands FTS5 the old text (the
 * triggers have OLD.*), and with FTS5's secure-delete the terms are removed
 * from the index pages at once, instead of staying behind a tombstone until a
 * merge (contentless_delete would do that: erased names would linger). Triggers on
 * the record tables keep the index in step with every write, including
 * cascade deletes and imports, so no service has to remember it.
 *
 * Only built-in SQL is used in triggers (no app functions): any connection,
 * including tools and the plain benchmark copy, keeps the index right.
 */
interface Source {
  kind: string;
  no: number;
  table: string;
  /** Columns whose change re-indexes the row. */
  columns: string[];
  /** The text to index, as an SQL expression over the row alias `r`. */
  text: (r: string) => string;
}

const list = (column: string) =>
  `coalesce((SELECT group_concat(value, ' ') FROM json_each(CASE WHEN json_valid(${column}) THEN ${column} ELSE '[]' END)), '')`;
/** Phone numbers also without spaces and punctuation, so "7700900101" finds "+44 7700 900101". */
const digits = (column: string) => `replace(replace(replace(replace(replace(${column}, ' ', ''), '-', ''), '(', ''), ')', ''), '.', '')`;
const join = (...parts: string[]) => parts.join(` || ' ' || `);

export const SEARCH_SOURCES: readonly Source[] = [
  { kind: 'case', no: 1, table: 'case_file', columns: ['code'], text: (r) => `${r}.code` },
  {
    kind: 'client',
    no: 2,
    table: 'client',
    columns: ['legal_name', 'original_names', 'aliases'],
    text: (r) => join(`${r}.legal_name`, list(`${r}.original_names`), list(`${r}.aliases`)),
  },
  {
    kind: 'contact',
    no: 3,
    table: 'contact',
    columns: ['name', 'original_names', 'aliases', 'phones', 'emails', 'handles'],
    text: (r) =>
      join(`${r}.name`, list(`${r}.original_names`), list(`${r}.aliases`), list(`${r}.phones`), list(digits(`${r}.phones`)), list(`${r}.emails`), list(`${r}.handles`)),
  },
  { kind: 'threat', no: 4, table: 'threat', columns: ['description', 'country', 'city'], text: (r) => join(`${r}.description`, `${r}.city`, `${r}.country`) },
  {
    kind: 'referral',
    no: 5,
    table: 'referral',
    columns: ['recipient_org', 'reference_number', 'purpose'],
    text: (r) => join(`${r}.recipient_org`, `${r}.reference_number`, `${r}.purpose`),
  },
  { kind: 'note', no: 6, table: 'note', columns: ['body'], text: (r) => `${r}.body` },
  { kind: 'evidence', no: 7, table: 'evidence', columns: ['file_name', 'description'], text: (r) => join(`${r}.file_name`, `${r}.description`) },
];

const KIND_SPAN = 2 ** 40;

/** CJK ideographs (incl. extensions and compatibility forms), kana. */
const isCjk = (c: string) =>
  `(unicode(${c}) BETWEEN 12352 AND 12543 OR unicode(${c}) BETWEEN 13312 AND 40959 OR unicode(${c}) BETWEEN 63744 AND 64255 OR unicode(${c}) BETWEEN 131072 AND 201551)`;

/**
 * Every CJK character followed by its next character when that is CJK too
 * ("林秀英" → "林秀 秀英 英"), space-separated, in plain SQL: json_each over an
 * array of length(t) zeros stands in for a number series (triggers allow no CTEs).
 */
const cjkGrams = (t: string) => `coalesce((SELECT group_concat(CASE WHEN ${isCjk('c2')} THEN c1 || c2 ELSE c1 END, ' ')
  FROM (SELECT substr(${t}, key + 1, 1) AS c1, substr(${t}, key + 2, 1) AS c2
        FROM json_each('[' || rtrim(replace(hex(zeroblob(length(${t}))), '00', '0,'), ',') || ']'))
  WHERE ${isCjk('c1')}), '')`;

const docIdOf = (source: Source, r: string) => `(SELECT id FROM search_doc WHERE kind = '${source.kind}' AND record_id = ${r}.id)`;

/**
 * Adds one row (alias `r`) that already has its search_doc entry to both
 * indexes, or with `remove` takes exactly the same terms out again: the FTS
 * tables hold no copy of the text, so a delete must be given the old values.
 */
const indexRow = (source: Source, r: string, from: string, remove = false) => {
  const command = (table: string) => (remove ? `${table}, rowid, text) SELECT 'delete', ` : `rowid, text) SELECT `);
  const docs = `FROM (SELECT ${docIdOf(source, r)} AS d, ${source.text(r)} AS t ${from}) WHERE d IS NOT NULL`;
  return `
  INSERT INTO search_trigram (${command('search_trigram')}d, t ${docs};
  INSERT INTO search_words (${command('search_words')}d, t || ' ' || ${cjkGrams('t')} ${docs};`;
};

function triggers(source: Source): string[] {
  const lo = source.no * KIND_SPAN;
  const hi = lo + KIND_SPAN;
  const name = `search_${source.table}`;
  return [
    `CREATE TRIGGER ${name}_insert AFTER INSERT ON ${source.table} BEGIN
      INSERT INTO search_doc (id, kind, record_id)
        VALUES ((SELECT coalesce(max(id), ${lo}) + 1 FROM search_doc WHERE id > ${lo} AND id < ${hi}), '${source.kind}', NEW.id);
      ${indexRow(source, 'NEW', '')}
    END`,
    `CREATE TRIGGER ${name}_update AFTER UPDATE OF ${source.columns.join(', ')} ON ${source.table} BEGIN
      ${indexRow(source, 'OLD', '', true)}
      ${indexRow(source, 'NEW', '')}
    END`,
    `CREATE TRIGGER ${name}_delete AFTER DELETE ON ${source.table} BEGIN
      ${indexRow(source, 'OLD', '', true)}
      DELETE FROM search_doc WHERE kind = '${source.kind}' AND record_id = OLD.id;
    END`,
  ];
}

export async function up(db: Kysely<any>): Promise<void> {
  const run = (statement: string) => sql.raw(statement).execute(db);
  await run(`CREATE TABLE search_doc (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    UNIQUE (kind, record_id)
  )`);
  await run(`CREATE VIRTUAL TABLE search_trigram USING fts5(text, content='', tokenize='trigram remove_diacritics 1')`);
  await run(`CREATE VIRTUAL TABLE search_words USING fts5(text, content='', prefix='1 2', tokenize='unicode61 remove_diacritics 2')`);
  for (const table of ['search_trigram', 'search_words']) {
    await run(`INSERT INTO ${table} (${table}, rank) VALUES ('secure-delete', 1)`);
  }

  for (const source of SEARCH_SOURCES) {
    const lo = source.no * KIND_SPAN;
    await run(`INSERT INTO search_doc (id, kind, record_id)
      SELECT ${lo} + row_number() OVER (ORDER BY created_at, id), '${source.kind}', id FROM ${source.table}`);
    for (const statement of indexRow(source, 'r', `FROM ${source.table} AS r`).split(';').filter((s) => s.trim())) {
      // One row per record: the FROM clause moves inside the derived table, so the doc id lookup sees r.
      await run(statement);
    }
    for (const trigger of triggers(source)) await run(trigger);
  }
}
