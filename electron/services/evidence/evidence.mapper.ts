import type { EvidenceDto } from '../../../shared/domain/records';
import type { EvidenceRow, ThreatEvidenceTable } from '../../db/schema';

export function evidenceToDto(row: EvidenceRow, links: readonly ThreatEvidenceTable[]): EvidenceDto {
  return {
    id: row.id,
    caseId: row.case_id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    collectedAt: row.collected_at,
    collectedHow: row.collected_how,
    collectedBy: row.collected_by,
    collectedFrom: row.collected_from,
    description: row.description,
    threatIds: links.filter((l) => l.evidence_id === row.id).map((l) => l.threat_id),
    version: row.version,
    createdAt: row.created_at,
  };
}

/** What the audit log keeps about a file: its metadata and fingerprint, never its bytes. */
export function evidenceAuditFields(dto: EvidenceDto): Record<string, unknown> {
  return {
    fileName: dto.fileName,
    mediaType: dto.mediaType,
    sizeBytes: dto.sizeBytes,
    sha256: dto.sha256,
    collectedAt: dto.collectedAt,
    collectedHow: dto.collectedHow,
    collectedBy: dto.collectedBy,
    collectedFrom: dto.collectedFrom,
    description: dto.description,
    threatIds: dto.threatIds,
  };
}
