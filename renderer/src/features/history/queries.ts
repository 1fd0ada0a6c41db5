import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { invoke } from '../../lib/api';

export const HISTORY_PAGE = 50;
export const historyKey = (caseId: string) => ['history', caseId] as const;

/** Newest first, 50 at a time; "load more" asks for entries before the oldest shown. */
export function useCaseHistory(caseId: string) {
  return useInfiniteQuery({
    queryKey: historyKey(caseId),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => invoke('audit:history', { caseId, beforeSeq: pageParam, limit: HISTORY_PAGE }),
    getNextPageParam: (last) => (last.length < HISTORY_PAGE ? undefined : last[last.length - 1]?.seq),
    staleTime: 0,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => invoke('audit:verify', {}) });
}
