import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { createCase } from '../electron/services/cases/cases.service';
import { createConsent } from '../electron/services/consents/consents.service';
import { createContactForCase } from '../electron/services/contacts/contacts.service';
import { addEvidenceBytes } from '../electron/services/evidence/evidence.service';
import { exportPacket } from '../electron/services/packets/packets.service';
import { createReferral } from '../electron/services/referrals/referrals.service';
import { DEFAULT_SETTINGS } from '../electron/services/settings/settings.service';
import { createThreat } from '../electron/services/threats/threats.service';
import { KDF_FLOOR } from '../electron/services/vault/kdf';
import { closeVault, createVault } from '../electron/services/vault/vault.service';
import { templateAnswers } from '../shared/domain/packet';

/**
 * Export of a referral packet with 50 threats and 20 photos (~60 MB), as the
 * issue asks: reading the evidence from the encrypted vault, re-encoding
 * every photo without metadata, the PDF and JSON, the manifest, the leak scan
 * (PDF text extracted back, every file's metadata) and the ZIP. Only the
 * encrypted vault is measured: a plain vault would change only the reads.
 */
export interface PacketBench {
  photosMiB: number;
  exportMs: number;
  packetMiB: number;
  peakRssMiB: number;
}

/** A noisy photo of about 3 MB: noise keeps JPEG from compressing it away, like a real phone photo. */
async function photo(seed: number): Promise<Buffer> {
  const width = 2400;
  const height = 1800;
  const pixels = Buffer.alloc(width * height * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < pixels.length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    pixels[i] = (x >>> 16) & 0xff;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

export async function benchPacketExport(dir: string, threatCount = 50, photoCount = 20): Promise<PacketBench> {
  const root = join(dir, 'packet-bench');
  mkdirSync(root);
  const { vault } = await createVault(join(root, 'Packets'), 'benchmark passphrase with several words', { withRecoveryKey: false }, { kdfParams: async () => KDF_FLOOR });
  try {
    const ctx = { db: vault.db, actor: 'Benchmark', now: () => new Date('2026-11-28T10:00:00') };
    const kase = await createCase(ctx, { client: { legalName: 'Li Wei', originalNames: ['李伟'] }, case: { summary: 'Benchmark case: family pressured through police visits.' } });
    const mother = await createContactForCase(ctx, { caseId: kase.id, role: 'family_home', relationship: 'mother', contact: { name: 'Zhang Xiuying', originalNames: ['张秀英'], phones: ['+86 138 0013 8000'] } });
    let photosBytes = 0;
    const evidenceIds: string[] = [];
    for (let i = 0; i < photoCount; i += 1) {
      const data = await photo(i + 1);
      photosBytes += data.length;
      const e = await addEvidenceBytes(ctx, {
        caseId: kase.id,
        evidence: { fileName: `photo-${i + 1}.jpg`, mediaType: 'image/jpeg', collectedAt: '2026-11-01T09:00:00.000Z', collectedHow: 'Sent by the client', collectedBy: '', collectedFrom: '', description: `Photo ${i + 1} of the summons` },
        data,
      });
      evidenceIds.push(e.id);
    }
    const threatIds: string[] = [];
    for (let i = 0; i < threatCount; i += 1) {
      const t = await createThreat(ctx, {
        caseId: kase.id,
        threat: {
          tacticId: 'threats_from_distance.coercion_by_proxy',
          tacticOther: '',
          datePrecision: 'exact',
          occurredFrom: `2026-${String((i % 9) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
          occurredTo: null,
          country: 'China',
          city: 'Urumqi',
          channel: 'phone',
          targetContactId: mother.id,
          perpetratorIds: [],
          evidenceIds: i < photoCount ? [evidenceIds[i]!] : [],
          description: `Officers called Zhang Xiuying (张秀英) from +86 138 0013 8000 and told her Li Wei must come back. Visit ${i + 1}; they photographed the family's documents and warned the neighbours.`,
          severity: 4,
          verification: 'corroborated',
        },
      });
      threatIds.push(t.id);
    }
    const referral = await createReferral(ctx, { caseId: kase.id, referral: { recipientType: 'police', recipientOrg: 'National TNR unit', purposeId: 'police.threat_assessment', purposeDetail: 'Protection', threatIds } });
    await createConsent(ctx, { caseId: kase.id, consent: { recipientType: 'police', recipientOrg: '', purposeIds: ['police.threat_assessment'], purposeDetail: 'Protection', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', givenOn: '2026-11-01', expiresOn: null } });

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const path = join(root, 'packet.zip');
    const started = performance.now();
    try {
      await exportPacket(
        ctx,
        { referralId: referral.id, threatIds, evidenceIds, includeAsIs: [], overrideReason: null, templateAnswers: templateAnswers.parse({}) },
        { today: '2026-11-28', settings: { ...DEFAULT_SETTINGS, organisationName: 'Benchmark Centre', organisationContact: '' }, generatorVersion: 'bench' },
        { path, sealPassphrase: null },
      );
    } finally {
      clearInterval(sampler);
    }
    const exportMs = performance.now() - started;
    return { photosMiB: photosBytes / 1024 ** 2, exportMs, packetMiB: statSync(path).size / 1024 ** 2, peakRssMiB: peak / 1024 ** 2 };
  } finally {
    closeVault(vault);
  }
}
