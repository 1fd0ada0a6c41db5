import { updateSettings } from '../settings/settings.service';
import { rmSync } from 'node:fs';
import type { VaultDb } from '../../db/connection';
import type { DbOrTrx } from '../records/context';
import { closeVault, createVault, type OpenVault, type VaultDeps } from '../vault/vault.service';
import { importDocument, type ImportSummary } from '../interchange/import.service';
import { buildDemoDocument, DEMO_ACTOR } from './demo-data';

export { DEMO_PASSPHRASE } from '../../../shared/demo';

const DEMO_META_KEY = 'demo';

export interface DemoVault {
  vault: OpenVault;
  summary: ImportSummary;
}

/**
 * Creates a NEW vault at `path` filled with the fictional demo cases and
 * marked as a demo vault, so the app can label it. Nothing is left behind if
 * any step fails. The caller closes the returned vault.
 */
export async function createDemoVault(
  path: string,
  passphrase: string,
  deps: VaultDeps,
  options: { today?: string; now?: () => Date; actor?: string } = {},
): Promise<DemoVault> {
  const document = await buildDemoDocument({ today: options.today });
  const { vault } = await createVault(path, passphrase, { withRecoveryKey: false }, deps);
  try {
    // Marked before any data goes in: a vault holding demo cases is never unlabelled.
    await vault.db.insertInto('vault_meta').values({ key: DEMO_META_KEY, value: 'true' }).execute();
    const summary = await importDocument({ db: vault.db, actor: options.actor ?? DEMO_ACTOR, now: options.now ?? (() => new Date()) }, document);
    // So referral packets can be tried at once: every packet names the referring organisation.
    await updateSettings(vault.db, { organisationName: 'Harbour Rights Centre (demo, fictional)', organisationContact: 'casework@harbour-rights.invalid' });
    return { vault, summary };
  } catch (error) {
    closeVault(vault);
    rmSync(vault.paths.folder, { recursive: true, force: true });
    throw error;
  }
}

/** Whether this vault was created with demo data (the UI labels it as such). */
export async function isDemoVault(db: VaultDb | DbOrTrx): Promise<boolean> {
  const row = await db.selectFrom('vault_meta').select('value').where('key', '=', DEMO_META_KEY).executeTakeFirst();
  return row?.value === 'true';
}
