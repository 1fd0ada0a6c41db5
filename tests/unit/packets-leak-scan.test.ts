import { describe, expect, it } from 'vitest';
import { defaultProfileFor, loadDefaultProfiles } from '../../shared/domain/disclosure-profile';
import type { CaseDto, ContactDto } from '../../shared/domain/records';
import { scanForLeaks } from '../../electron/services/packets/leak-scan';
import { createScrubber, scrubText } from '../../electron/services/packets/scrub';
import { collectSensitiveValues, withheldValues } from '../../electron/services/packets/sensitive-values';

const CASE_ID = '00000000-0000-4000-8000-000000000001';

const caseRecord = {
  id: CASE_ID,
  code: 'CK-2026-0042',
  client: {
    id: '00000000-0000-4000-8000-000000000010',
    legalName: 'Li Mei',
    originalNames: ['李梅'],
    aliases: [],
    identityDocuments: [],
    dateOfBirth: null,
    safeContactMethods: '',
  },
} as unknown as CaseDto;

const brother = {
  id: '00000000-0000-4000-8000-000000000002',
  name: 'Li Wei',
  originalNames: ['李伟'],
  aliases: ['Wei Li'],
  sensitivity: 'never_disclose',
  phones: ['+86 138-0013-8000'],
  emails: ['li.wei88@example.cn'],
  handles: ['wxid_liwei1988'],
  address: '12 Jiefang Road, Urumqi',
  dateOfBirth: null,
  identityDocuments: [],
  links: [{ caseId: CASE_ID, caseCode: 'CK-2026-0042', role: 'family_home', relationship: 'brother' }],
} as unknown as ContactDto;

const original =
  '李梅 says police visited 李 伟 at 12 jiefang road, Urumqi, called ０１３８－００１３－８０００ and wrote to LI.WEI88@EXAMPLE.CN and wxid_liwei1988 about Wei  Li.';

const withheldForNgo = () => withheldValues(collectSensitiveValues({ caseRecord, contacts: [brother] }, defaultProfileFor('ngo')));

describe('the leak scan before a packet is written', () => {
  it('finds every withheld value in the original text, naming file, field, label and the exact text around it', () => {
    const hits = scanForLeaks([{ file: 'referral.json', field: 'threats[0].description', text: original }], withheldForNgo());
    expect(hits.map((h) => h.label).sort()).toEqual(
      [
        'CK-2026-0042',
        'Relative A (brother)',
        '[address of Relative A (brother)]',
        '[e-mail of Relative A (brother)]',
        '[handle of Relative A (brother)]',
        '[phone of Relative A (brother)]',
      ].sort(),
    );
    // 李 伟, Wei  Li, and the name inside the e-mail address and the WeChat handle.
    expect(hits.find((h) => h.label === 'Relative A (brother)')).toMatchObject({ file: 'referral.json', field: 'threats[0].description', count: 4 });
    // The label, file and field never hold the value; the excerpt shows the caseworker where it is.
    expect(JSON.stringify(hits.map(({ excerpt: _excerpt, ...rest }) => rest))).not.toMatch(/李|wei|138|jiefang/i);
    expect(hits.find((h) => h.label === '[phone of Relative A (brother)]')?.excerpt).toContain('０１３８－００１３－８０００');
  });

  it('finds nothing in the same text after scrubbing, under every default profile', () => {
    for (const profile of loadDefaultProfiles()) {
      const withheld = withheldValues(collectSensitiveValues({ caseRecord, contacts: [brother] }, profile));
      const scrubbed = scrubText(original, createScrubber(withheld)).text;
      expect(scanForLeaks([{ file: 'referral.pdf', field: 'page 1', text: scrubbed }], withheld), profile.id).toEqual([]);
      // The scan is not trivially empty: the original leaks under every profile (the brother is "never disclose").
      expect(scanForLeaks([{ file: 'referral.pdf', field: 'page 1', text: original }], withheld).length, profile.id).toBeGreaterThan(0);
    }
  });

  it('catches "+86 138-0013-8000" written as "13800138000" in a file name', () => {
    const hits = scanForLeaks([{ file: 'evidence/13800138000-call-log.png', field: 'file name', text: 'evidence/13800138000-call-log.png' }], withheldForNgo());
    expect(hits).toEqual([{ file: 'evidence/13800138000-call-log.png', field: 'file name', label: '[phone of Relative A (brother)]', count: 1, excerpt: 'evidence/13800138000-call-log.png' }]);
  });

  it('reports each file and field separately', () => {
    const hits = scanForLeaks(
      [
        { file: 'referral.json', field: 'summary', text: 'Met LI WEI.' },
        { file: 'manifest.json', field: 'profile', text: 'partner_ngo' },
        { file: 'evidence/photo.jpg', field: 'XMP dc:creator', text: 'ｗｘｉｄ＿ｌｉｗｅｉ１９８８' },
      ],
      withheldForNgo(),
    );
    expect(hits.map((h) => `${h.file} ${h.field} ${h.label}`)).toEqual([
      'referral.json summary Relative A (brother)',
      // The handle, and the brother's name inside it.
      'evidence/photo.jpg XMP dc:creator Relative A (brother)',
      'evidence/photo.jpg XMP dc:creator [handle of Relative A (brother)]',
    ]);
  });
});
