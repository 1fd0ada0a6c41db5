import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, updateCase } from '../../electron/services/cases/cases.service';
import { createContactForCase, linkContact } from '../../electron/services/contacts/contacts.service';
import { createThreat } from '../../electron/services/threats/threats.service';
import { addEvidenceBytes, readEvidenceBytes } from '../../electron/services/evidence/evidence.service';
import { createReferral } from '../../electron/services/referrals/referrals.service';
import { createConsent, withdrawConsent } from '../../electron/services/consents/consents.service';
import { createNote } from '../../electron/services/notes/notes.service';
import { createTask } from '../../electron/services/tasks/tasks.service';
import { verifyAuditChain } from '../../electron/services/audit/audit.service';
import { exportVault } from '../../electron/services/interchange/export.service';
import { formatImportProblems, importDocument, ImportRejectedError, listImportProblems } from '../../electron/services/interchange/import.service';
import type { ExportDocument } from '../../electron/services/interchange/format';
import type { RecordContext } from '../../electron/services/records/context';
import type { ThreatFields } from '../../shared/domain/records';
import { closeVault } from '../../electron/services/vault/vault.service';
import { exportCommand, importCommand, registerRecordCommands } from '../../electron/cli/commands/records';
import type { CommandIo } from '../../electron/cli/vault-access';
import { snapshotFiles } from '../support/temp';
import { openTestVault, TEST_PASSPHRASE, type TestVault } from '../support/vault';

let source: TestVault;
let target: TestVault;
beforeEach(async () => {
  source = await openTestVault('Mariam Test');
  target = await openTestVault('Jonas Import');
});
afterEach(() => {
  source.close();
  target.close();
});

function threat(extra: Partial<ThreatFields>): ThreatFields {
  return {
    tacticId: 'threats_from_distance.coercion_by_proxy',
    tacticOther: '',
    datePrecision: 'exact',
    occurredFrom: '2026-05-02',
    occurredTo: null,
    country: 'China',
    city: 'Fuzhou',
    channel: 'via_family',
    targetContactId: null,
    perpetratorIds: [],
    evidenceIds: [],
    description: 'Mother questioned about her daughter abroad.',
    severity: 4,
    verification: 'corroborated',
    ...extra,
  };
}

