/**
 * Child process for tests/integration/packet-export-crash.test.ts: exports
 * referral packets one after another through the real service until it is
 * killed. After each export returns it prints one acknowledgement line.
 *
 *   node --import tsx tests/support/packet-export-writer.ts <vault folder> <referral id> <out folder>
 *
 * Environment: CK_CRASH_PASSPHRASE.
 * Lines (written with writeSync):
 *   ready <pid>
 *   exported <file name> <packet id>
 */
import { readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { exportPacket } from '../../electron/services/packets/packets.service';
import { getReferral } from '../../electron/services/referrals/referrals.service';
import { DEFAULT_SETTINGS } from '../../electron/services/settings/settings.service';
import { unlockVault } from '../../electron/services/vault/vault.service';
import { templateAnswers } from '../../shared/domain/packet';
import { testVaultDeps } from './temp';

/** Never outlive a parent that forgot us. */
const MAX_RUN_MS = 20_000;

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

async function main(): Promise<void> {
  const [folder, referralId, out] = process.argv.slice(2);
  const passphrase = process.env.CK_CRASH_PASSPHRASE;
  if (!folder || !referralId || !out || !passphrase) throw new Error('usage: packet-export-writer <vault> <referral id> <out folder>, with CK_CRASH_PASSPHRASE set');
  const vault = await unlockVault(folder, passphrase, testVaultDeps);
  const ctx = { db: vault.db, actor: 'Crash Exporter', now: () => new Date() };
  const env = { today: '2026-11-28', settings: { ...DEFAULT_SETTINGS, organisationName: 'Harbour Rights Centre' }, generatorVersion: 'crash-test' };
  const request = {
    referralId,
    threatIds: (await getReferral(vault.db, referralId, '2026-11-28')).threatIds,
    evidenceIds: [],
    includeAsIs: [],
    overrideReason: 'Urgent protection referral; the client could not be reached and the supervisor approved it.',
    templateAnswers: templateAnswers.parse({}),
  };
  say(`ready ${process.pid}`);
  const started = Date.now();
  let n = readdirSync(out).filter((name) => name.endsWith('.zip')).length;
  while (Date.now() - started < MAX_RUN_MS) {
    n += 1;
    const fileName = `packet-${process.pid}-${n}.zip`;
    const { entry } = await exportPacket(ctx, request, env, { path: join(out, fileName), sealPassphrase: null });
    say(`exported ${fileName} ${entry.packetId}`);
  }
  process.exit(3);
}

main().catch((error: unknown) => {
  process.stderr.write(`packet-export-writer failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  process.exit(2);
});
