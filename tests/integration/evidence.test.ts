import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES, evidenceContentDto, evidenceDto } from '../../shared/domain/records';
import { createCase } from '../../electron/services/cases/cases.service';
import {
  addEvidence,
  addEvidenceBytes,
  deleteEvidence,
  getEvidenceContent,
  listEvidence,
  readEvidenceBytes,
  safeFileName,
  updateEvidence,
  type EvidenceFieldsInput,
} from '../../electron/services/evidence/evidence.service';
import { createThreat, listThreats } from '../../electron/services/threats/threats.service';
import { listCaseHistory, verifyAuditChain } from '../../electron/services/audit/audit.service';
import { findCanaries, makeCanaries } from '../support/temp';
import { openTestVault, type TestVault } from '../support/vault';

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault();
});
afterEach(() => t.close());

const MiB = 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function meta(extra: Partial<EvidenceFieldsInput> = {}): EvidenceFieldsInput {
  return {
    fileName: 'photo.jpg',
    mediaType: 'image/jpeg',
    collectedAt: '2026-10-03T14:20:00Z',
    collectedHow: 'Client forwarded it over Signal',
    collectedBy: '',
    collectedFrom: 'Client’s phone',
    description: 'Police car outside the family home',
    ...extra,
  };
}

const newCase = (legalName = 'Aziz Tursun') => createCase(t.ctx, { client: { legalName } });

function threatFor(caseId: string) {
  return createThreat(t.ctx, {
    caseId,
    threat: {
      tacticId: 'threats_from_distance.coercion_by_proxy',
      tacticOther: '',
      datePrecision: 'exact',
      occurredFrom: '2026-10-02',
      occurredTo: null,
      country: 'China',
      city: 'Kashgar',
      channel: 'via_family',
      targetContactId: null,
      perpetratorIds: [],
      evidenceIds: [],
      description: '',
      severity: 4,
      verification: 'unverified',
    },
  });
}

describe('evidence intake', () => {
  it('a 3 MiB photo round-trips byte-for-byte, its SHA-256 and size are recorded, and it is stored in 1 MiB chunks', async () => {
    const kase = await newCase();
    const photo = randomBytes(3 * MiB + 4321);
    const added = await addEvidenceBytes(t.ctx, { caseId: kase.id, evidence: meta(), data: photo });
    expect(evidenceDto.parse(added)).toEqual(added);
    expect(added).toMatchObject({
      caseId: kase.id,
      fileName: 'photo.jpg',
      mediaType: 'image/jpeg',
      sizeBytes: photo.length,
      sha256: sha256(photo),
      collectedAt: '2026-10-03T14:20:00Z',
      collectedHow: 'Client forwarded it over Signal',
      collectedBy: 'Mariam Test',
      collectedFrom: 'Client’s phone',
      version: 1,
      threatIds: [],
    });
    const chunks = t.vault.raw.prepare('SELECT seq, length(data) AS n FROM evidence_chunk WHERE evidence_id = ? ORDER BY seq').all(added.id);
    expect(chunks).toEqual([
      { seq: 0, n: MiB },
      { seq: 1, n: MiB },
      { seq: 2, n: MiB },
      { seq: 3, n: 4321 },
    ]);
    expect((await readEvidenceBytes(t.vault.db, added.id)).equals(photo)).toBe(true);
    const content = await getEvidenceContent(t.vault.db, added.id);
    expect(evidenceContentDto.parse(content)).toEqual(content);
    expect(content).toMatchObject({ mediaType: 'image/jpeg', fileName: 'photo.jpg' });
    expect(Buffer.from(content.dataBase64, 'base64').equals(photo)).toBe(true);
  });

  it('a file attached in the app arrives as base64 and is decoded exactly; damaged base64 is refused', async () => {
    const kase = await newCase();
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    const added = await addEvidence(t.ctx, { caseId: kase.id, evidence: meta({ collectedBy: 'Field office' }), dataBase64: bytes.toString('base64'), threatIds: [] });
    expect(added.collectedBy).toBe('Field office');
    expect((await readEvidenceBytes(t.vault.db, added.id)).equals(bytes)).toBe(true);
    for (const bad of ['AAEC+vv8/f7/!', 'AAEC +vv8/f7/', 'AAE', 'AB==', 'data:image/png;base64,AAAA']) {
      await expect(addEvidence(t.ctx, { caseId: kase.id, evidence: meta(), dataBase64: bad, threatIds: [] }), bad).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringContaining('not valid base64'),
      });
    }
    expect(await listEvidence(t.vault.db, kase.id)).toHaveLength(1);
  });

  it('a file over the limit is refused with the limit in the message; an empty file is refused too', async () => {
    const kase = await newCase();
    await expect(addEvidenceBytes(t.ctx, { caseId: kase.id, evidence: meta(), data: Buffer.alloc(EVIDENCE_MAX_BYTES + 1) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/limit for evidence is 64 MiB/),
    });
    await expect(addEvidenceBytes(t.ctx, { caseId: kase.id, evidence: meta(), data: Buffer.alloc(0) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('empty'),
    });
    expect(await listEvidence(t.vault.db, kase.id)).toEqual([]);
  });

  it('folders and control characters are stripped from file names, so a name cannot point elsewhere or disguise its type', async () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\aziz\\Pictures\\家.jpg')).toBe('家.jpg');
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoice_fdp.exe');
    expect(safeFileName('a\nb\u0000c.txt')).toBe('a_b_c.txt');
    expect(safeFileName('folder/')).toBe('evidence');
    expect(safeFileName('..')).toBe('evidence');
    const long = safeFileName(`${'ع'.repeat(300)}.pdf`);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.pdf')).toBe(true);

    const kase = await newCase();
    const added = await addEvidenceBytes(t.ctx, { caseId: kase.id, evidence: meta({ fileName: '/home/aziz/Downloads/消息记录.txt' }), data: Buffer.from('hi') });
    expect(added.fileName).toBe('消息记录.txt');
  });

  it('evidence for a case that does not exist is refused with NOT_FOUND', async () => {
    await expect(
      addEvidenceBytes(t.ctx, { caseId: '00000000-0000-4000-8000-000000000000', evidence: meta(), data: Buffer.from('x') }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the file’s contents never appear in plaintext in the vault folder', async () => {
    const kase = await newCase();
    const { latin, chinese } = makeCanaries();
    await addEvidenceBytes(t.ctx, { caseId: kase.id, evidence: meta({ fileName: 'chat.txt', mediaType: 'text/plain' }), data: Buffer.from(`${latin}\n${chinese}\n`) });
    t.vault.raw.pragma('wal_checkpoint(TRUNCATE)');
    expect(findCanaries([t.temp.path], [latin, chinese])).toEqual([]);
  });
});

