import type { RecipientType } from '../../../shared/domain/enums';
import type { PacketHistoryEntry } from '../../../shared/ipc/packets-contract';
import type { PacketExportTable } from '../../db/schema';
import type { DbOrTrx } from '../records/context';

async function insert(db: DbOrTrx, row: PacketExportTable): Promise<void> {
  await db.insertInto('packet_export').values(row).execute();
}

/** Only for a packet that was recorded but could not be written (see packets.service). */
async function remove(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('packet_export').where('id', '=', id).execute();
}

async function forReferral(db: DbOrTrx, referralId: string): Promise<PacketExportTable[]> {
  return db.selectFrom('packet_export').selectAll().where('referral_id', '=', referralId).orderBy('created_at', 'desc').execute();
}

function toEntry(row: PacketExportTable): PacketHistoryEntry {
  return {
    id: row.id,
    packetId: row.packet_id,
    referralId: row.referral_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    fileName: row.file_name,
    recipientType: row.recipient_type as RecipientType,
    profileId: row.profile_id,
    profileLabel: row.profile_label,
    consentId: row.consent_id,
    overrideReason: row.override_reason,
    manifestSha256: row.manifest_sha256,
    sealed: row.sealed === 1,
    threatCount: row.threat_count,
    evidenceCount: row.evidence_count,
    redactionCount: row.redaction_count,
  };
}

export const packetHistoryRepository = Object.freeze({ insert, remove, forReferral, toEntry });
