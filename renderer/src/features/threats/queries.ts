import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';
import { invalidateRecords } from '../cases/queries';

export const threatsKey = (caseId: string) => ['threats', caseId] as const;

export function useThreats(caseId: string) {
  return useQuery({ queryKey: threatsKey(caseId), queryFn: () => invoke('threats:list', { caseId }) });
}

/** The case's evidence, to link to a threat. */
export function useCaseEvidence(caseId: string) {
  return useQuery({ queryKey: ['evidence', caseId, 'for-threats'], queryFn: () => invoke('evidence:list', { caseId }) });
}

function useThreatMutation<C extends 'threats:create' | 'threats:update' | 'threats:delete'>(channel: C) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => invoke(channel, input),
    onSuccess: () => void invalidateRecords(queryClient),
  });
}

export const useCreateThreat = () => useThreatMutation('threats:create');
export const useUpdateThreat = () => useThreatMutation('threats:update');
export const useDeleteThreat = () => useThreatMutation('threats:delete');

/** After a CONFLICT: the case's threats as saved now. */
export function useFetchThreats() {
  const queryClient = useQueryClient();
  return (caseId: string) => queryClient.fetchQuery({ queryKey: threatsKey(caseId), queryFn: () => invoke('threats:list', { caseId }), staleTime: 0 });
}