describe('reading evidence', () => {
  it('a tampered evidence chunk is detected on read (CORRUPT)', async () => {
    const kase = await newCase();
    const data = randomBytes(2 * MiB + 10);
    const added = await addEvidenceBytes(t.ctx, { caseId: kase.id, evidence: meta(), data });
    const altered = Buffer.from(data.subarray(MiB, 2 * MiB));
    altered[12345] = altered[12345]! ^ 0xff;
    t.vault.raw.prepare('UPDATE evidence_chunk SET data = ? WHERE evidence_id = ? AND seq = 1').run(altered, added.id);
    await expect(getEvidenceContent(t.vault.db, added.id)).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('SHA-256') });
    await expect(readEvidenceBytes(t.vault.db, added.id)).rejects.toMatchObject({ code: 'CORRUPT' });
  });

  it('a missing chunk is detected on read (CORRUPT)', async () => {
    const kase = await newCase();
    const added = await addEvidenceBytes(t.ctx, { caseId: kase.id, evidence: meta(), data: randomBytes(MiB + 1) });
    t.vault.raw.prepare('DELETE FROM evidence_chunk WHERE evidence_id = ? AND seq = 1').run(added.id);
    await expect(readEvidenceBytes(t.vault.db, added.id)).rejects.toMatchObject({ code: 'CORRUPT' });
  });

  it('lists a case’s evidence newest first, with the threats each supports', async () => {
    const kase = await newCase();
    const other = await newCase('Other');
    const threat = await threatFor(kase.id);
    const first = await addEvidenceBytes({ ...t.ctx, now: () => new Date('2026-10-04T08:00:00Z') }, { caseId: kase.id, evidence: meta({ fileName: 'first.jpg' }), data: Buffer.from('1') });
    const second = await addEvidenceBytes({ ...t.ctx, now: () => new Date('2026-10-05T08:00:00Z') }, {
      caseId: kase.id,
      evidence: meta({ fileName: 'second.jpg' }),
      data: Buffer.from('2'),
      threatIds: [threat.id],
    });
    await addEvidenceBytes(t.ctx, { caseId: other.id, evidence: meta({ fileName: 'elsewhere.jpg' }), data: Buffer.from('3') });
    const listed = await listEvidence(t.vault.db, kase.id);
    expect(listed.map((e) => [e.fileName, e.threatIds])).toEqual([
      ['second.jpg', [threat.id]],
      ['first.jpg', []],
    ]);
    expect(listed.map((e) => e.id)).toEqual([second.id, first.id]);
    expect((await listThreats(t.vault.db, kase.id))[0]!.evidenceIds).toEqual([second.id]);
  });
});

