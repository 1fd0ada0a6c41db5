/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on whatever schema exists, not the app's types */
import { sql, type Kysely } from 'kysely';

/**
 * Referral packets (issue 4):
 * - client.identity_documents: ID card and passport numbers (JSON string[]),
 *   so packets can withhold or include them by their own sensitivity class;
 * - disclosure_profile: this vault's copies of disclosure profiles, either a
 *   shipped profile edited here ('modified', same id) or a clone ('custom');
 * - packet_export: one row per packet written, shown as the referral's packet
 *   history. Goes with its case when the case is erased;
 * - the threat_tactic_when index for vaults made before 0004 had it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('client').addColumn('identity_documents', 'text', (c) => c.notNull().defaultTo('[]')).execute();

  await db.schema
    .createTable('disclosure_profile')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source IN ('modified','custom')`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('packet_export')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('packet_id', 'text', (c) => c.notNull().unique())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id').onDelete('cascade'))
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('recipient_type', 'text', (c) => c.notNull())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('profile_label', 'text', (c) => c.notNull())
    .addColumn('consent_id', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('manifest_sha256', 'text', (c) => c.notNull())
    .addColumn('sealed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('threat_count', 'integer', (c) => c.notNull())
    .addColumn('evidence_count', 'integer', (c) => c.notNull())
    .addColumn('redaction_count', 'integer', (c) => c.notNull())
    .execute();
  // 0004 gained this index after vaults had already been made with it (commit 26e7fef): those vaults get it here.
  await db.schema.createIndex('threat_tactic_when').ifNotExists().on('threat').columns(['tactic_id', 'occurred_from', 'occurred_to', 'case_id']).execute();

  await db.schema.createIndex('packet_export_referral').on('packet_export').columns(['referral_id', 'created_at']).execute();
}
