import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CaseDto, CaseListQuery } from '../../../../shared/domain/records';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';

export const PAGE_SIZE = 100;
export const casesKey = ['cases'] as const;
export const caseKey = (id: string) => ['case', id] as const;
const assigneesKey = ['cases:assignees'] as const;

/** The filtered list, fetched 100 at a time as the user scrolls (never everything at once). */
export function useCaseList(query: Omit<CaseListQuery, 'offset' | 'limit'>) {
  return useInfiniteQuery({
    queryKey: [...casesKey, 'list', query],
    initialPageParam: 0,
    queryFn: ({ pageParam }) => invoke('cases:list', { ...query, offset: pageParam, limit: PAGE_SIZE }),
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? loaded : undefined;
    },
    placeholderData: (previous) => previous,
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => invoke('cases:get', { id }) });
}

export function useAssignees() {
  return useQuery({ queryKey: assigneesKey, queryFn: () => invoke('cases:assignees', {}) });
}

/** Every change to a case: the saved case replaces the cached one and lists reload. */
function useCaseMutation<C extends 'cases:create' | 'cases:update' | 'cases:updateClient' | 'cases:archive' | 'cases:restore'>(channel: C) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => invoke(channel, input) as Promise<CaseDto>,
    onSuccess: (saved) => {
      queryClient.setQueryData(caseKey(saved.id), saved);
      void invalidateRecords(queryClient, saved.id);
    },
  });
}

export const useCreateCase = () => useCaseMutation('cases:create');
export const useUpdateCase = () => useCaseMutation('cases:update');
export const useUpdateClient = () => useCaseMutation('cases:updateClient');
export const useArchiveCase = () => useCaseMutation('cases:archive');
export const useRestoreCase = () => useCaseMutation('cases:restore');

export function useEraseCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'cases:erase'>) => invoke('cases:erase', input),
    onSuccess: (_result, input) => {
      queryClient.removeQueries({ queryKey: caseKey(input.id) });
      void invalidateRecords(queryClient);
    },
  });
}

/**
 * A change to one record can show up in many places (lists, counts, the
 * case's history): everything else is marked stale and the visible parts
 * reload. The case just saved is not refetched (its saved copy is current).
 */
export function invalidateRecords(queryClient: QueryClient, savedCaseId?: string): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => !(savedCaseId && query.queryKey[0] === 'case' && query.queryKey[1] === savedCaseId) && query.queryKey[0] !== 'app:info',
  });
}

/** After a CONFLICT: the record as saved now. */
export function useFetchCurrentCase() {
  const queryClient = useQueryClient();
  return (id: string) => queryClient.fetchQuery({ queryKey: caseKey(id), queryFn: () => invoke('cases:get', { id }), staleTime: 0 });
}
