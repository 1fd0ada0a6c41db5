import { join } from 'node:path';
import type { EventChannel, EventPayload } from '../../shared/ipc/contract';
import { removeLeftoverPartials } from '../services/files/atomic-write';
import { RecentVaults } from '../services/recent/recent-vaults';
import { VaultSession } from '../services/session/session.service';
import type { KdfParams } from '../services/vault/kdf';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { createHandlers, type AppFacts, type SaveFilePurpose } from './ipc/handlers';
import { SaveGrants } from './ipc/save-grants';

export interface ComposeOptions {
  /** Folder for app-level files (recent vaults list); never holds case data. */
  configDir: string;
  kdfParams: () => Promise<KdfParams>;
  nativeBinding?: string;
  app: AppFacts;
  chooseVaultLocation: (purpose: 'create' | 'open') => Promise<string | null>;
  chooseSaveFile: (suggestedName: string, purpose: SaveFilePurpose) => Promise<string | null>;
  emit: <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;
  /** Told about unexpected failures (never sent to the renderer). Must not log case data. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export interface AppServices {
  session: VaultSession;
  recent: RecentVaults;
  dispatch: Dispatch;
}

/**
 * Builds the services and the dispatch function. Shared by Electron's main
 * process and the browser test host so both run exactly the same code.
 */
export function composeApp(options: ComposeOptions): AppServices {
  // Hidden temp files of a packet or report export that a crash cut short, where exports go by default.
  removeLeftoverPartials(options.app.defaultVaultFolder);
  const recent = new RecentVaults(join(options.configDir, 'recent-vaults.json'));
  const saveGrants = new SaveGrants();
  const session = new VaultSession({
    kdfParams: options.kdfParams,
    nativeBinding: options.nativeBinding,
    recent,
    onLocked: (reason) => {
      saveGrants.clear();
      options.emit('vault:locked', { reason });
    },
  });
  const handlers = createHandlers({
    session,
    recent,
    app: options.app,
    chooseVaultLocation: options.chooseVaultLocation,
    chooseSaveFile: options.chooseSaveFile,
    saveGrants,
  });
  const dispatch = createDispatch(handlers, { onInternalError: options.onInternalError });
  return { session, recent, dispatch };
}
