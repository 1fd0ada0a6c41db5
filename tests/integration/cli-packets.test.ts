import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/services/cases/cases.service';
import { createConsent } from '../../electron/services/consents/consents.service';
import { createContactForCase } from '../../electron/services/contacts/contacts.service';
import { createReferral } from '../../electron/services/referrals/referrals.service';
import { updateSettings } from '../../electron/services/settings/settings.service';
import { createThreat } from '../../electron/services/threats/threats.service';
import { closeVault, createVault } from '../../electron/services/vault/vault.service';
import { makeTempDir, testVaultDeps } from '../support/temp';

/** `casekeeper referral|profile|packet …` as a script runs them: child processes, no terminal. */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'casekeeper.mjs');
const PASSPHRASE = 'harbour lantern quietly mango';

function casekeeper(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { CASEKEEPER_PASSPHRASE: _p, CASEKEEPER_NEW_PASSPHRASE: _n, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const guard = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

let temp: ReturnType<typeof makeTempDir>;
let vaultPath: string;
let passFile: string;
let caseCode: string;
let policeReferral: string;
let lawyerReferral: string;

beforeAll(async () => {
  temp = makeTempDir('ck-cli-packets-');
  vaultPath = join(temp.path, 'Casework.ckvault');
  passFile = join(temp.path, 'pass');
  writeFileSync(passFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  const { vault } = await createVault(vaultPath, PASSPHRASE, { withRecoveryKey: false }, testVaultDeps);
  try {
    const ctx = { db: vault.db, actor: 'Ruth Klein', now: () => new Date() };
    await updateSettings(vault.db, { organisationName: 'Harbour Rights Centre' });
    const kase = await createCase(ctx, { client: { legalName: 'Li Wei', originalNames: ['李伟'] } });
    caseCode = kase.code;
    const mother = await createContactForCase(ctx, { caseId: kase.id, role: 'family_home', relationship: 'mother', contact: { name: 'Zhang Xiuying', phones: ['+86 138 0013 8000'] } });
    const threat = await createThreat(ctx, {
      caseId: kase.id,
      threat: {
        tacticId: 'threats_from_distance.coercion_by_proxy',
        tacticOther: '',
        datePrecision: 'month',
        occurredFrom: '2026-10-01',
        occurredTo: null,
        country: 'China',
        city: '',
        channel: 'phone',
        targetContactId: mother.id,
        perpetratorIds: [],
        evidenceIds: [],
        description: 'Police called Zhang Xiuying on 138 0013 8000 about her son.',
        severity: 4,
        verification: 'unverified',
      },
    });
    policeReferral = (await createReferral(ctx, { caseId: kase.id, referral: { recipientType: 'police', recipientOrg: 'City police', purposeId: 'police.criminal_complaint', threatIds: [threat.id] } })).id;
    lawyerReferral = (await createReferral(ctx, { caseId: kase.id, referral: { recipientType: 'lawyer', recipientOrg: 'Klein & Co', purposeId: 'lawyer.legal_representation', purposeDetail: 'Asylum appeal', threatIds: [threat.id] } })).id;
    await createConsent(ctx, {
      caseId: kase.id,
      consent: { recipientType: 'lawyer', recipientOrg: '', purposeIds: ['lawyer.legal_representation'], purposeDetail: 'Asylum appeal', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', givenOn: '2026-11-01', expiresOn: null },
    });
  } finally {
    closeVault(vault);
  }
});
afterAll(() => temp?.remove());

describe('casekeeper referral, profile and packet commands', { timeout: 120_000 }, () => {
  it('lists referrals and disclosure profiles as JSON', async () => {
    const referrals = await casekeeper(['referral', 'list', vaultPath, '--json', '--passphrase-file', passFile]);
    expect(referrals.code).toBe(0);
    const list = JSON.parse(referrals.stdout) as Array<{ id: string; caseCode: string; recipientType: string }>;
    expect(list.map((r) => r.id).sort()).toEqual([policeReferral, lawyerReferral].sort());
    expect(list.every((r) => r.caseCode === caseCode)).toBe(true);

    const profiles = await casekeeper(['profile', 'list', vaultPath, '--json', '--passphrase-file', passFile]);
    expect(profiles.code).toBe(0);
    const ids = (JSON.parse(profiles.stdout) as Array<{ profile: { id: string }; source: string }>).map((p) => p.profile.id);
    expect(ids).toEqual(['law_enforcement', 'interpol_ccf', 'un_special_procedures', 'asylum_authority', 'unhcr', 'lawyer', 'partner_ngo']);
  });

  it('a packet without consent is blocked with exit code 5 and nothing is written; with an override reason it goes', async () => {
    const outbox = join(temp.path, 'blocked');
    mkdirSync(outbox);
    const blocked = await casekeeper(['packet', 'export', vaultPath, '--referral', policeReferral, '--out', outbox, '--passphrase-file', passFile]);
    expect(blocked.code).toBe(5);
    expect(blocked.stderr).toMatch(/^casekeeper: The packet was not exported\. The client has not consented to sharing with the police\./);
    expect(readdirSync(outbox)).toEqual([]);

    const reasonFile = join(temp.path, 'reason');
    writeFileSync(reasonFile, 'Imminent risk: the family was told the son will be taken back by force.\n');
    const overridden = await casekeeper(['packet', 'export', vaultPath, '--referral', policeReferral, '--out', outbox, '--override-reason-file', reasonFile, '--passphrase-file', passFile]);
    expect(overridden.stderr).toContain('sent WITHOUT consent (override recorded)');
    expect(overridden.code).toBe(0);
    expect(readdirSync(outbox)).toEqual([expect.stringMatching(new RegExp(`^${caseCode}_police_\\d{4}-\\d{2}-\\d{2}\\.zip$`))]);
  });

  it('packet verify passes on a fresh packet and fails once one byte is changed', async () => {
    const outbox = join(temp.path, 'lawyer');
    mkdirSync(outbox);
    const exported = await casekeeper(['packet', 'export', vaultPath, '--referral', lawyerReferral, '--out', outbox, '--passphrase-file', passFile]);
    expect(exported.code).toBe(0);
    const zip = exported.stdout.trim();
    const ok = await casekeeper(['packet', 'verify', zip]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ok: every file of packet [0-9a-f-]{36} matches its manifest/);

    const bytes = readFileSync(zip);
    const at = Math.floor(bytes.length / 3);
    bytes[at] = bytes[at]! ^ 0x01;
    const tampered = join(outbox, 'tampered.zip');
    writeFileSync(tampered, bytes);
    const bad = await casekeeper(['packet', 'verify', tampered]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('does NOT match its manifest');
  });

  it('a sealed packet needs its passphrase to verify', async () => {
    const outbox = join(temp.path, 'sealed');
    mkdirSync(outbox);
    const sealFile = join(temp.path, 'seal');
    writeFileSync(sealFile, 'blue ferry over the harbour at dawn\n', { mode: 0o600 });
    const exported = await casekeeper(['packet', 'export', vaultPath, '--referral', lawyerReferral, '--out', outbox, '--seal-passphrase-file', sealFile, '--passphrase-file', passFile]);
    expect(exported.code).toBe(0);
    const zip = exported.stdout.trim();
    expect(zip).toMatch(/_sealed\.zip$/);
    expect((await casekeeper(['packet', 'verify', zip])).code).toBe(2);
    const verified = await casekeeper(['packet', 'verify', zip, '--passphrase-file', sealFile]);
    expect(verified.code).toBe(0);
  });
});
