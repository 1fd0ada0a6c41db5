import { QueryClient } from '@tanstack/react-query';

/**
 * Vault data lives in memory only while the vault is unlocked: locking calls
 * `queryClient.clear()`. No persistence, no refetch on focus (the data only
 * changes through this window).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000, gcTime: 5 * 60_000 },
    // Finished mutations leave the cache at once (their variables may be sensitive).
    mutations: { retry: false, gcTime: 0 },
  },
});