/** A caseworker's ordinary records: two cases sharing a perpetrator, evidence, referrals, consent, notes and tasks. */
async function recordCasework(ctx: RecordContext): Promise<void> {
  const first = await createCase(ctx, {
    client: { legalName: 'Zhang Min', originalNames: ['张敏'], aliases: ['Min Z.'], languages: ['Mandarin'] },
    case: { riskLevel: 'medium', summary: 'Family pressured to make her return.' },
  });
  await updateCase(ctx, { id: first.id, version: first.version, patch: { riskLevel: 'high' }, riskReason: 'Summons delivered' });
  const mother = await createContactForCase(ctx, {
    caseId: first.id,
    role: 'family_home',
    relationship: 'mother',
    contact: { name: 'Zhang Hua', originalNames: ['张华'], dateOfBirth: '1961-03-02', identityDocuments: ['ID card CN 350102196103020021'] },
  });
  const agent = await createContactForCase(ctx, { caseId: first.id, role: 'perpetrator', contact: { name: 'Officer Zhao', handles: ['wxid_zhao'] } });
  const photo = await addEvidenceBytes(ctx, {
    caseId: first.id,
    evidence: { fileName: 'summons.jpg', mediaType: 'image/jpeg', collectedAt: '2026-05-03T10:00:00Z', collectedHow: 'Signal', collectedBy: '', collectedFrom: 'Cousin', description: 'Summons' },
    data: Buffer.from('not really a jpeg, but bytes all the same \u0000\u0001\u0002'),
  });
  const proxy = await createThreat(ctx, { caseId: first.id, threat: threat({ targetContactId: mother.id, perpetratorIds: [agent.id], evidenceIds: [photo.id] }) });
  const persuade = await createThreat(ctx, {
    caseId: first.id,
    threat: threat({ tacticId: 'threats_from_distance.persuade_to_return', channel: 'messaging', perpetratorIds: [agent.id], datePrecision: 'range', occurredFrom: '2026-05-01', occurredTo: '2026-05-20' }),
  });
  const referral = await createReferral(ctx, {
    caseId: first.id,
    referral: { recipientType: 'police', recipientOrg: 'City police', status: 'sent', sentOn: '2026-05-21', followUpOn: '2026-06-21', threatIds: [proxy.id, persuade.id] },
  });
  const consent = await createConsent(ctx, {
    caseId: first.id,
    consent: { recipientType: 'ngo', recipientOrg: 'Helpline', purposeIds: ['ngo.security_support'], purposeDetail: 'Analysis', scopeIdentity: 'pseudonymised', scopeEvidence: true, obtainedHow: 'verbal', givenOn: '2026-05-04', expiresOn: null },
  });
  await withdrawConsent(ctx, { id: consent.id, version: consent.version, withdrawnOn: '2026-05-10', note: 'Changed her mind' });
  await createConsent(ctx, {
    caseId: first.id,
    consent: { recipientType: 'police', recipientOrg: '', purposeIds: ['police.criminal_complaint', 'police.general'], purposeDetail: 'Complaint', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', givenOn: '2026-05-20', expiresOn: '2027-05-20' },
    referralId: referral.id,
  });
  await createNote(ctx, { caseId: first.id, body: 'Anxious; weekly calls agreed.' });
  await createTask(ctx, { caseId: first.id, task: { title: 'Chase the police', dueOn: '2026-06-21', referralId: referral.id } });

  const second = await createCase(ctx, { client: { legalName: 'Ömer Yılmaz' } });
  await linkContact(ctx, { caseId: second.id, contactId: agent.id, role: 'perpetrator', relationship: 'same officer' });
  await createThreat(ctx, { caseId: second.id, threat: threat({ tacticId: 'direct_attack.stalking', channel: 'in_person', perpetratorIds: [agent.id], country: 'Germany', city: 'Berlin' }) });
}

const withoutStamp = (doc: ExportDocument) => ({ ...doc, exportedAt: '(ignored)' });
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

async function countRows(t: TestVault): Promise<Record<string, number>> {
  const tables = ['case_file', 'client', 'risk_change', 'contact', 'case_contact', 'threat', 'threat_perpetrator', 'evidence', 'evidence_chunk', 'threat_evidence', 'referral', 'referral_threat', 'consent', 'note', 'task', 'audit_entry'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = (t.vault.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return counts;
}

/** The vault's files without SQLite's shared-memory index, which readers may touch. */
function vaultBytes(t: TestVault): Record<string, string> {
  const files = snapshotFiles(t.vault.paths.folder);
  return Object.fromEntries(Object.entries(files).filter(([name]) => !name.endsWith('-shm')));
}

describe('export and import', () => {
  it('a caseworker exports a vault and imports it into a new one: exporting again gives the same document', async () => {
    await recordCasework(source.ctx);
    const exported = await exportVault(source.vault.db);
    expect(exported).toMatchObject({ format: 'casekeeper-export', formatVersion: 2 });
    expect(exported.cases).toHaveLength(2);
    expect(exported.contacts).toHaveLength(2);

    const summary = await importDocument(target.ctx, roundTrip(exported));
    expect(summary).toMatchObject({ cases: 2, contacts: 2, evidence: 1 });
    const again = await exportVault(target.vault.db);
    expect(withoutStamp(again)).toEqual(withoutStamp(exported));

    // Ids, versions and the evidence's bytes came across unchanged…
    const evidence = exported.cases.find((c) => c.evidence.length > 0)!.evidence[0]!;
    expect((await readEvidenceBytes(target.vault.db, evidence.id)).toString('base64')).toBe(evidence.dataBase64);
    expect(again.cases.map((c) => [c.id, c.code, c.version])).toEqual(exported.cases.map((c) => [c.id, c.code, c.version]));
    // …and the import is in the new vault's own audit log, one entry per record, chain intact.
    const imports = target.vault.raw.prepare("SELECT entity, actor FROM audit_entry WHERE action = 'import'").all() as Array<{ entity: string; actor: string }>;
    expect(imports).toHaveLength(summary.records);
    expect(new Set(imports.map((e) => e.actor))).toEqual(new Set(['Jonas Import']));
    expect(imports.filter((e) => e.entity === 'evidence')).toHaveLength(1);
    expect(await verifyAuditChain(target.vault.db)).toMatchObject({ ok: true, entries: summary.records });
  });

  it('the new fields travel: a relative’s birth date and ID numbers, structured purposes and the referral’s linked consent', async () => {
    await recordCasework(source.ctx);
    const exported = await exportVault(source.vault.db);
    expect(exported.contacts.find((c) => c.name === 'Zhang Hua')).toMatchObject({ dateOfBirth: '1961-03-02', identityDocuments: ['ID card CN 350102196103020021'] });
    const kase = exported.cases.find((c) => c.referrals.length > 0)!;
    const police = kase.consents.find((c) => c.recipientType === 'police')!;
    expect(police).toMatchObject({ purposeIds: ['police.criminal_complaint', 'police.general'], purposeDetail: 'Complaint' });
    expect(kase.referrals[0]).toMatchObject({ purposeId: 'police.general', purposeDetail: '', consentId: police.id });
    await importDocument(target.ctx, roundTrip(exported));
    expect(withoutStamp(await exportVault(target.vault.db))).toEqual(withoutStamp(exported));
  });

  it('a format 1 file (before structured purposes) imports: each free-text purpose is mapped as the vault migration maps it, and kept as the detail', async () => {
    await recordCasework(source.ctx);
    const legacy = { ...roundTrip(await exportVault(source.vault.db)), formatVersion: 1 } as unknown as { contacts: Array<Record<string, unknown>>; cases: Array<{ referrals: Array<Record<string, unknown>>; consents: Array<Record<string, unknown>> }> };
    for (const contact of legacy.contacts) {
      delete contact.dateOfBirth;
      delete contact.identityDocuments;
    }
    for (const kase of legacy.cases) {
      for (const referral of kase.referrals) {
        delete referral.purposeId;
        delete referral.purposeDetail;
        delete referral.consentId;
        referral.purpose = 'Criminal complaint about the summons';
      }
      for (const consent of kase.consents) {
        delete consent.purposeIds;
        delete consent.purposeDetail;
        consent.purpose = consent.recipientType === 'police' ? 'Criminal complaint, and protection for the family' : 'Analysis of the phishing e-mail';
      }
    }
    expect(await listImportProblems(target.vault.db, legacy)).toEqual([]);
    await importDocument(target.ctx, legacy);
    const imported = await exportVault(target.vault.db);
    const kase = imported.cases.find((c) => c.referrals.length > 0)!;
    expect(kase.referrals[0]).toMatchObject({ purposeId: 'police.criminal_complaint', purposeDetail: 'Criminal complaint about the summons', consentId: null });
    // "complaint … protection" names two police purposes: the general one, with the words kept.
    expect(kase.consents.find((c) => c.recipientType === 'police')).toMatchObject({ purposeIds: ['police.general'], purposeDetail: 'Criminal complaint, and protection for the family' });
    expect(kase.consents.find((c) => c.recipientType === 'ngo')).toMatchObject({ purposeIds: ['ngo.general'], purposeDetail: 'Analysis of the phishing e-mail' });
    expect(imported.contacts.find((c) => c.name === 'Zhang Hua')).toMatchObject({ dateOfBirth: null, identityDocuments: [] });
  });

  it('a purpose from another recipient type, or a link to a consent the case does not have, is refused at its path', async () => {
    await recordCasework(source.ctx);
    const doc = roundTrip(await exportVault(source.vault.db));
    const kase = doc.cases.find((c) => c.referrals.length > 0)!;
    kase.referrals[0]!.purposeId = 'lawyer.legal_advice';
    kase.referrals[0]!.consentId = randomUUID();
    kase.consents[0]!.purposeIds = ['police.criminal_complaint'];
    const problems = await listImportProblems(target.vault.db, doc);
    const index = doc.cases.indexOf(kase);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: `$.cases[${index}].referrals[0].purposeId`, message: expect.stringContaining('not a purpose for the recipient type "police"') },
        { path: `$.cases[${index}].referrals[0].consentId`, message: expect.stringContaining('There is no consent with id') },
        { path: `$.cases[${index}].consents[0].purposeIds[0]`, message: expect.stringContaining('not a purpose for the recipient type "ngo"') },
      ]),
    );
  });

  it('a malformed file is refused with every problem at its JSON path, and nothing is written', async () => {
    await recordCasework(source.ctx);
    const doc = roundTrip(await exportVault(source.vault.db)) as unknown as ExportDocument & Record<string, unknown>;
    const kase = doc.cases.find((c) => c.threats.length === 2)!;
    const index = doc.cases.indexOf(kase);
    const at = (path: string) => `$.cases[${index}].${path}`;
    (kase.threats[0] as unknown as Record<string, unknown>).severity = 'very high';
    (kase.client as unknown as Record<string, unknown>).favouriteColour = 'blue';
    kase.threats[1]!.tacticId = 'direct_attack.teleportation';
    kase.threats[1]!.perpetratorIds.push(randomUUID());
    kase.referrals[0]!.threatIds.push(randomUUID());
    kase.tasks[0]!.referralId = randomUUID();
    kase.evidence[0]!.sha256 = 'f'.repeat(64);
    kase.contactLinks.push({ contactId: randomUUID(), role: 'friend', relationship: '' });

    // The target already has work in it, which must stay exactly as it was.
    await createCase(target.ctx, { client: { legalName: 'Existing client' } });
    target.vault.raw.pragma('wal_checkpoint(TRUNCATE)');
    const bytesBefore = vaultBytes(target);
    const countsBefore = await countRows(target);

    const error = await importDocument(target.ctx, doc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect(error).toMatchObject({ code: 'VALIDATION' });
    const problems = (error as ImportRejectedError).problems;
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        at('threats[0].severity'),
        at('client.favouriteColour'),
        at('threats[1].tacticId'),
        at('threats[1].perpetratorIds[1]'),
        at('referrals[0].threatIds[2]'),
        at('tasks[0].referralId'),
        at('evidence[0].sha256'),
        at(`contactLinks[${kase.contactLinks.length - 1}].contactId`),
      ]),
    );
    expect(problems.find((p) => p.path === at('threats[1].tacticId'))!.message).toMatch(/taxonomy/);
    expect(problems.find((p) => p.path === at('evidence[0].sha256'))!.message).toMatch(/SHA-256/);
    expect((error as Error).message).toContain(`${at('threats[1].tacticId')}: `);
    expect(await listImportProblems(target.vault.db, doc)).toEqual(problems);

    expect(await countRows(target)).toEqual(countsBefore);
    expect(vaultBytes(target)).toEqual(bytesBefore);
  });

  it('ids and case codes already in the vault, or used twice in the file, are refused', async () => {
    await recordCasework(source.ctx);
    const doc = roundTrip(await exportVault(source.vault.db));
    await importDocument(target.ctx, doc);
    const counts = await countRows(target);

    const problems = await listImportProblems(target.vault.db, doc);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.contacts[0].id', '$.cases[0].id', '$.cases[0].code', '$.cases[1].client.id']));
    expect(problems.find((p) => p.path === '$.cases[0].id')!.message).toMatch(/already in the vault/);
    await expect(importDocument(target.ctx, doc)).rejects.toBeInstanceOf(ImportRejectedError);
    expect(await countRows(target)).toEqual(counts);

    const twice = roundTrip(doc);
    twice.cases[1]!.id = twice.cases[0]!.id;
    twice.cases[1]!.code = twice.cases[0]!.code;
    const fresh = await openTestVault();
    try {
      const inFile = await listImportProblems(fresh.vault.db, twice);
      expect(inFile).toEqual(
        expect.arrayContaining([
          { path: '$.cases[1].id', message: expect.stringMatching(/used twice in this file \(also at \$\.cases\[0\]\.id\)/) },
          { path: '$.cases[1].code', message: expect.stringMatching(/used twice/) },
        ]),
      );
    } finally {
      fresh.close();
    }
  });

  it('a file from a newer Casekeeper is refused with a clear message', async () => {
    const doc = { ...roundTrip(await exportVault(source.vault.db)), formatVersion: 3, somethingNew: [] };
    const problems = await listImportProblems(target.vault.db, doc);
    expect(problems).toEqual([{ path: '$.formatVersion', message: expect.stringMatching(/format version 3, written by a newer Casekeeper.*update Casekeeper/) }]);
    expect(await listImportProblems(target.vault.db, { hello: 'world' })).toEqual([{ path: '$.format', message: expect.stringMatching(/not a Casekeeper export/) }]);
    expect(await listImportProblems(target.vault.db, [])).toEqual([{ path: '$', message: expect.stringMatching(/not a Casekeeper export/) }]);
  });

  it('the error message lists the first 20 problems and how many more there are', () => {
    const problems = Array.from({ length: 23 }, (_, i) => ({ path: `$.cases[${i}].code`, message: 'bad' }));
    const message = formatImportProblems(problems);
    expect(message).toMatch(/^The file was not imported: 23 problems found, and nothing was changed\./);
    expect(message).toContain('$.cases[19].code: bad');
    expect(message).not.toContain('$.cases[20].code');
    expect(message).toMatch(/…and 3 more\.$/);
  });
});

