/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on whatever schema exists, not the app's types */
import { sql, type Kysely } from 'kysely';

/**
 * Risk signals (issue 5): a caseworker's accept/dismiss decision on a
 * suggested risk raise. A decision is keyed by the rule and a signature of
 * the threats that made it fire, so the same facts are not asked about
 * twice; threat_ids (JSON array) says which threats it covered, so only a
 * new threat brings a rule back.
 *
 * Also indexes for the dashboard and reports at 20,000 cases / 200,000
 * threats: threats by recording time, cases by risk level, and audit entries
 * by the record they are about (first response to a referral).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('risk_signal_decision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id').onDelete('cascade'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('threat_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision IN ('accepted','dismissed')`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('risk_signal_decision_unique', ['case_id', 'rule_id', 'signature'])
    .execute();

  await db.schema.createIndex('threat_created').on('threat').column('created_at').execute();
  // Covers the risk rules' scan (tactic, dates, case) without touching the table rows.
  await db.schema.createIndex('threat_tactic_when').on('threat').columns(['tactic_id', 'occurred_from', 'occurred_to', 'case_id']).execute();
  await db.schema.createIndex('case_file_risk').on('case_file').columns(['risk_level', 'archived_at']).execute();
  await db.schema.createIndex('audit_entity').on('audit_entry').columns(['entity', 'entity_id', 'seq']).execute();
}
