import type { Handlers } from './dispatch';
import { createRecordHandlers } from './record-handlers';
import { createInsightsHandlers } from './insights-handlers';
import { createBackupHandlers } from './backup-handlers';
import { createPacketHandlers } from './packet-handlers';
import type { SaveGrants } from './save-grants';
import type { RecentVaults } from '../../services/recent/recent-vaults';
import type { VaultSession } from '../../services/session/session.service';
import { removeIncompleteRestore } from '../../services/vault/incomplete-restore';

/** What a save dialog is for: it titles the dialog. */
export type SaveFilePurpose = 'report-csv' | 'packet-zip';

export interface AppFacts {
  version: string;
  platform: string;
  nativeDialogs: boolean;
  defaultVaultFolder: string;
}

export interface HandlerDeps {
  session: VaultSession;
  recent: RecentVaults;
  app: AppFacts;
  /** Native file chooser in Electron; the browser host has none and returns null. */
  chooseVaultLocation: (purpose: 'create' | 'open') => Promise<string | null>;
  /** Native save dialog for reports and packets (the browser host's stands in with the path typed in the page); null when cancelled. */
  chooseSaveFile: (suggestedName: string, purpose: SaveFilePurpose) => Promise<string | null>;
  /** One-time tokens for paths chosen with chooseSaveFile: the only way a path reaches the export channels. */
  saveGrants: SaveGrants;
}

/**
 * Joins every channel of the contract to the services. Thin on purpose:
 * rules live in the services so the CLI and tests use the same ones.
 */
export function createHandlers({ session, recent, app, chooseVaultLocation, chooseSaveFile, saveGrants }: HandlerDeps): Handlers {
  const handlers: Handlers = {
    'app:info': () => ({ ...app }),
    'dialog:chooseVaultLocation': async ({ purpose }) => ({ path: await chooseVaultLocation(purpose) }),
    'vault:status': () => session.status(),
    'vault:create': ({ path, passphrase, withRecoveryKey }) => session.create(path, passphrase, withRecoveryKey),
    'vault:createDemo': ({ path }) => session.createDemo(path),
    'vault:unlock': ({ path, passphrase }) => session.unlock(path, passphrase),
    'vault:unlockWithRecoveryKey': ({ path, recoveryKey, newPassphrase }) => session.unlockWithRecoveryKey(path, recoveryKey, newPassphrase),
    'vault:lock': () => {
      // Nothing chosen in a save dialog before a lock may be written after it.
      saveGrants.clear();
      return session.lock('user');
    },
    'vault:changePassphrase': ({ currentPassphrase, newPassphrase }) => session.changePassphrase(currentPassphrase, newPassphrase),
    'vault:replaceRecoveryKey': async ({ currentPassphrase }) => ({ recoveryKey: await session.replaceRecoveryKey(currentPassphrase) }),
    'vault:removeRecoveryKey': async ({ currentPassphrase }) => ({ removed: await session.removeRecoveryKey(currentPassphrase) }),
    'vault:info': () => session.info(),
    'vault:recent': () => recent.list(),
    'vault:forgetRecent': ({ path }) => recent.forget(path),
    'vault:removeIncompleteRestore': ({ path }) => {
      removeIncompleteRestore(path);
      recent.forget(path);
      return { removed: true as const };
    },
    'settings:get': () => session.getSettings(),
    'settings:update': (patch) => session.updateSettings(patch),
    'session:activity': () => session.touch(),
    ...createRecordHandlers(session),
    ...createInsightsHandlers(session, chooseSaveFile, saveGrants),
    ...createBackupHandlers(session),
    ...createPacketHandlers(session, app.version, saveGrants),
  };
  return handlers;
}
