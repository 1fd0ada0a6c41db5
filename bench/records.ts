import { exportVault } from '../electron/services/interchange/export.service';
import { importDocument } from '../electron/services/interchange/import.service';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createKysely, openRawDatabase, type RawDatabase, type VaultDb } from '../electron/db/connection';
import { migrateToLatest } from '../electron/db/migrate';
import { createCase, getCase, listCases } from '../electron/services/cases/cases.service';
import { createContactForCase, listContacts } from '../electron/services/contacts/contacts.service';
import { addEvidenceBytes, listEvidence } from '../electron/services/evidence/evidence.service';
import { createThreat, listThreats } from '../electron/services/threats/threats.service';
import { listReferrals } from '../electron/services/referrals/referrals.service';
import { listConsents } from '../electron/services/consents/consents.service';
import { listNotes } from '../electron/services/notes/notes.service';
import { listTasks } from '../electron/services/tasks/tasks.service';
import { listCaseHistory } from '../electron/services/audit/audit.service';
import type { RecordContext } from '../electron/services/records/context';
import { TACTIC_IDS } from '../shared/taxonomy';
import { sortKey } from '../shared/text';

/** The case-record benchmarks, run on an encrypted vault database and a plain one with the same schema. */
export interface Flavour {
  name: 'encrypted' | 'plain';
  open(file: string): RawDatabase;
}

export const FLAVOURS: Flavour[] = [
  { name: 'encrypted', open: (file) => openRawDatabase(file, randomBytes(32), { create: true }) },
  {
    name: 'plain',
    open: (file) => {
      const db = new BetterSqlite3(file);
      for (const pragma of ['journal_mode = WAL', 'foreign_keys = ON', 'synchronous = FULL', 'temp_store = MEMORY', 'secure_delete = ON']) db.pragma(pragma);
      return db;
    },
  },
];

