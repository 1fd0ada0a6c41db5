/**
 * Child process for tests/integration/crash-safety.test.ts: opens a real
 * encrypted vault and writes in many small transactions through the real
 * services until it is killed. After each commit it prints one
 * acknowledgement line to stdout, so the parent knows exactly which writes
 * the vault promised to keep.
 *
 *   node --import tsx tests/support/crash-writer.ts <vault folder>
 *
 * Environment: CK_CRASH_PASSPHRASE (current passphrase), CK_CRASH_OTHER_PASSPHRASE
 * (the one a passphrase change switches to), CK_CRASH_SEED (PRNG seed),
 * CK_CRASH_CHANGE_FIRST=1 (start with a passphrase change, so kills land inside one).
 *
 * Lines (written with writeSync, so each is in the pipe before the next write starts):
 *   ready <pid>
 *   case <id> <version>              a new case (with client, risk entry, audit entries)
 *   update <caseId> <version> <tag>  the case's summary is now <tag> at <version>
 *   threat <id> <caseId>
 *   contact <id> <caseId>
 *   evidence <id> <sha256>
 *   passphrase-begin                 a passphrase change started (either passphrase may open the vault)
 *   passphrase                       the change finished: only the other passphrase opens it now
 */
import { createHash, randomBytes } from 'node:crypto';
import { writeSync } from 'node:fs';
import { createCase, getCase, listCases, updateCase } from '../../electron/services/cases/cases.service';
import { createContactForCase } from '../../electron/services/contacts/contacts.service';
import { addEvidenceBytes } from '../../electron/services/evidence/evidence.service';
import { createThreat } from '../../electron/services/threats/threats.service';
import { changePassphrase, unlockVault } from '../../electron/services/vault/vault.service';
import type { RecordContext } from '../../electron/services/records/context';
import { mulberry32 } from '../../shared/seeded-random';
import { testVaultDeps } from './temp';

/** Never outlive a parent that forgot us. */
const MAX_RUN_MS = 20_000;

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

async function main(): Promise<void> {
  const [folder] = process.argv.slice(2);
  const passphrase = process.env.CK_CRASH_PASSPHRASE;
  const other = process.env.CK_CRASH_OTHER_PASSPHRASE;
  if (!folder || !passphrase || !other) throw new Error('usage: crash-writer <vault>, with CK_CRASH_PASSPHRASE and CK_CRASH_OTHER_PASSPHRASE set');
  const random = mulberry32(Number(process.env.CK_CRASH_SEED ?? Date.now()) >>> 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const vault = await unlockVault(folder, passphrase, testVaultDeps);
  const ctx: RecordContext = { db: vault.db, actor: 'Crash Writer', now: () => new Date() };
  // Cases written by earlier (killed) writers, with their versions as stored:
  // the last write before a kill may have committed without its acknowledgement.
  const cases = new Map<string, number>();
  for (const item of (await listCases(vault.db, { limit: 40 })).items) cases.set(item.id, (await getCase(vault.db, item.id)).version);
  let changedPassphrase = false;
  say(`ready ${process.pid}`);

  const started = Date.now();
  for (let n = 0; Date.now() - started < MAX_RUN_MS; n += 1) {
    const roll = n === 0 && process.env.CK_CRASH_CHANGE_FIRST === '1' ? 1 : random();
    const caseId = cases.size > 0 ? pick([...cases.keys()]) : null;
    if (caseId === null || roll < 0.3) {
      const created = await createCase(ctx, { client: { legalName: `Crash client ${n}-${Math.floor(random() * 1e6)}`, aliases: ['Test alias'] } });
      cases.set(created.id, created.version);
      say(`case ${created.id} ${created.version}`);
    } else if (roll < 0.6) {
      const threat = await createThreat(ctx, {
        caseId,
        threat: {
          tacticId: 'threats_from_distance.coercion_by_proxy',
          tacticOther: '',
          datePrecision: 'exact',
          occurredFrom: '2026-03-14',
          occurredTo: null,
          country: 'Fictionland',
          city: 'Testville',
          channel: 'phone',
          targetContactId: null,
          perpetratorIds: [],
          evidenceIds: [],
          description: `Fictional incident ${n} recorded by the crash test. `.repeat(1 + Math.floor(random() * 40)),
          severity: 1 + Math.floor(random() * 5),
          verification: 'unverified',
        },
      });
      say(`threat ${threat.id} ${caseId}`);
    } else if (roll < 0.75) {
      const contact = await createContactForCase(ctx, { caseId, role: 'witness', contact: { name: `Fictional witness ${n}` } });
      say(`contact ${contact.id} ${caseId}`);
    } else if (roll < 0.92) {
      const tag = `summary-${n}-${Math.floor(random() * 1e9)}`;
      const updated = await updateCase(ctx, { id: caseId, version: cases.get(caseId)!, patch: { summary: tag } });
      cases.set(caseId, updated.version);
      say(`update ${caseId} ${updated.version} ${tag}`);
    } else if (roll < 0.995 || changedPassphrase) {
      // Mostly small; sometimes more than one 1 MiB chunk, so a commit spans many pages.
      const size = random() < 0.2 ? 1024 * 1024 + Math.floor(random() * 300_000) : 1 + Math.floor(random() * 50_000);
      const data = randomBytes(size);
      const evidence = await addEvidenceBytes(ctx, {
        caseId,
        evidence: {
          fileName: `crash-${n}.bin`,
          mediaType: 'application/octet-stream',
          collectedAt: '2026-03-14T10:00:00Z',
          collectedHow: 'generated by the crash test',
          collectedBy: '',
          collectedFrom: '',
          description: '',
        },
        data,
      });
      say(`evidence ${evidence.id} ${createHash('sha256').update(data).digest('hex')}`);
    } else {
      changedPassphrase = true;
      say('passphrase-begin');
      await changePassphrase(vault, passphrase, other, testVaultDeps);
      say('passphrase');
    }
  }
  // Only reached when the parent never killed us.
  process.exit(3);
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-writer failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  process.exit(2);
});
