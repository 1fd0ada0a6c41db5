import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { VaultStatus } from '../../../../shared/ipc/contract';
import { invoke, onEvent } from '../../lib/api';
import { unlockedVaultOf, type LockReason, type Screen, type UnlockedVault } from './session-types';

interface Session {
  screen: Screen;
  goWelcome(): void;
  goCreate(): void;
  goUnlock(path: string): void;
  /** After create/unlock: into the app, via the one-time recovery key screen if a key was issued. */
  enterVault(status: VaultStatus, recoveryKey?: string | null): void;
  /** The caseworker confirmed the new recovery key is stored: drop it and continue. */
  confirmRecoveryKeyStored(): void;
  /** Lock from this window (button, shortcut, idle). */
  lock(reason: Extract<LockReason, 'user' | 'idle'>): Promise<void>;
  setAutoLockMinutes(minutes: number): void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [screen, setScreen] = useState<Screen>({ kind: 'starting' });
  const screenRef = useRef(screen);
  screenRef.current = screen;

  /** Drops every cached answer so no vault data stays in memory once locked. */
  const forgetVaultData = useCallback(async () => {
    await queryClient.cancelQueries();
    queryClient.clear();
  }, [queryClient]);

  const showLocked = useCallback(
    (reason: LockReason) => {
      const vault = unlockedVaultOf(screenRef.current);
      if (!vault) return;
      // Hide the vault first (shoulder surfers), then forget its data.
      setScreen({ kind: 'unlock', path: vault.path, notice: { reason, minutes: vault.autoLockMinutes } });
      void forgetVaultData();
    },
    [forgetVaultData],
  );

  const lock = useCallback(
    async (reason: 'user' | 'idle') => {
      showLocked(reason);
      try {
        await invoke('vault:lock', {});
      } finally {
        // Anything that was in flight while locking is dropped too.
        await forgetVaultData();
      }
    },
    [showLocked, forgetVaultData],
  );

  // Main locks on its own too: idle backstop, suspend, screen lock, shutdown.
  useEffect(() => onEvent('vault:locked', ({ reason }) => showLocked(reason)), [showLocked]);

  // On start (or a reload), pick up the vault's real state.
  useEffect(() => {
    let cancelled = false;
    invoke('vault:status', {})
      .then((status) => {
        if (cancelled) return;
        setScreen(status.state === 'unlocked' ? { kind: 'app', vault: status } : { kind: 'welcome' });
      })
      .catch(() => {
        if (!cancelled) setScreen({ kind: 'welcome' });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const session = useMemo<Session>(
    () => ({
      screen,
      goWelcome: () => {
        setScreen({ kind: 'welcome' });
      },
      goCreate: () => setScreen({ kind: 'create' }),
      goUnlock: (path) => setScreen({ kind: 'unlock', path }),
      enterVault: (status, recoveryKey) => {
        if (status.state !== 'unlocked') return;
        const vault: UnlockedVault = status;
        setScreen(recoveryKey ? { kind: 'new-recovery-key', vault, recoveryKey } : { kind: 'app', vault });
      },
      confirmRecoveryKeyStored: () => {
        setScreen((current) => (current.kind === 'new-recovery-key' ? { kind: 'app', vault: current.vault } : current));
      },
      lock,
      setAutoLockMinutes: (minutes) => {
        setScreen((current) => {
          if (current.kind !== 'app' && current.kind !== 'new-recovery-key') return current;
          return { ...current, vault: { ...current.vault, autoLockMinutes: minutes } };
        });
      },
    }),
    [screen, lock],
  );

  return <SessionContext value={session}>{children}</SessionContext>;
}
