import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECIPIENT_TYPES, REFERRAL_OUTCOMES, REFERRAL_STATUSES } from '../../shared/domain/enums';
import { TAXONOMY, categoryIdOf } from '../../shared/taxonomy';
import { verifyAuditChain } from '../../electron/services/audit/audit.service';
import { listConsents } from '../../electron/services/consents/consents.service';
import { readEvidenceBytes } from '../../electron/services/evidence/evidence.service';
import { buildDemoDocument } from '../../electron/services/demo/demo-data';
import { createDemoVault, DEMO_PASSPHRASE, isDemoVault } from '../../electron/services/demo/demo.service';
import { closeVault, unlockVault, type OpenVault } from '../../electron/services/vault/vault.service';
import { previewPacket, type PacketEnvironment } from '../../electron/services/packets/packets.service';
import { DEFAULT_SETTINGS } from '../../electron/services/settings/settings.service';
import { packetRequest } from '../../shared/ipc/packets-contract';
import { auditVerifyCommand, demoCommand } from '../../electron/cli/commands/records';
import type { CommandIo } from '../../electron/cli/vault-access';
import { makeTempDir, testVaultDeps } from '../support/temp';
import { openTestVault } from '../support/vault';

const TODAY = '2026-11-28';

let temp: ReturnType<typeof makeTempDir>;
let vault: OpenVault;
let records: number;
beforeAll(async () => {
  temp = makeTempDir('ck-demo-');
  const created = await createDemoVault(join(temp.path, 'Demo'), DEMO_PASSPHRASE, testVaultDeps, { today: TODAY });
  vault = created.vault;
  records = created.summary.records;
});
afterAll(() => {
  try {
    closeVault(vault);
  } catch {
    /* already closed */
  }
  temp.remove();
});

const quiet: CommandIo = { out: () => undefined, err: () => undefined };

