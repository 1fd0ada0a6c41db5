import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';
import { useSensitiveMutation } from '../../lib/use-sensitive-mutation';

export const backupStatusKey = ['backup:status'] as const;
export const backupListKey = ['backup:list'] as const;

export function useBackupStatus() {
  return useQuery({ queryKey: backupStatusKey, queryFn: () => invoke('backup:status', {}), refetchInterval: 60 * 60_000 });
}

/** The backups in the configured folder ('' when none is set). */
export function useBackupList(folder: string) {
  return useQuery({
    queryKey: [...backupListKey, folder],
    queryFn: () => invoke('backup:list', {}),
    enabled: folder !== '',
    retry: false,
  });
}

function useRefreshBackups() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: backupStatusKey });
    void queryClient.invalidateQueries({ queryKey: backupListKey });
  };
}

export function useCreateBackup() {
  const refresh = useRefreshBackups();
  return useMutation({ mutationFn: (input: ChannelInput<'backup:create'>) => invoke('backup:create', input), onSuccess: refresh });
}

/** Automatic backups: asks main to make one if it is due (main decides). */
export function useRunBackupIfDue() {
  const refresh = useRefreshBackups();
  return useMutation({
    mutationFn: () => invoke('backup:runIfDue', {}),
    onSuccess: ({ ran }) => {
      if (ran) refresh();
    },
  });
}

// Passphrases and recovery keys: see useSensitiveMutation.
export function usePreviewBackup() {
  return useSensitiveMutation((input: ChannelInput<'backup:preview'>) => invoke('backup:preview', input));
}

export function useRestoreBackup() {
  return useSensitiveMutation(async (input: ChannelInput<'backup:restore'>) => {
    await invoke('backup:restore', input);
    // The restored vault is open now; its status says where and what it is called.
    return invoke('vault:status', {});
  });
}

export const signedBackupsKey = ['backup:ofThisVault'] as const;

/** The open vault's own backups in its backup folder (signature checked by main). */
export function useSignedBackups(enabled: boolean) {
  return useQuery({ queryKey: signedBackupsKey, queryFn: () => invoke('backup:ofThisVault', {}), enabled, retry: false });
}

export function useDeleteBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => invoke('backup:delete', { path }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: signedBackupsKey });
      void queryClient.invalidateQueries({ queryKey: backupListKey });
      void queryClient.invalidateQueries({ queryKey: backupStatusKey });
    },
  });
}
