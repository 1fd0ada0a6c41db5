/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on whatever schema exists, not the app's types */
import { sql, type Kysely } from 'kysely';

/**
 * Case records (DESIGN §4). Every record table has a text UUID id, a version
 * (optimistic concurrency: an edit based on a stale version is refused) and
 * created/updated timestamps. Lists of values (aliases, phones…) are JSON
 * arrays in text columns. Evidence bytes live in evidence_chunk, inside the
 * encrypted database.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
  const record = (table: any) =>
    table
      .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c: any) => c.notNull().defaultTo(now))
      .addColumn('updated_at', 'text', (c: any) => c.notNull().defaultTo(now));

  await record(
    db.schema
      .createTable('case_file')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('intake','active','referred','monitoring','closed')`))
      .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority IN ('low','normal','high','urgent')`))
      .addColumn('risk_level', 'text', (c) => c.notNull().check(sql`risk_level IN ('low','medium','high','critical')`))
      .addColumn('assigned_to', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('opened_on', 'text', (c) => c.notNull())
      .addColumn('closed_on', 'text')
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('archived_at', 'text'),
  ).execute();
  await db.schema.createIndex('case_file_updated').on('case_file').column('updated_at').execute();

  await db.schema
    .createTable('risk_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id').onDelete('cascade'))
    .addColumn('risk_level', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await record(
    db.schema
      .createTable('client')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().unique().references('case_file.id').onDelete('cascade'))
      .addColumn('legal_name', 'text', (c) => c.notNull())
      // Lower-cased, diacritics removed: a sort key that orders Latin names as people expect.
      .addColumn('sort_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('original_names', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('date_of_birth', 'text')
      .addColumn('nationality', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('residence_country', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('immigration_status', 'text', (c) => c.notNull().defaultTo('unknown'))
      .addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('safe_contact_methods', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('safe_contact_times', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('ethnicity', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('religion', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('political_activity', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('client_sort_name').on('client').column('sort_name').execute();

  await record(
    db.schema
      .createTable('contact')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('person','organisation')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('original_names', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('sensitivity', 'text', (c) => c.notNull().check(sql`sensitivity IN ('normal','confidential','never_disclose')`))
      .addColumn('country', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('city', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('emails', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('handles', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();

  await db.schema.createIndex('contact_sort_name').on('contact').column('sort_name').execute();

  await db.schema
    .createTable('case_contact')
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('case_contact_pk', ['case_id', 'contact_id'])
    .execute();
  await db.schema.createIndex('case_contact_contact').on('case_contact').column('contact_id').execute();

  await record(
    db.schema
      .createTable('threat')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id').onDelete('cascade'))
      .addColumn('tactic_id', 'text', (c) => c.notNull())
      .addColumn('tactic_other', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('date_precision', 'text', (c) => c.notNull().check(sql`date_precision IN ('exact','month','year','approximate','range')`))
      .addColumn('occurred_from', 'text', (c) => c.notNull())
      .addColumn('occurred_to', 'text')
      .addColumn('country', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('city', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('target_contact_id', 'text', (c) => c.references('contact.id').onDelete('set null'))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('severity', 'integer', (c) => c.notNull().check(sql`severity BETWEEN 1 AND 5`))
      .addColumn('verification', 'text', (c) => c.notNull().check(sql`verification IN ('unverified','corroborated','verified')`)),
  ).execute();
  await db.schema.createIndex('threat_case').on('threat').columns(['case_id', 'occurred_from']).execute();
  await db.schema.createIndex('threat_tactic').on('threat').column('tactic_id').execute();

  await db.schema
    .createTable('threat_perpetrator')
    .addColumn('threat_id', 'text', (c) => c.notNull().references('threat.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('threat_perpetrator_pk', ['threat_id', 'contact_id'])
    .execute();

  await record(
    db.schema
      .createTable('evidence')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id').onDelete('cascade'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('collected_at', 'text', (c) => c.notNull())
      .addColumn('collected_how', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('collected_by', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('collected_from', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('evidence_case').on('evidence').column('case_id').execute();

  await db.schema
    .createTable('evidence_chunk')
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_chunk_pk', ['evidence_id', 'seq'])
    .execute();

  await db.schema
    .createTable('threat_evidence')
    .addColumn('threat_id', 'text', (c) => c.notNull().references('threat.id').onDelete('cascade'))
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('threat_evidence_pk', ['threat_id', 'evidence_id'])
    .execute();

  await record(
    db.schema
      .createTable('referral')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id').onDelete('cascade'))
      .addColumn('recipient_type', 'text', (c) => c.notNull())
      .addColumn('recipient_org', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft','ready','sent','acknowledged','in_progress','closed')`))
      .addColumn('outcome', 'text', (c) => c.check(sql`outcome IS NULL OR outcome IN ('action_taken','declined','no_response')`))
      .addColumn('reference_number', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sent_on', 'text')
      .addColumn('follow_up_on', 'text'),
  ).execute();
  await db.schema.createIndex('referral_case').on('referral').column('case_id').execute();
  await db.schema.createIndex('referral_follow_up').on('referral').columns(['status', 'follow_up_on']).execute();

  await db.schema
    .createTable('referral_threat')
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('threat_id', 'text', (c) => c.notNull().references('threat.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('referral_threat_pk', ['referral_id', 'threat_id'])
    .execute();

  await record(
    db.schema
      .createTable('consent')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id').onDelete('cascade'))
      .addColumn('recipient_type', 'text', (c) => c.notNull())
      .addColumn('recipient_org', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('scope_identity', 'text', (c) => c.notNull().check(sql`scope_identity IN ('named','pseudonymised')`))
      .addColumn('scope_evidence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('obtained_how', 'text', (c) => c.notNull().check(sql`obtained_how IN ('written','verbal','representative')`))
      .addColumn('recorded_by', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('given_on', 'text', (c) => c.notNull())
      .addColumn('expires_on', 'text')
      .addColumn('withdrawn_on', 'text')
      .addColumn('withdrawal_note', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('consent_case').on('consent').column('case_id').execute();

  await record(
    db.schema
      .createTable('note')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id').onDelete('cascade'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('note_case').on('note').column('case_id').execute();

  await record(
    db.schema
      .createTable('task')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id').onDelete('cascade'))
      .addColumn('referral_id', 'text', (c) => c.references('referral.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('assigned_to', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('done_at', 'text'),
  ).execute();
  await db.schema.createIndex('task_due').on('task').columns(['done_at', 'due_on']).execute();

  // Append-only, hash-chained. The chain covers a salted hash of each diff,
  // not the diff itself, so erasing a case can remove a diff and its salt
  // (names, phone numbers) while the chain still verifies, and the leftover
  // hash cannot be used to confirm a guessed name.
  await db.schema
    .createTable('audit_entry')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('diff', 'text')
    .addColumn('diff_salt', 'text')
    .addColumn('diff_hash', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_case').on('audit_entry').columns(['case_id', 'seq']).execute();
  await sql`CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OF seq, at, actor, action, entity, entity_id, case_id, diff_hash, prev_hash, hash ON audit_entry
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_entry_redact_only BEFORE UPDATE OF diff, diff_salt ON audit_entry
    WHEN NEW.diff IS NOT NULL OR NEW.diff_salt IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'audit diffs can only be redacted'); END`.execute(db);
  await sql`CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END`.execute(db);
}
