import type { Handlers } from './dispatch';
import { createRecordHandlers } from './record-handlers';
import { createInsightsHandlers } from './insights-handlers';
import { createBackupHandlers } from './backup-handlers';
import { createPacketHandlers } from './packet-handlers';
import type { RecentVaults } from '../../services/recent/recent-vaults';
import type { VaultSession } from '../../services/session/session.service';

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
  /** Native save dialog for exported reports; the browser host has none and returns null. */
  chooseSaveFile: (suggestedName: string, purpose: SaveFilePurpose) => Promise<string | null>;
}

/**
 * Joins every channel of the contract to the services. Thin on purpose:
 * rules live in the services so the CLI and tests use the same ones.
 */
export function createHandlers({ session, recent, app, chooseVaultLocation, chooseSaveFile }: HandlerDeps): Handlers {
  const handlers: Handlers = {
    'app:info': () => ({ ...app }),
    'dialog:chooseVaultLocation': async ({ purpose }) => ({ path: await chooseVaultLocation(purpose) }),
    'vault:status': () => session.status(),
    'vault:create': ({ path, passphrase, withRecoveryKey }) => session.create(path, passphrase, withRecoveryKey),
    'vault:createDemo': ({ path }) => session.createDemo(path),
    'vault:unlock': ({ path, passphrase }) => session.unlock(path, passphrase),
    'vault:unlockWithRecoveryKey': ({ path, recoveryKey, newPassphrase }) => session.unlockWithRecoveryKey(path, recoveryKey, newPassphrase),
    'vault:lock': () => session.lock('user'),
    'vault:changePassphrase': ({ currentPassphrase, newPassphrase }) => session.changePassphrase(currentPassphrase, newPassphrase),
    'vault:replaceRecoveryKey': async ({ currentPassphrase }) => ({ recoveryKey: await session.replaceRecoveryKey(currentPassphrase) }),
    'vault:removeRecoveryKey': async ({ currentPassphrase }) => ({ removed: await session.removeRecoveryKey(currentPassphrase) }),
    'vault:info': () => session.info(),
    'vault:recent': () => recent.list(),
    'vault:forgetRecent': ({ path }) => recent.forget(path),
    'settings:get': () => session.getSettings(),
    'settings:update': (patch) => session.updateSettings(patch),
    'session:activity': () => session.touch(),
    ...createRecordHandlers(session),
    ...createInsightsHandlers(session, chooseSaveFile),
    ...createBackupHandlers(session),
    ...createPacketHandlers(session, app.version),
  };
  return handlers;
}
