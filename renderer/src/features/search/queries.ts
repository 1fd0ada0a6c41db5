import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { invoke } from '../../lib/api';

export const searchKey = (query: string) => ['search', query] as const;

/** Results for a settled query; nothing is asked for an empty box. Kept briefly: results hold names. */
export function useSearch(query: string) {
  const text = query.trim();
  return useQuery({
    queryKey: searchKey(text),
    queryFn: () => invoke('search:query', { query: text, limitPerKind: 8 }),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 0,
    gcTime: 30_000,
  });
}