describe('demo vault', () => {
  it('is a new vault labelled as demo, opened with the published demo passphrase', async () => {
    expect(await isDemoVault(vault.db)).toBe(true);
    const ordinary = await openTestVault();
    try {
      expect(await isDemoVault(ordinary.vault.db)).toBe(false);
    } finally {
      ordinary.close();
    }
    const summaries = vault.raw.prepare('SELECT summary FROM case_file').all() as Array<{ summary: string }>;
    expect(summaries.length).toBeGreaterThanOrEqual(8);
    expect(summaries.every((c) => c.summary.startsWith('Fictional demo case'))).toBe(true);
  });

  it('covers every tactic category, every referral status and outcome, and several recipient types', () => {
    const tactics = vault.raw.prepare('SELECT DISTINCT tactic_id FROM threat').pluck().all() as string[];
    expect(new Set(tactics.map(categoryIdOf))).toEqual(new Set(TAXONOMY.map((c) => c.id)));
    const statuses = vault.raw.prepare('SELECT DISTINCT status FROM referral').pluck().all() as string[];
    expect(new Set(statuses)).toEqual(new Set(REFERRAL_STATUSES));
    const outcomes = vault.raw.prepare('SELECT DISTINCT outcome FROM referral WHERE outcome IS NOT NULL').pluck().all() as string[];
    expect(new Set(outcomes)).toEqual(new Set(REFERRAL_OUTCOMES));
    const recipients = vault.raw.prepare('SELECT DISTINCT recipient_type FROM referral').pluck().all() as string[];
    expect(recipients).toEqual(expect.arrayContaining(['police', 'national_tnr_unit', 'interpol_ccf', 'un_special_procedure', 'asylum_authority', 'ngo']));
    expect(recipients.every((r) => (RECIPIENT_TYPES as readonly string[]).includes(r))).toBe(true);
  });

  it('has consents that are valid, expired and withdrawn, tasks and notes', async () => {
    const caseIds = vault.raw.prepare('SELECT id FROM case_file').pluck().all() as string[];
    const states = new Set<string>();
    for (const id of caseIds) for (const consent of await listConsents(vault.db, id, TODAY)) states.add(consent.state);
    expect(states).toEqual(new Set(['valid', 'expired', 'withdrawn']));
    expect(vault.raw.prepare('SELECT count(*) FROM task').pluck().get()).toBeGreaterThan(5);
    expect(vault.raw.prepare('SELECT count(*) FROM note').pluck().get()).toBeGreaterThan(2);
  });

  it('lets at least 10 of its 12 referrals export with the client’s consent, without an override', async () => {
    const referralIds = vault.raw.prepare('SELECT id FROM referral ORDER BY id').pluck().all() as string[];
    expect(referralIds).toHaveLength(12);
    const env: PacketEnvironment = { today: TODAY, settings: { ...DEFAULT_SETTINGS, organisationName: 'Demo organisation', organisationContact: '' }, generatorVersion: 'test' };
    const states: Record<string, number> = {};
    const blocked: string[] = [];
    for (const referralId of referralIds) {
      const request = packetRequest.parse({ referralId, threatIds: [], evidenceIds: [], includeAsIs: [], overrideReason: null, templateAnswers: {} });
      const { gate } = await previewPacket(vault.db, request, env, new Date(`${TODAY}T10:00:00Z`));
      states[gate.state] = (states[gate.state] ?? 0) + 1;
      if (gate.state === 'blocked') blocked.push(gate.message);
    }
    console.log(`Demo vault: ${states.consent ?? 0} of ${referralIds.length} referrals export with consent; blocked: ${blocked.length}`, blocked);
    expect(states.consent ?? 0).toBeGreaterThanOrEqual(10);
    // The rest are realistic reasons to stop, not vocabulary mismatches.
    for (const message of blocked) expect(message).not.toContain('not for this referral’s purpose');
  });

  it('keeps relatives in the home country as "never disclose", and has perpetrators linked to cases', () => {
    const relatives = vault.raw
      .prepare("SELECT DISTINCT c.sensitivity FROM contact c JOIN case_contact l ON l.contact_id = c.id WHERE l.role = 'family_home'")
      .pluck()
      .all() as string[];
    expect(relatives).toEqual(['never_disclose']);
    expect(vault.raw.prepare("SELECT count(*) FROM case_contact WHERE role = 'perpetrator'").pluck().get()).toBeGreaterThan(3);
    expect(vault.raw.prepare('SELECT count(*) FROM threat_perpetrator').pluck().get()).toBeGreaterThan(3);
  });

  it('has client names in Latin script with originals in Chinese, Uyghur (Arabic script) and Tibetan', () => {
    const clients = vault.raw.prepare('SELECT legal_name, original_names FROM client').all() as Array<{ legal_name: string; original_names: string }>;
    expect(clients.every((c) => /^[\p{Script=Latin}\s'-]+$/u.test(c.legal_name))).toBe(true);
    const originals = clients.flatMap((c) => JSON.parse(c.original_names) as string[]);
    expect(originals.some((n) => /\p{Script=Han}/u.test(n))).toBe(true);
    expect(originals.some((n) => /\p{Script=Arabic}/u.test(n))).toBe(true);
    expect(originals.some((n) => /\p{Script=Tibetan}/u.test(n))).toBe(true);
  });

  it('has JPEG photos carrying GPS in their EXIF and a PDF letter, stored encrypted and intact', async () => {
    const items = vault.raw.prepare('SELECT id, media_type FROM evidence').all() as Array<{ id: string; media_type: string }>;
    const photos = items.filter((i) => i.media_type === 'image/jpeg');
    const pdfs = items.filter((i) => i.media_type === 'application/pdf');
    expect(photos.length).toBeGreaterThanOrEqual(3);
    expect(pdfs.length).toBeGreaterThanOrEqual(1);
    for (const photo of photos) {
      const bytes = await readEvidenceBytes(vault.db, photo.id);
      const gps = (await exifr.gps(bytes)) as { latitude: number; longitude: number } | undefined;
      expect(gps).toBeDefined();
      expect(Math.abs(gps!.latitude)).toBeGreaterThan(0);
      expect(Math.abs(gps!.longitude)).toBeGreaterThan(0);
    }
    const pdf = await readEvidenceBytes(vault.db, pdfs[0]!.id);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const linked = vault.raw.prepare('SELECT count(*) FROM threat_evidence').pluck().get();
    expect(linked).toBeGreaterThanOrEqual(3);
  });

  it('was imported with one audit entry per record, and the chain verifies', async () => {
    expect(await verifyAuditChain(vault.db)).toEqual({ ok: true, entries: records, firstBrokenSeq: null, problem: null });
  });

  it('is the same document every time for the same day', async () => {
    expect(await buildDemoDocument({ today: TODAY })).toEqual(await buildDemoDocument({ today: TODAY }));
  });
});

describe('command line: demo and audit verify', () => {
  it('`demo` creates a new demo vault with the demo passphrase, and `audit verify` finds its chain intact, then a tampered entry', async () => {
    const work = makeTempDir('ck-demo-cli-');
    try {
      const out: string[] = [];
      const io: CommandIo = { out: (t) => out.push(t), err: () => undefined };
      const created = await demoCommand(join(work.path, 'Training'), { kdfMemoryMib: 64, kdfIterations: 1 }, io);
      expect(created.cases).toBeGreaterThanOrEqual(8);
      expect(out.join('\n')).toContain(`Passphrase: ${DEMO_PASSPHRASE}`);
      await expect(demoCommand(join(work.path, 'Training'), { kdfMemoryMib: 64, kdfIterations: 1 }, quiet)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });

      const passphraseFile = join(work.path, 'demo-passphrase.txt');
      writeFileSync(passphraseFile, `${DEMO_PASSPHRASE}\n`, { mode: 0o600 });
      const verifiedOut: string[] = [];
      const verified = await auditVerifyCommand(created.folder, { passphraseFile }, { out: (t) => verifiedOut.push(t), err: () => undefined });
      expect(verified.ok).toBe(true);
      expect(verifiedOut).toEqual([`audit chain ok (${verified.entries} entries)`]);

      const opened = await unlockVault(created.folder, DEMO_PASSPHRASE, testVaultDeps);
      try {
        opened.raw.exec('DROP TRIGGER audit_entry_no_update');
        opened.raw.prepare("UPDATE audit_entry SET actor = 'Mallory' WHERE seq = 5").run();
      } finally {
        closeVault(opened);
      }
      expect(await auditVerifyCommand(created.folder, { passphraseFile }, quiet)).toMatchObject({ ok: false, firstBrokenSeq: 5 });
    } finally {
      work.remove();
    }
  });
});
