import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';

export const consentsKey = (caseId: string) => ['consents', caseId] as const;

export function useConsents(caseId: string) {
  return useQuery({ queryKey: consentsKey(caseId), queryFn: () => invoke('consents:list', { caseId }) });
}

function useConsentMutation<C extends 'consents:create' | 'consents:withdraw'>(channel: C, caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => invoke(channel, input),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: consentsKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: ['history', caseId] });
      // A new consent can link a referral and change what its packet may do.
      void queryClient.invalidateQueries({ queryKey: ['referrals'] });
      void queryClient.invalidateQueries({ queryKey: ['packets', 'preview'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export const useRecordConsent = (caseId: string) => useConsentMutation('consents:create', caseId);
export const useWithdrawConsent = (caseId: string) => useConsentMutation('consents:withdraw', caseId);
