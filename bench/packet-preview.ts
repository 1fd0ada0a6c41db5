import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCase } from '../electron/services/cases/cases.service';
import { createConsent } from '../electron/services/consents/consents.service';
import { createContactForCase } from '../electron/services/contacts/contacts.service';
import { previewPacket } from '../electron/services/packets/packets.service';
import { createReferral } from '../electron/services/referrals/referrals.service';
import { DEFAULT_SETTINGS } from '../electron/services/settings/settings.service';
import { createThreat } from '../electron/services/threats/threats.service';
import { KDF_FLOOR } from '../electron/services/vault/kdf';
import { closeVault, createVault } from '../electron/services/vault/vault.service';
import { templateAnswers } from '../shared/domain/packet';

/**
 * The packet preview the caseworker waits for after every change in the
 * builder: a case with 200 threats whose descriptions name five withheld
 * relatives in Latin, Chinese and Uyghur script, with their numbers and
 * places, scrubbed by the identity-aware matcher. Target: < 300 ms.
 */
export interface PreviewBench {
  threats: number;
  medianMs: number;
  maxMs: number;
  redactions: number;
}

const RELATIVES = [
  { name: 'Zhang Jianguo', originalNames: ['张建国'], aliases: ['Jianguo Zhang'], phones: ['+86 138 0013 8000'], address: '浙江省温州市鹿城区五马街12号', city: 'Wenzhou', relationship: 'father' },
  { name: 'Lü Xiuying', originalNames: ['吕秀英'], aliases: [], phones: ['+86 139 1234 5678'], address: '', city: 'Wenzhou', relationship: 'mother' },
  { name: 'Gülnar Tursun', originalNames: ['گۈلنار تۇرسۇن'], aliases: ['Гульнар Турсун'], phones: ['+86 991 555 0199'], address: '8 Yan’an Road, Tianshan District, Urumqi 830000', city: 'Urumqi', relationship: 'sister' },
  { name: 'Abdurehim Tursun', originalNames: ['ئابدۇرېھىم تۇرسۇن'], aliases: [], phones: [], address: '', city: 'Kashgar', relationship: 'brother' },
  { name: 'Wang Wei', originalNames: ['王伟'], aliases: [], phones: ['+86 137 0000 1111'], address: '', city: 'Tangxia', relationship: 'cousin' },
];

const MENTIONS = ['ZHANG, Jian-guo', '張建國', 'Lv Xiuying', 'گولنار تورسون', 'Wang  Wei', '138-0013-8000', '一三九一二三四五六七八', 'Wenzhounese', '五马街', 'abdurehim.tursun@example.cn'];

export async function benchPacketPreview(dir: string, threatCount = 200): Promise<PreviewBench> {
  const root = join(dir, 'packet-preview-bench');
  mkdirSync(root);
  const { vault } = await createVault(join(root, 'Preview'), 'benchmark passphrase with several words', { withRecoveryKey: false }, { kdfParams: async () => KDF_FLOOR });
  try {
    const ctx = { db: vault.db, actor: 'Benchmark', now: () => new Date('2026-11-28T10:00:00') };
    const kase = await createCase(ctx, { client: { legalName: 'Tursun Ablimit', originalNames: ['تۇرسۇن ئابلىمىت'], dateOfBirth: '1988-03-09' }, case: { summary: 'Benchmark case.' } });
    const relatives = [];
    for (const r of RELATIVES) {
      const { relationship, ...contact } = r;
      relatives.push(await createContactForCase(ctx, { caseId: kase.id, role: 'family_home', relationship, contact }));
    }
    const threatIds: string[] = [];
    for (let i = 0; i < threatCount; i += 1) {
      const a = MENTIONS[i % MENTIONS.length]!;
      const b = MENTIONS[(i * 7 + 3) % MENTIONS.length]!;
      const t = await createThreat(ctx, {
        caseId: kase.id,
        threat: {
          tacticId: 'threats_from_distance.coercion_by_proxy',
          tacticOther: '',
          datePrecision: 'exact',
          occurredFrom: `2026-${String((i % 9) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
          occurredTo: null,
          country: 'China',
          city: RELATIVES[i % RELATIVES.length]!.city,
          channel: 'phone',
          targetContactId: relatives[i % relatives.length]!.id,
          perpetratorIds: [],
          evidenceIds: [],
          description: `Incident ${i + 1}: officers visited ${a} and told the family that the client must return; they called ${b} twice the same evening and photographed documents. 警察再次上门，要求家属劝说当事人回国。`,
          severity: 4,
          verification: 'corroborated',
        },
      });
      threatIds.push(t.id);
    }
    const referral = await createReferral(ctx, { caseId: kase.id, referral: { recipientType: 'police', recipientOrg: 'Metropolitan Police', purposeId: 'police.threat_assessment', purposeDetail: '', threatIds } });
    await createConsent(ctx, { caseId: kase.id, consent: { recipientType: 'police', recipientOrg: '', purposeIds: ['police.threat_assessment'], purposeDetail: '', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', givenOn: '2026-11-01', expiresOn: null } });
    const env = { today: '2026-11-28', settings: { ...DEFAULT_SETTINGS, organisationName: 'Benchmark Centre', organisationContact: '' }, generatorVersion: 'bench' };
    const request = { referralId: referral.id, threatIds, evidenceIds: [], includeAsIs: [], overrideReason: null, templateAnswers: templateAnswers.parse({}) };
    const times: number[] = [];
    let redactions = 0;
    for (let i = 0; i < 7; i += 1) {
      const started = performance.now();
      const preview = await previewPacket(vault.db, request, env, new Date('2026-11-28T10:00:00'));
      times.push(performance.now() - started);
      redactions = preview.document.redactions.reduce((n, r) => n + r.count, 0);
    }
    const sorted = [...times].sort((x, y) => x - y);
    // The first run also compiles the forms and warms the folding caches: it counts in the maximum.
    return { threats: threatCount, medianMs: sorted[3]!, maxMs: sorted.at(-1)!, redactions };
  } finally {
    closeVault(vault);
  }
}
