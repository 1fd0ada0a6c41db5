import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { invoke } from '../../lib/api';

export interface ReportRange {
  from?: string;
  to?: string;
}

export const reportKey = (range: ReportRange) => ['reports', range.from ?? '', range.to ?? ''] as const;

export function useReport(range: ReportRange) {
  return useQuery({ queryKey: reportKey(range), queryFn: () => invoke('reports:get', range), placeholderData: keepPreviousData });
}

export function useExportReportCsv() {
  return useMutation({ mutationFn: (input: ChannelInput<'reports:exportCsv'>) => invoke('reports:exportCsv', input) });
}

