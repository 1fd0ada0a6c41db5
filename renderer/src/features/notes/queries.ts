import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';

export const notesKey = (caseId: string) => ['notes', caseId] as const;

export function useNotes(caseId: string) {
  return useQuery({ queryKey: notesKey(caseId), queryFn: () => invoke('notes:list', { caseId }) });
}

function useNoteMutation<C extends 'notes:create' | 'notes:update' | 'notes:delete'>(channel: C, caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => invoke(channel, input),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: notesKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: ['history', caseId] });
    },
  });
}

export const useCreateNote = (caseId: string) => useNoteMutation('notes:create', caseId);
export const useUpdateNote = (caseId: string) => useNoteMutation('notes:update', caseId);
export const useDeleteNote = (caseId: string) => useNoteMutation('notes:delete', caseId);