describe('command line: export and import', () => {
  function capture(): CommandIo & { outText: string[]; errText: string[] } {
    const outText: string[] = [];
    const errText: string[] = [];
    return { outText, errText, out: (t) => outText.push(t), err: (t) => errText.push(t) };
  }

  it('exports to a new file (warning that it is plaintext), refuses to overwrite without --force, and imports it', async () => {
    await recordCasework(source.ctx);
    const passphraseFile = join(source.temp.path, 'passphrase.txt');
    writeFileSync(passphraseFile, `${TEST_PASSPHRASE}\n`, { mode: 0o600 });
    // The CLI opens vaults itself: close the test's handles first.
    closeVault(source.vault);
    closeVault(target.vault);
    const out = join(source.temp.path, 'export.json');

    const io = capture();
    const summary = await exportCommand(source.vault.paths.folder, { out, passphraseFile }, io);
    expect(summary).toMatchObject({ cases: 2, contacts: 2, evidence: 1 });
    expect(io.errText.join('\n')).toMatch(/plaintext/);
    expect(io.outText.join('\n')).toMatch(/Exported 2 cases, 2 contacts and 1 evidence file/);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 'casekeeper-export', formatVersion: 2 });
    expect(readdirSync(source.temp.path).filter((name) => name.endsWith('.partial'))).toEqual([]);

    const before = readFileSync(out);
    await expect(exportCommand(source.vault.paths.folder, { out, passphraseFile }, capture())).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(readFileSync(out)).toEqual(before);
    await exportCommand(source.vault.paths.folder, { out, passphraseFile, force: true }, capture());

    const imported = await importCommand(target.vault.paths.folder, out, { passphraseFile }, capture());
    expect(imported).toMatchObject({ ok: true, summary: { cases: 2 } });

    const broken = join(source.temp.path, 'broken.json');
    const doc = JSON.parse(readFileSync(out, 'utf8')) as ExportDocument;
    doc.cases[0]!.threats[0]!.tacticId = 'nope';
    writeFileSync(broken, JSON.stringify(doc));
    const refusedIo = capture();
    const refused = await importCommand(target.vault.paths.folder, broken, { passphraseFile }, refusedIo);
    expect(refused.ok).toBe(false);
    expect(refusedIo.errText.join('\n')).toMatch(/\$\.cases\[0\]\.threats\[0\]\.tacticId: .*taxonomy/);

    writeFileSync(broken, '{ not json');
    expect(await importCommand(target.vault.paths.folder, broken, { passphraseFile }, capture())).toMatchObject({ ok: false, problems: [{ path: '$' }] });
    expect(existsSync(out)).toBe(true);
  });

  it('registers export, import, demo and audit verify', () => {
    const program = new Command('casekeeper');
    registerRecordCommands(program);
    const names = program.commands.map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining(['export', 'import', 'demo', 'audit']));
    expect(program.commands.find((c) => c.name() === 'audit')!.commands.map((c) => c.name())).toEqual(['verify']);
    // The import's help says which exit code an invalid file gives.
    let help = '';
    const importCommandHelp = program.commands.find((c) => c.name() === 'import')!;
    importCommandHelp.configureOutput({ writeOut: (text) => (help += text) }).outputHelp();
    expect(help).toMatch(/import \[options\] <vault> <file>/);
    expect(help).toMatch(/JSON path[\s\S]*exit code\s+is 1/);
  });
});

