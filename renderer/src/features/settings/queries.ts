import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';
import { useSensitiveMutation } from '../../lib/use-sensitive-mutation';
import { vaultInfoKey } from '../vault/queries';

export const settingsKey = ['settings'] as const;

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => invoke('settings:get', {}) });
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ChannelInput<'settings:update'>) => invoke('settings:update', patch),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey, settings),
  });
}

export function useVaultInfo() {
  return useQuery({ queryKey: vaultInfoKey, queryFn: () => invoke('vault:info', {}) });
}

// Passphrases and recovery keys: see useSensitiveMutation.
export function useChangePassphrase() {
  const queryClient = useQueryClient();
  return useSensitiveMutation(async (input: ChannelInput<'vault:changePassphrase'>) => {
    const result = await invoke('vault:changePassphrase', input);
    // KDF settings of the new slot may differ (recalibrated).
    void queryClient.invalidateQueries({ queryKey: vaultInfoKey });
    return result;
  });
}

export function useReplaceRecoveryKey() {
  const queryClient = useQueryClient();
  return useSensitiveMutation(async (input: ChannelInput<'vault:replaceRecoveryKey'>) => {
    const result = await invoke('vault:replaceRecoveryKey', input);
    void queryClient.invalidateQueries({ queryKey: vaultInfoKey });
    return result;
  });
}

export function useRemoveRecoveryKey() {
  const queryClient = useQueryClient();
  return useSensitiveMutation(async (input: ChannelInput<'vault:removeRecoveryKey'>) => {
    const result = await invoke('vault:removeRecoveryKey', input);
    void queryClient.invalidateQueries({ queryKey: vaultInfoKey });
    return result;
  });
}