async function freshDb(flavour: Flavour, dir: string, name: string): Promise<{ raw: RawDatabase; db: VaultDb; ctx: RecordContext }> {
  const raw = flavour.open(join(dir, `${name}-${flavour.name}.db`));
  const db = createKysely(raw);
  await migrateToLatest(db);
  return { raw, db, ctx: { db, actor: 'Bench', now: () => new Date() } };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

function threatInput(caseId: string, i: number) {
  return {
    caseId,
    threat: {
      tacticId: TACTIC_IDS[i % (TACTIC_IDS.length - 1)]!,
      tacticOther: '',
      datePrecision: 'exact' as const,
      occurredFrom: `20${10 + (i % 16)}-0${1 + (i % 9)}-1${i % 10}`,
      occurredTo: null,
      country: 'China',
      city: 'Ürümqi',
      channel: 'phone' as const,
      targetContactId: null,
      perpetratorIds: [],
      evidenceIds: [],
      description: `Officers called the family again and asked about the client's activities abroad (${i}).`,
      severity: 1 + (i % 5),
      verification: 'unverified' as const,
    },
  };
}

/** Opening a case: everything the case page asks for, for a case with 200 threats and 50 evidence items. */
export async function benchOpenCase(flavour: Flavour, dir: string): Promise<number> {
  const { raw, db, ctx } = await freshDb(flavour, dir, 'open-case');
  try {
    const created = await createCase(ctx, { client: { legalName: 'Bench Client', originalNames: ['测试客户'] } });
    await createContactForCase(ctx, { caseId: created.id, role: 'family_home', relationship: 'mother', contact: { name: 'Bench Mother' } });
    const photo = randomBytes(100 * 1024);
    for (let i = 0; i < 50; i += 1) {
      await addEvidenceBytes(ctx, {
        caseId: created.id,
        evidence: { fileName: `photo-${i}.jpg`, mediaType: 'image/jpeg', collectedAt: new Date().toISOString(), collectedHow: 'handed over', collectedBy: '', collectedFrom: 'client', description: '' },
        data: Buffer.concat([photo, Buffer.from(String(i))]),
      });
    }
    for (let i = 0; i < 200; i += 1) await createThreat(ctx, threatInput(created.id, i));
    const today = new Date().toISOString().slice(0, 10);
    const runs: number[] = [];
    for (let run = 0; run < 7; run += 1) {
      runs.push(
        await timed(() =>
          Promise.all([
            getCase(db, created.id),
            listThreats(db, created.id),
            listEvidence(db, created.id),
            listContacts(db, { caseId: created.id }),
            listReferrals(db, { caseId: created.id }, today),
            listConsents(db, created.id, today),
            listNotes(db, created.id),
            listTasks(db, created.id),
            listCaseHistory(db, created.id, 200),
          ]),
        ),
      );
    }
    return median(runs);
  } finally {
    raw.close();
  }
}

/** Recording 10,000 threats one by one through the service (each its own transaction with an audit entry). */
export async function benchInsertThreats(flavour: Flavour, dir: string, count = 10_000): Promise<number> {
  const { raw, ctx } = await freshDb(flavour, dir, 'threats');
  try {
    const created = await createCase(ctx, { client: { legalName: 'Bench Client' } });
    return await timed(async () => {
      for (let i = 0; i < count; i += 1) await createThreat(ctx, threatInput(created.id, i));
    });
  } finally {
    raw.close();
  }
}

/** The cases list's first page (100 rows, default sort) and a type-ahead query, at 20,000 cases. */
export async function benchCaseList(flavour: Flavour, dir: string, cases = 20_000): Promise<{ firstPage: number; typeAhead: number }> {
  const { raw, db } = await freshDb(flavour, dir, 'case-list');
  try {
    seedCases(raw, cases);
    await listCases(db, { limit: 100 }); // warm the page cache, as a list shown a second time would be
    const firstPage = median(await repeat(5, () => timed(() => listCases(db, { limit: 100 }))));
    const typeAhead = median(await repeat(5, () => timed(() => listCases(db, { text: 'Zhang', limit: 100 }))));
    return { firstPage, typeAhead };
  } finally {
    raw.close();
  }
}

/** Bulk rows straight into the tables (the service path is measured above); realistic mix of names. */
/**
 * Import rate: a real export document (cases, contacts, threats, evidence made
 * through the services, then exported) imported into a fresh database of each
 * flavour in one all-or-nothing transaction, validation included.
 */
export async function benchImport(dir: string, cases = 200): Promise<{ records: number; ms: Record<Flavour['name'], number> }> {
  const source = await freshDb(FLAVOURS[0]!, dir, 'import-source');
  let document: unknown;
  let records = 0;
  try {
    const photo = randomBytes(100 * 1024);
    for (let c = 0; c < cases; c += 1) {
      const created = await createCase(source.ctx, { client: { legalName: `Import Client ${c}`, originalNames: ['测试客户'] } });
      await createContactForCase(source.ctx, { caseId: created.id, role: 'family_home', relationship: 'mother', contact: { name: `Import Mother ${c}` } });
      for (let t = 0; t < 5; t += 1) await createThreat(source.ctx, threatInput(created.id, c * 5 + t));
      records += 7;
      if (c % 10 === 0) {
        await addEvidenceBytes(source.ctx, {
          caseId: created.id,
          evidence: { fileName: `photo-${c}.jpg`, mediaType: 'image/jpeg', collectedAt: new Date().toISOString(), collectedHow: '', collectedBy: '', collectedFrom: '', description: '' },
          data: photo,
        });
        records += 1;
      }
    }
    document = JSON.parse(JSON.stringify(await exportVault(source.db)));
  } finally {
    source.raw.close();
  }
  const ms = {} as Record<Flavour['name'], number>;
  for (const flavour of FLAVOURS) {
    const target = await freshDb(flavour, dir, `import-${flavour.name}`);
    try {
      ms[flavour.name] = await timed(() => importDocument(target.ctx, document));
    } finally {
      target.raw.close();
    }
  }
  return { records, ms };
}

function seedCases(raw: RawDatabase, count: number): void {
  const names = ['Zhang Wei', 'Aziz Tursun', 'Ömer Yılmaz', 'Tenzin Dolma', 'Анна Петрова', 'Li Na', 'Mehmet Ali', 'Fatima Noor'];
  const statuses = ['intake', 'active', 'referred', 'monitoring', 'closed'];
  const risks = ['low', 'medium', 'high', 'critical'];
  const now = new Date().toISOString();
  const insertCase = raw.prepare(
    `INSERT INTO case_file (id, code, status, priority, risk_level, assigned_to, opened_on, summary, version, created_at, updated_at) VALUES (?, ?, ?, 'normal', ?, ?, '2026-01-01', '', 1, ?, ?)`,
  );
  const insertClient = raw.prepare(
    `INSERT INTO client (id, case_id, legal_name, sort_name, original_names, aliases, version, created_at, updated_at) VALUES (?, ?, ?, ?, '[]', '[]', 1, ?, ?)`,
  );
  raw.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const id = randomUUID();
      const name = `${names[i % names.length]} ${i}`;
      insertCase.run(id, `CK-2026-${String(i + 1).padStart(5, '0')}`, statuses[i % statuses.length], risks[i % risks.length], `Caseworker ${i % 12}`, now, now);
      insertClient.run(randomUUID(), id, name, sortKey(name), now, now);
    }
  })();
}

async function repeat(times: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i += 1) out.push(await fn());
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
