import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';

export const tasksKey = (caseId: string) => ['tasks', caseId] as const;

export function useTasks(caseId: string) {
  return useQuery({ queryKey: tasksKey(caseId), queryFn: () => invoke('tasks:list', { caseId }) });
}

function useTaskMutation<C extends 'tasks:create' | 'tasks:update'>(channel: C, caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => invoke(channel, input),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: tasksKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: ['history', caseId] });
    },
  });
}

export const useCreateTask = (caseId: string) => useTaskMutation('tasks:create', caseId);
export const useUpdateTask = (caseId: string) => useTaskMutation('tasks:update', caseId);
