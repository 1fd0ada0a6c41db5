import type { z } from 'zod';
import type { packetsContract } from '../../../shared/ipc/packets-contract';
import type { VaultSession } from '../../services/session/session.service';
import { localDay } from '../../services/records/dates';
import { cloneProfile, listProfiles, resetProfile, saveProfile } from '../../services/profiles/profiles.service';
import { exportPacket, listPacketHistory, previewPacket, type PacketEnvironment } from '../../services/packets/packets.service';
import type { SaveGrants } from './save-grants';

type PacketsContract = typeof packetsContract;
export type PacketHandlers = {
  [C in keyof PacketsContract]: (input: z.output<PacketsContract[C]['input']>) => Promise<z.input<PacketsContract[C]['output']>>;
};

/** Disclosure profiles and referral packets. Every handler needs the open vault (LOCKED otherwise). */
export function createPacketHandlers(session: VaultSession, generatorVersion: string, saveGrants: SaveGrants): PacketHandlers {
  const db = () => session.current().db;
  const env = (): PacketEnvironment => ({ today: localDay(), settings: session.getSettings(), generatorVersion });
  return {
    'profiles:list': async () => listProfiles(db()),
    'profiles:save': async ({ profile }) => saveProfile(session.recordContext(), profile),
    'profiles:clone': async (input) => cloneProfile(session.recordContext(), input),
    'profiles:reset': async ({ id }) => resetProfile(session.recordContext(), id),
    'packets:preview': async (request) => previewPacket(db(), request, env(), new Date()),
    'packets:export': async ({ request, saveToken, sealPassphrase }) => {
      const ctx = session.recordContext();
      return exportPacket(ctx, request, env(), { path: saveGrants.redeem(saveToken, 'packet-zip'), sealPassphrase });
    },
    'packets:history': async ({ referralId }) => listPacketHistory(db(), referralId),
  };
}
