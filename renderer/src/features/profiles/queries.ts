import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';

export const profilesKey = ['profiles'] as const;

/** The vault's disclosure profiles: shipped, edited in this vault, or custom. */
export function useProfiles() {
  return useQuery({ queryKey: profilesKey, queryFn: () => invoke('profiles:list', {}) });
}

/** Any profile change can change what an open packet preview shows. */
function useProfileMutation<C extends 'profiles:save' | 'profiles:clone' | 'profiles:reset'>(channel: C) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => invoke(channel, input),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: profilesKey });
      void queryClient.invalidateQueries({ queryKey: ['packets', 'preview'] });
    },
  });
}

export const useSaveProfile = () => useProfileMutation('profiles:save');
export const useCloneProfile = () => useProfileMutation('profiles:clone');
export const useResetProfile = () => useProfileMutation('profiles:reset');
