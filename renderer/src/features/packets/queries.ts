import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import type { PacketRequest } from '../../../../shared/ipc/packets-contract';
import { invoke } from '../../lib/api';
import { useSensitiveMutation } from '../../lib/use-sensitive-mutation';

export const packetHistoryKey = (referralId: string) => ['packets', 'history', referralId] as const;

/**
 * What the packet would contain for these choices. The previous preview stays
 * on screen while the next one is computed, so the page does not flicker as
 * the caseworker ticks boxes.
 */
export function usePacketPreview(request: PacketRequest) {
  return useQuery({
    queryKey: ['packets', 'preview', request],
    queryFn: () => invoke('packets:preview', request),
    placeholderData: keepPreviousData,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

/** Packets already exported for one referral, newest first. */
export function usePacketHistory(referralId: string, enabled = true) {
  return useQuery({ queryKey: packetHistoryKey(referralId), queryFn: () => invoke('packets:history', { referralId }), enabled });
}

/**
 * Exports one packet. The input can hold the sealing passphrase, so it goes
 * through useSensitiveMutation (nothing of it stays in the query cache).
 */
export function useExportPacket(referralId: string, caseId: string) {
  const queryClient = useQueryClient();
  return useSensitiveMutation(async (input: ChannelInput<'packets:export'>) => {
    try {
      return await invoke('packets:export', input);
    } finally {
      void queryClient.invalidateQueries({ queryKey: packetHistoryKey(referralId) });
      void queryClient.invalidateQueries({ queryKey: ['history', caseId] });
    }
  });
}

