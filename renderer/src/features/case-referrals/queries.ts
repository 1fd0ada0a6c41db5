import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReferralStatus } from '../../../../shared/domain/enums';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';

export const referralsKey = ['referrals'] as const;

/** A case's referrals, overdue follow-ups first (the service sorts). */
export function useCaseReferrals(caseId: string) {
  return useQuery({ queryKey: [...referralsKey, 'case', caseId], queryFn: () => invoke('referrals:list', { caseId, limit: 500 }) });
}

export function useReferralPage(statuses: ReferralStatus[], offset: number, limit: number) {
  return useQuery({
    queryKey: [...referralsKey, 'all', statuses, offset, limit],
    queryFn: () => invoke('referrals:list', { statuses: statuses.length > 0 ? statuses : undefined, offset, limit }),
    placeholderData: (previous) => previous,
    staleTime: 0,
  });
}

function useReferralMutation<C extends 'referrals:create' | 'referrals:update'>(channel: C, caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => invoke(channel, input),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: referralsKey });
      void queryClient.invalidateQueries({ queryKey: ['history', caseId] });
      void queryClient.invalidateQueries({ queryKey: ['tasks', caseId] });
    },
  });
}

export const useCreateReferral = (caseId: string) => useReferralMutation('referrals:create', caseId);
export const useUpdateReferral = (caseId: string) => useReferralMutation('referrals:update', caseId);