describe('editing and deleting evidence', () => {
  it('only the description and threat links change; links to another case’s threats are refused; stale edits CONFLICT', async () => {
    const kase = await newCase();
    const other = await newCase('Other');
    const threat = await threatFor(kase.id);
    const foreign = await threatFor(other.id);
    await expect(addEvidenceBytes(t.ctx, { caseId: kase.id, evidence: meta(), data: Buffer.from('x'), threatIds: [foreign.id] })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('does not belong to this case'),
    });
    const added = await addEvidenceBytes(t.ctx, { caseId: kase.id, evidence: meta(), data: Buffer.from('original bytes') });
    const edited = await updateEvidence(t.as('Jonas'), { id: added.id, version: 1, patch: { description: 'Taken by the neighbour', threatIds: [threat.id] } });
    expect(edited).toMatchObject({ version: 2, description: 'Taken by the neighbour', threatIds: [threat.id], sha256: added.sha256, sizeBytes: added.sizeBytes });
    expect((await readEvidenceBytes(t.vault.db, added.id)).toString()).toBe('original bytes');
    await expect(updateEvidence(t.ctx, { id: added.id, version: 1, patch: { description: 'mine' } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Jonas'),
    });
    await expect(updateEvidence(t.ctx, { id: added.id, version: 2, patch: { threatIds: [foreign.id] } })).rejects.toMatchObject({ code: 'VALIDATION' });
    const [entry] = await listCaseHistory(t.vault.db, kase.id);
    expect(entry).toMatchObject({ action: 'update', entity: 'evidence', actor: 'Jonas' });
    expect(entry!.changes).toEqual([
      { field: 'description', from: 'Police car outside the family home', to: 'Taken by the neighbour' },
      { field: 'threatIds', from: [], to: [threat.id] },
    ]);
  });

  it('deleting evidence removes its bytes and links, needs the current version, and is audited', async () => {
    const kase = await newCase();
    const threat = await threatFor(kase.id);
    const added = await addEvidenceBytes(t.ctx, { caseId: kase.id, evidence: meta(), data: randomBytes(MiB + 5), threatIds: [threat.id] });
    await expect(deleteEvidence(t.ctx, { id: added.id, version: 2 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(deleteEvidence(t.ctx, { id: added.id, version: 1 })).resolves.toEqual({ deleted: true });
    expect(t.vault.raw.prepare('SELECT count(*) AS n FROM evidence_chunk').get()).toEqual({ n: 0 });
    expect((await listThreats(t.vault.db, kase.id))[0]!.evidenceIds).toEqual([]);
    await expect(getEvidenceContent(t.vault.db, added.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [entry] = await listCaseHistory(t.vault.db, kase.id);
    expect(entry).toMatchObject({ action: 'delete', entity: 'evidence', entityId: added.id });
    expect(entry!.changes).toContainEqual({ field: 'sha256', from: added.sha256, to: null });
  });

  it('audit entries exist for each change, hold the metadata but never the bytes, and the chain verifies', async () => {
    const kase = await newCase();
    const secret = Buffer.from(`secret-bytes-${randomBytes(8).toString('hex')}`);
    const added = await addEvidenceBytes(t.ctx, { caseId: kase.id, evidence: meta(), data: secret });
    const edited = await updateEvidence(t.ctx, { id: added.id, version: 1, patch: { description: 'new' } });
    await deleteEvidence(t.ctx, { id: edited.id, version: edited.version });
    const history = (await listCaseHistory(t.vault.db, kase.id)).filter((h) => h.entity === 'evidence');
    expect(history.map((h) => h.action)).toEqual(['delete', 'update', 'create']);
    const created = history[2]!;
    expect(created.changes).toContainEqual({ field: 'sha256', from: null, to: sha256(secret) });
    expect(created.changes).toContainEqual({ field: 'collectedBy', from: null, to: 'Mariam Test' });
    const raw = t.vault.raw.prepare('SELECT group_concat(diff) AS d FROM audit_entry').get() as { d: string };
    expect(raw.d).not.toContain(secret.toString());
    expect(raw.d).not.toContain(secret.toString('base64'));
    expect(await verifyAuditChain(t.vault.db)).toMatchObject({ ok: true });
  });
});