describe('an import file is taken as written, or refused (issue 14)', () => {
  async function exportedText(): Promise<{ text: string; passphraseFile: string }> {
    await createCase(source.ctx, { client: { legalName: 'Zhang Min', originalNames: ['张敏'] } });
    const kase = (await exportVault(source.vault.db)).cases[0]!;
    await addEvidenceBytes(source.ctx, {
      caseId: kase.id,
      evidence: { fileName: 'photo.png', mediaType: 'image/png', collectedAt: '2026-05-03T10:00:00Z', collectedHow: 'Signal', collectedBy: '', collectedFrom: 'Client', description: '' },
      data: Buffer.from('not really a png'),
    });
    const text = JSON.stringify(await exportVault(source.vault.db), null, 2);
    const passphraseFile = join(target.temp.path, 'passphrase.txt');
    writeFileSync(passphraseFile, `${TEST_PASSPHRASE}\n`, { mode: 0o600 });
    closeVault(target.vault);
    return { text, passphraseFile };
  }

  async function importBytes(bytes: Buffer, passphraseFile: string): Promise<{ ok: boolean; problems?: Array<{ path: string; message: string }>; err: string }> {
    const file = join(target.temp.path, 'import.json');
    writeFileSync(file, bytes);
    const err: string[] = [];
    const result = await importCommand(target.vault.paths.folder, file, { passphraseFile }, { out: () => undefined, err: (t) => err.push(t) });
    return { ...(result as { ok: boolean; problems?: Array<{ path: string; message: string }> }), err: err.join('\n') };
  }

  async function casesInTarget(passphraseFile: string): Promise<number> {
    const passphrase = readFileSync(passphraseFile, 'utf8').trim();
    const { unlockVault } = await import('../../electron/services/vault/vault.service');
    const { testVaultDeps } = await import('../support/temp');
    const vault = await unlockVault(target.vault.paths.folder, passphrase, testVaultDeps);
    try {
      return (await vault.db.selectFrom('case_file').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    } finally {
      closeVault(vault);
    }
  }

  it('invalid UTF-8 inside a name is refused at its JSON path, instead of becoming U+FFFD', async () => {
    const { text, passphraseFile } = await exportedText();
    const bytes = Buffer.from(text, 'utf8');
    // "Zhang Min" → "Zhang M\xC3n": a lone lead byte, which a lenient decoder turns into U+FFFD.
    const at = bytes.indexOf(Buffer.from('"Zhang Min"'));
    bytes[at + 'Zhang M'.length + 1] = 0xc3;
    const result = await importBytes(bytes, passphraseFile);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ path: '$.cases[0].client.legalName', message: expect.stringMatching(/not valid UTF-8/) }]);
    expect(await casesInTarget(passphraseFile)).toBe(0);
  });

  it('a field named twice in one object is refused at its JSON path, instead of the last one silently winning', async () => {
    const { text, passphraseFile } = await exportedText();
    const doubled = text.replace('"legalName": "Zhang Min",', '"legalName": "Zhang Min",\n        "legal\\u004eame": "Someone Else",');
    expect(doubled).not.toBe(text);
    const result = await importBytes(Buffer.from(doubled, 'utf8'), passphraseFile);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ path: '$.cases[0].client.legalName', message: expect.stringMatching(/appears twice/) }]);
    expect(await casesInTarget(passphraseFile)).toBe(0);
  });

  it('an evidence file name with folders or a hidden direction mark is refused, as attaching it in the app would clean it', async () => {
    const { text, passphraseFile } = await exportedText();
    const doc = JSON.parse(text) as ExportDocument;
    doc.cases[0]!.evidence[0]!.fileName = '../../..\\evil\u202egpj.exe';
    const result = await importBytes(Buffer.from(JSON.stringify(doc), 'utf8'), passphraseFile);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ path: '$.cases[0].evidence[0].fileName', message: expect.stringMatching(/not safe to store.*"evil_gpj\.exe"/) }]);
    expect(await casesInTarget(passphraseFile)).toBe(0);
  });

  it('a byte-order mark and escaped characters are fine: the file imports as written', async () => {
    const { text, passphraseFile } = await exportedText();
    const result = await importBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace('张敏', '\\u5f20\\u654f'), 'utf8')]), passphraseFile);
    expect(result.ok).toBe(true);
    expect(await casesInTarget(passphraseFile)).toBe(1);
  });
});
