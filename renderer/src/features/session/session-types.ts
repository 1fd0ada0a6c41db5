import type { EventPayload, VaultStatus } from '../../../../shared/ipc/contract';

export type LockReason = EventPayload<'vault:locked'>['reason'];

export type UnlockedVault = Extract<VaultStatus, { state: 'unlocked' }>;

/** Why the unlock screen is showing, so it can tell the caseworker. */
export interface LockNotice {
  reason: LockReason;
  /** The idle time that applied, for "Locked after N minutes without activity". */
  minutes?: number;
}

export type Screen =
  | { kind: 'starting' }
  | { kind: 'welcome' }
  | { kind: 'create' }
  | { kind: 'unlock'; path: string; notice?: LockNotice }
  | { kind: 'new-recovery-key'; vault: UnlockedVault; recoveryKey: string }
  | { kind: 'app'; vault: UnlockedVault };

export function unlockedVaultOf(screen: Screen): UnlockedVault | null {
  return screen.kind === 'app' || screen.kind === 'new-recovery-key' ? screen.vault : null;
}
