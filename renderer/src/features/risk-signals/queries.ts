import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';
import { caseKey, invalidateRecords } from '../cases/queries';

export const riskSignalsKey = (caseId: string) => ['riskSignals', caseId] as const;

export function useRiskSuggestions(caseId: string) {
  return useQuery({ queryKey: riskSignalsKey(caseId), queryFn: () => invoke('riskSignals:forCase', { caseId }) });
}

/** Accept or dismiss: the saved case replaces the cached one; dashboard, lists and history reload. */
export function useDecideRiskSignal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'riskSignals:decide'>) => invoke('riskSignals:decide', input),
    onSuccess: ({ case: saved }) => {
      queryClient.setQueryData(caseKey(saved.id), saved);
      void invalidateRecords(queryClient, saved.id);
    },
  });
}
