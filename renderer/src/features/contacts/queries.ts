import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';
import { invalidateRecords } from '../cases/queries';

const PAGE_SIZE = 100;
export const caseContactsKey = (caseId: string) => ['contacts', 'case', caseId] as const;

/** The contacts of one case (a case has tens of contacts, not thousands). */
export function useCaseContacts(caseId: string) {
  return useQuery({ queryKey: caseContactsKey(caseId), queryFn: () => invoke('contacts:list', { caseId, limit: 500 }).then((page) => page.items) });
}

/** All contacts across cases, a page at a time. */
export function useAllContacts(text: string) {
  return useInfiniteQuery({
    queryKey: ['contacts', 'all', text],
    initialPageParam: 0,
    queryFn: ({ pageParam }) => invoke('contacts:list', { ...(text ? { text } : {}), offset: pageParam, limit: PAGE_SIZE }),
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? loaded : undefined;
    },
    placeholderData: (previous) => previous,
  });
}

/** Type-ahead for linking an existing contact. */
export function useContactSearch(text: string) {
  return useQuery({
    queryKey: ['contacts', 'search', text],
    queryFn: () => invoke('contacts:list', { text, limit: 20 }).then((page) => page.items),
    enabled: text.trim().length > 0,
    placeholderData: (previous) => previous,
  });
}

function useContactMutation<C extends 'contacts:create' | 'contacts:link' | 'contacts:updateLink' | 'contacts:unlink' | 'contacts:update'>(channel: C) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => invoke(channel, input),
    onSuccess: () => void invalidateRecords(queryClient),
  });
}

export const useCreateContact = () => useContactMutation('contacts:create');
export const useLinkContact = () => useContactMutation('contacts:link');
export const useUnlinkContact = () => useContactMutation('contacts:unlink');
export const useUpdateContact = () => useContactMutation('contacts:update');
export const useUpdateContactLink = () => useContactMutation('contacts:updateLink');

export function useFetchContact() {
  const queryClient = useQueryClient();
  return (id: string) => queryClient.fetchQuery({ queryKey: ['contact', id], queryFn: () => invoke('contacts:get', { id }), staleTime: 0 });
}
