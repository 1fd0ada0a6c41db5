import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemaVersion } from '../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations/index';
import { verifyAuditChain } from '../../electron/services/audit/audit.service';
import { getCase } from '../../electron/services/cases/cases.service';
import { listConsents } from '../../electron/services/consents/consents.service';
import { getContact } from '../../electron/services/contacts/contacts.service';
import { getEvidence, readEvidenceBytes } from '../../electron/services/evidence/evidence.service';
import { listNotes } from '../../electron/services/notes/notes.service';
import { getReferral } from '../../electron/services/referrals/referrals.service';
import { suggestionsForCase } from '../../electron/services/risk-signals/risk-signals.service';
import { searchVault } from '../../electron/services/search/search.service';
import { getSettings } from '../../electron/services/settings/settings.service';
import { listTasks } from '../../electron/services/tasks/tasks.service';
import { listThreats } from '../../electron/services/threats/threats.service';
import { readKeyslots } from '../../electron/services/vault/keyslots';
import { closeVault, createVault, unlockVault, unlockWithRecoveryKey, type OpenVault } from '../../electron/services/vault/vault.service';
import { createHash } from 'node:crypto';
import { makeTempDir, snapshotFiles, testVaultDeps } from '../support/temp';

/**
 * Vaults written by every earlier schema version, by the code of that
 * version (tests/fixtures/vaults/README.md says how), opened by this version:
 * each must migrate to the latest schema with every record intact, its audit
 * chain verifying and SQLite's integrity check passing, and end up with
 * exactly the schema a new vault gets. The committed fixtures are only ever
 * copied, never opened in place.
 */

const FIXTURES = join(__dirname, '..', 'fixtures', 'vaults');
const NEW_PASSPHRASE = 'a new passphrase after recovery';

interface Expected {
  name: string;
  schemaVersion: number;
  passphrase: string;
  recoveryKey: string;
  today: string;
  vaultId: string;
  settings: Record<string, unknown>;
  rowCounts: Record<string, number>;
  cases?: Array<{ id: string; client: { legalName: string; originalNames: string[] } } & Record<string, unknown>>;
  contacts?: Array<{ id: string } & Record<string, unknown>>;
  threats?: Array<{ id: string; caseId: string } & Record<string, unknown>>;
  evidence?: Array<{ id: string; caseId: string; fileName: string; sizeBytes: number; sha256: string }>;
  referrals?: Array<{ id: string } & Record<string, unknown>>;
  consents?: Array<{ id: string; caseId: string } & Record<string, unknown>>;
  notes?: Array<{ id: string; caseId: string } & Record<string, unknown>>;
  tasks?: Array<{ id: string; caseId: string } & Record<string, unknown>>;
  riskDecision?: { caseId: string; ruleId: string; signature: string; decision: string; note: string } | null;
}

/** Before schema 6 the purpose was free text (`purpose`); it is now the detail beside a vocabulary id. */
function withPurposeDetail<T extends Record<string, unknown>>(record: T): Record<string, unknown> {
  if (!('purpose' in record)) return record;
  const { purpose, ...rest } = record;
  return { ...rest, purposeDetail: purpose };
}

const fixtureNames = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.ckvault'))
  .map((name) => name.slice(0, -'.ckvault'.length))
  .sort();
const load = (name: string): Expected => JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as Expected;

let temp: ReturnType<typeof makeTempDir>;
let freshSchema: SchemaObject[];

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

function schemaOf(vault: OpenVault): SchemaObject[] {
  return vault.raw.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name").all() as SchemaObject[];
}

