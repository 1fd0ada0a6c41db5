import { useQuery } from '@tanstack/react-query';
import { invoke } from '../../lib/api';

export const dueNowKey = ['tasks:dueNow'] as const;
export const DUE_POLL_MS = 60_000;

/** Open tasks due today or earlier, asked on unlock (mount) and every minute while unlocked. */
export function useDueTasks() {
  return useQuery({
    queryKey: dueNowKey,
    queryFn: () => invoke('tasks:dueNow', {}),
    refetchInterval: DUE_POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
}
