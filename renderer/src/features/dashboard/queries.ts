import { useQuery } from '@tanstack/react-query';
import { invoke } from '../../lib/api';

export const dashboardKey = ['dashboard'] as const;

export function useDashboard() {
  return useQuery({ queryKey: dashboardKey, queryFn: () => invoke('dashboard:get', {}), staleTime: 0 });
}