function count(vault: OpenVault, table: string): number {
  return (vault.raw.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

beforeAll(async () => {
  temp = makeTempDir('ck-fixtures-');
  const { vault } = await createVault(join(temp.path, 'Fresh'), 'a fresh vault for comparison', { withRecoveryKey: false }, testVaultDeps);
  freshSchema = schemaOf(vault);
  closeVault(vault);
});
afterAll(() => temp?.remove());

describe('fixture vaults from earlier versions', () => {
  it('there is a fixture for every earlier schema version', () => {
    const versions = new Set(fixtureNames.map((name) => load(name).schemaVersion));
    for (let version = 1; version < LATEST_SCHEMA_VERSION && version <= 4; version += 1) expect(versions, `schema ${version}`).toContain(version);
    expect(fixtureNames).toEqual(expect.arrayContaining(['v1', 'v2', 'v3', 'v4']));
  });

  describe.each(fixtureNames)('%s', (name) => {
    const expected = load(name);
    let vault: OpenVault;
    let copy: string;
    let committedBefore: Record<string, string>;

    beforeAll(async () => {
      committedBefore = snapshotFiles(join(FIXTURES, `${name}.ckvault`));
      copy = join(temp.path, `${name}.ckvault`);
      mkdirSync(copy);
      for (const file of readdirSync(join(FIXTURES, `${name}.ckvault`))) copyFileSync(join(FIXTURES, `${name}.ckvault`, file), join(copy, file));
      expect(expected.schemaVersion).toBeLessThan(LATEST_SCHEMA_VERSION + 1);
      vault = await unlockVault(copy, expected.passphrase, testVaultDeps);
    });
    afterAll(() => {
      if (vault) closeVault(vault);
    });

    it(`opens with its passphrase and migrates from schema ${expected.schemaVersion} to the latest`, async () => {
      expect(await readSchemaVersion(vault.db)).toBe(LATEST_SCHEMA_VERSION);
      expect(vault.raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(vault.raw.pragma('foreign_key_check')).toEqual([]);
      expect(readKeyslots(vault.paths.keyslots).vaultId).toBe(expected.vaultId);
      expect((vault.raw.prepare("SELECT value FROM vault_meta WHERE key = 'vault_id'").get() as { value: string }).value).toBe(expected.vaultId);
    });

    it('ends up with exactly the schema of a vault created by this version (tables, indexes, triggers)', () => {
      const byKey = (objects: SchemaObject[]) => new Map(objects.map((o) => [`${o.type} ${o.name}`, o.sql?.replace(/\s+/g, ' ') ?? null]));
      const migrated = byKey(schemaOf(vault));
      const fresh = byKey(freshSchema);
      expect([...fresh.keys()].filter((key) => !migrated.has(key)), 'missing after migration').toEqual([]);
      expect([...migrated.keys()].filter((key) => !fresh.has(key)), 'left over after migration').toEqual([]);
      expect([...fresh].filter(([key, sql]) => migrated.get(key) !== sql).map(([key]) => key), 'defined differently').toEqual([]);
    });

    it('keeps its audit chain verifiable', async () => {
      const audit = await verifyAuditChain(vault.db);
      expect(audit).toMatchObject({ ok: true, firstBrokenSeq: null, problem: null });
      expect(audit.entries).toBeGreaterThanOrEqual(expected.rowCounts.audit_entry ?? 0);
    });

    it('keeps every row of every table it had', () => {
      for (const [table, rows] of Object.entries(expected.rowCounts)) {
        if (table === 'settings' || table === 'audit_entry') expect(count(vault, table), table).toBeGreaterThanOrEqual(rows);
        else expect(count(vault, table), table).toBe(rows);
      }
    });

    it('keeps its settings', async () => {
      expect(await getSettings(vault.db)).toMatchObject(expected.settings);
    });

    it.runIf(expected.cases !== undefined)('keeps every record listed in its README, field by field', async () => {
      for (const kase of expected.cases!) expect(await getCase(vault.db, kase.id), kase.id).toMatchObject(kase);
      for (const contact of expected.contacts!) expect(await getContact(vault.db, contact.id), contact.id).toMatchObject(contact);
      for (const threat of expected.threats!) {
        const stored = (await listThreats(vault.db, threat.caseId)).find((t) => t.id === threat.id);
        expect(stored, threat.id).toMatchObject(threat);
      }
      for (const item of expected.evidence!) {
        expect(await getEvidence(vault.db, item.id)).toMatchObject({ caseId: item.caseId, fileName: item.fileName, sizeBytes: item.sizeBytes, sha256: item.sha256 });
        expect(createHash('sha256').update(await readEvidenceBytes(vault.db, item.id)).digest('hex')).toBe(item.sha256);
      }
      for (const referral of expected.referrals!) expect(await getReferral(vault.db, referral.id, expected.today), referral.id).toMatchObject(withPurposeDetail(referral));
      const byCase = <T extends { caseId: string }>(items: T[]) => [...new Set(items.map((i) => i.caseId))];
      for (const caseId of byCase(expected.consents!)) {
        expect(await listConsents(vault.db, caseId, expected.today)).toMatchObject(expected.consents!.filter((c) => c.caseId === caseId).map(withPurposeDetail));
      }
      for (const caseId of byCase(expected.notes!)) expect(await listNotes(vault.db, caseId)).toMatchObject(expected.notes!.filter((n) => n.caseId === caseId));
      for (const caseId of byCase(expected.tasks!)) expect(await listTasks(vault.db, caseId)).toMatchObject(expected.tasks!.filter((t) => t.caseId === caseId));
    });

    it.runIf((expected.referrals?.length ?? 0) > 0)('maps its free-text purposes to the vocabulary and keeps the text as the detail (schema 6)', async () => {
      // "Report coercion by proxy" names no one police purpose: the general one, with the words kept.
      for (const referral of expected.referrals!) {
        expect(await getReferral(vault.db, referral.id, expected.today)).toMatchObject({ purposeId: 'police.general', purposeDetail: 'Report coercion by proxy', consentId: null });
      }
      for (const consent of expected.consents!) {
        const stored = (await listConsents(vault.db, consent.caseId, expected.today)).find((c) => c.id === consent.id);
        expect(stored).toMatchObject({ purposeIds: ['police.general'], purposeDetail: 'Report coercion by proxy' });
      }
    });

    it.runIf(expected.cases !== undefined)('finds its older records in search, in Latin and in original script', async () => {
      for (const kase of expected.cases!) {
        for (const query of [kase.client.legalName, kase.client.originalNames[0]!.slice(0, 2)]) {
          const result = await searchVault(vault.db, query, 8);
          const ids = result.groups.flatMap((group) => group.hits.map((hit) => hit.caseId ?? hit.id));
          expect(ids, `${name}: "${query}"`).toContain(kase.id);
        }
      }
    });

    it.runIf(Boolean(expected.riskDecision))('remembers a dismissed risk suggestion', async () => {
      const decision = expected.riskDecision!;
      const suggestions = await suggestionsForCase(vault.db, decision.caseId, expected.today);
      expect(suggestions.filter((s) => s.ruleId === decision.ruleId && s.signature === decision.signature)).toEqual([]);
    });

    it('still opens with its recovery key after the upgrade, and the committed fixture is untouched', async () => {
      closeVault(vault);
      const recovered = await unlockWithRecoveryKey(copy, expected.recoveryKey, NEW_PASSPHRASE, testVaultDeps);
      closeVault(recovered);
      vault = await unlockVault(copy, NEW_PASSPHRASE, testVaultDeps);
      expect(await readSchemaVersion(vault.db)).toBe(LATEST_SCHEMA_VERSION);
      expect(snapshotFiles(join(FIXTURES, `${name}.ckvault`))).toEqual(committedBefore);
    });
  });
});
