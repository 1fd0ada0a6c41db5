import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';
import { useSensitiveMutation } from '../../lib/use-sensitive-mutation';

export const appInfoKey = ['app:info'] as const;
export const recentVaultsKey = ['vault:recent'] as const;
export const vaultInfoKey = ['vault:info'] as const;

export function useAppInfo() {
  return useQuery({ queryKey: appInfoKey, queryFn: () => invoke('app:info', {}), staleTime: Infinity });
}

export function useRecentVaults() {
  return useQuery({ queryKey: recentVaultsKey, queryFn: () => invoke('vault:recent', {}), staleTime: 0 });
}

export function useForgetRecent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => invoke('vault:forgetRecent', { path }),
    onSuccess: (list) => queryClient.setQueryData(recentVaultsKey, list),
  });
}

/** Removes a folder left by a restore that did not finish; main also forgets it from the recent list. */
export function useRemoveIncompleteRestore() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => invoke('vault:removeIncompleteRestore', { path }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: recentVaultsKey }),
  });
}

export function useChooseVaultLocation() {
  return useMutation({
    mutationFn: (purpose: 'create' | 'open') => invoke('dialog:chooseVaultLocation', { purpose }),
  });
}

// Passphrases and recovery keys: see useSensitiveMutation.
export function useCreateVault() {
  return useSensitiveMutation((input: ChannelInput<'vault:create'>) => invoke('vault:create', input));
}

export function useUnlockVault() {
  return useSensitiveMutation((input: ChannelInput<'vault:unlock'>) => invoke('vault:unlock', input));
}

export function useUnlockWithRecoveryKey() {
  return useSensitiveMutation((input: ChannelInput<'vault:unlockWithRecoveryKey'>) => invoke('vault:unlockWithRecoveryKey', input));
}
