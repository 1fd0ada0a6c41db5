import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';

export const evidenceKey = (caseId: string) => ['evidence', caseId] as const;

export function useEvidenceList(caseId: string) {
  return useQuery({ queryKey: evidenceKey(caseId), queryFn: () => invoke('evidence:list', { caseId }) });
}

/** After any evidence change: the list, the threats (their evidence links) and the history reload. */
function useEvidenceMutation<C extends 'evidence:add' | 'evidence:update' | 'evidence:delete'>(channel: C, caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => invoke(channel, input),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: evidenceKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: ['threats', caseId] });
      void queryClient.invalidateQueries({ queryKey: ['history', caseId] });
    },
  });
}

export const useAddEvidence = (caseId: string) => useEvidenceMutation('evidence:add', caseId);
export const useUpdateEvidence = (caseId: string) => useEvidenceMutation('evidence:update', caseId);
export const useDeleteEvidence = (caseId: string) => useEvidenceMutation('evidence:delete', caseId);
