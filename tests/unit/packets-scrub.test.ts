import { describe, expect, it } from 'vitest';
import { defaultProfileFor } from '../../shared/domain/disclosure-profile';
import type { CaseDto, ContactDto } from '../../shared/domain/records';
import { createScrubber, scrubText } from '../../electron/services/packets/scrub';
import { collectSensitiveValues, subjectLabels, withheldValues, type SensitiveValue } from '../../electron/services/packets/sensitive-values';
import { phoneCandidates } from '../../electron/services/packets/identity-forms';

const CASE_ID = '00000000-0000-4000-8000-000000000001';
const BROTHER_ID = '00000000-0000-4000-8000-000000000002';
const MOTHER_ID = '00000000-0000-4000-8000-000000000003';
const AGENT_ID = '00000000-0000-4000-8000-000000000004';

function seededCase(): CaseDto {
  return {
    id: CASE_ID,
    code: 'CK-2026-0042',
    status: 'active',
    priority: 'high',
    riskLevel: 'high',
    assignedTo: 'Mariam Test',
    openedOn: '2026-03-01',
    closedOn: null,
    summary: '',
    archivedAt: null,
    version: 1,
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    riskHistory: [],
    client: {
      id: '00000000-0000-4000-8000-000000000010',
      version: 1,
      updatedAt: '2026-03-01T10:00:00Z',
      legalName: 'Li Mei',
      originalNames: ['李梅'],
      aliases: ['Mei Li'],
      identityDocuments: ['Passport CN E12345678'],
      dateOfBirth: '1990-03-15',
      nationality: 'China',
      residenceCountry: 'Netherlands',
      immigrationStatus: 'asylum_seeker',
      languages: ['zh'],
      safeContactMethods: 'Signal only: +31 6 1234 5678, or limei.safe@example.org',
      safeContactTimes: 'Evenings',
      ethnicity: '',
      religion: '',
      politicalActivity: '',
    },
  };
}

function contact(id: string, role: ContactDto['links'][number]['role'], relationship: string, fields: Partial<ContactDto>): ContactDto {
  return {
    id,
    version: 1,
    updatedAt: '2026-03-01T10:00:00Z',
    kind: 'person',
    name: 'Unnamed',
    originalNames: [],
    aliases: [],
    sensitivity: 'normal',
    country: '',
    city: '',
    phones: [],
    emails: [],
    handles: [],
    address: '',
    dateOfBirth: null,
    identityDocuments: [],
    notes: '',
    links: [{ caseId: CASE_ID, caseCode: 'CK-2026-0042', role, relationship }],
    ...fields,
  };
}

function seededContacts(): ContactDto[] {
  return [
    contact(BROTHER_ID, 'family_home', 'brother', {
      name: 'Li Wei',
      originalNames: ['李伟'],
      aliases: ['Wei Li'],
      sensitivity: 'never_disclose',
      phones: ['+86 138-0013-8000'],
      handles: ['wxid_liwei1988'],
      address: '12 Jiefang Road, Urumqi',
    }),
    contact(MOTHER_ID, 'family_home', 'mother', { name: 'Zhang Hua', originalNames: ['张华'], sensitivity: 'never_disclose', emails: ['zhang.hua@example.cn'] }),
    contact(AGENT_ID, 'perpetrator', 'state security officer', { name: 'Officer Wang Jun', originalNames: ['王军'] }),
  ];
}

const subjects = () => ({ caseRecord: seededCase(), contacts: seededContacts() });
const withheldFor = (recipient: Parameters<typeof defaultProfileFor>[0]): SensitiveValue[] =>
  withheldValues(collectSensitiveValues(subjects(), defaultProfileFor(recipient)));

describe('scrubbing free text for a referral packet', () => {
  it('a threat description naming the client in Chinese, her brother by a badly spaced pinyin alias, a full-width phone and a WeChat handle comes out with labels only', () => {
    const withheld = withheldFor('un_special_procedure');
    const description =
      '李梅 reports that officers visited her brother (wei  LI) and called him on ＋８６　１３８　００１３　８０００. ' +
      'They also messaged WXID_LIWEI1988 on WeChat and told 李 伟 to bring his sister home.';
    const result = scrubText(description, createScrubber(withheld));

    expect(result.text).toBe(
      'CK-2026-0042 reports that officers visited her brother (Relative A (brother)) and called him on [phone of Relative A (brother)]. ' +
        'They also messaged [handle of Relative A (brother)] on WeChat and told Relative A (brother) to bring his sister home.',
    );
    expect(result.redactions).toEqual(
      expect.arrayContaining([
        { label: 'CK-2026-0042', sensitivityClass: 'identity', count: 1 },
        { label: 'Relative A (brother)', sensitivityClass: 'third_party', count: 2 },
        { label: '[phone of Relative A (brother)]', sensitivityClass: 'contact_details', count: 1 },
        { label: '[handle of Relative A (brother)]', sensitivityClass: 'contact_details', count: 1 },
      ]),
    );
    expect(JSON.stringify(result.redactions)).not.toMatch(/李|liwei|138/i);
    expect(result.parts.filter((p) => p.redacted).map((p) => p.text)).toHaveLength(5);
    expect(result.parts.map((p) => p.text).join('')).toBe(result.text);
  });

  it('names match across case, spacing, punctuation and accents: "Li  Wei", "li-wei", "LI.WEI", "Lì Wéi" and "liwei"', () => {
    const scrubber = createScrubber(withheldFor('ngo'));
    for (const form of ['Li  Wei', 'li-wei', 'LI.WEI', 'Lì Wéi', 'liwei', 'Ｌｉ　Ｗｅｉ']) {
      expect(scrubText(`Seen: ${form}.`, scrubber).text, form).toBe('Seen: Relative A (brother).');
    }
  });

  it('a Latin name matches on word boundaries only: withholding "Li" does not eat "Lisbon", "Olivia" or "Eli"', () => {
    const withheld: SensitiveValue[] = [
      { value: 'Li', kind: 'name', label: 'Witness A', sensitivityClass: 'third_party', subject: { entity: 'contact', id: AGENT_ID }, withheld: true },
    ];
    expect(scrubText('Li flew to Lisbon with Olivia and Eli; li met them there.', createScrubber(withheld)).text).toBe(
      'Witness A flew to Lisbon with Olivia and Eli; Witness A met them there.',
    );
  });

  it('a Chinese name matches inside running Chinese text, with no word boundaries', () => {
    const scrubber = createScrubber(withheldFor('ngo'));
    expect(scrubText('警察说张华的儿子李伟必须回国。', scrubber).text).toBe('警察说Relative B (mother)的儿子Relative A (brother)必须回国。');
  });

  it('the longest value wins: "Li Wei" is replaced whole before "Li" alone could take part of it', () => {
    const base = { sensitivityClass: 'third_party' as const, subject: { entity: 'contact' as const, id: BROTHER_ID }, withheld: true, kind: 'name' as const };
    const withheld: SensitiveValue[] = [
      { ...base, value: 'Li', label: 'Witness A' },
      { ...base, value: 'Li Wei', label: 'Relative A' },
    ];
    expect(scrubText('li wei and Li', createScrubber(withheld)).text).toBe('Relative A and Witness A');
  });

  it.each(['+86 138 0013 8000', '0086-138-0013-8000', '13800138000', '(138) 0013 8000', '+86 (138) 0013-8000', '138.0013.8000'])(
    'the brother\'s number "+86 138-0013-8000" is caught when written as %s',
    (form) => {
      const result = scrubText(`He was called from ${form} twice.`, createScrubber(withheldFor('ngo')));
      expect(result.text).toBe('He was called from [phone of Relative A (brother)] twice.');
    },
  );

  it('numbers that only share a few digits with a withheld phone are left alone', () => {
    const scrubber = createScrubber(withheldFor('ngo'));
    const text = 'Case 2026-0013, flight CA 138, tel +86 139 0013 8000.';
    expect(scrubText(text, scrubber).text).toBe(text);
    expect(phoneCandidates('+86 138-0013-8000').national).toContain('13800138000');
  });

  it('the client is named for a lawyer but pseudonymised for a partner NGO; a "never disclose" relative is labelled for both', () => {
    const lawyer = subjectLabels(subjects(), defaultProfileFor('lawyer'));
    expect(lawyer.get(CASE_ID)!.label).toBe('Li Mei');
    expect(lawyer.get(BROTHER_ID)!.label).toBe('Relative A (brother)');
    const ngo = subjectLabels(subjects(), defaultProfileFor('ngo'));
    expect(ngo.get(CASE_ID)!.label).toBe('CK-2026-0042');
    expect(ngo.get(AGENT_ID)!.label).toBe('Officer Wang Jun');

    const forLawyer = scrubText('Li Mei (李梅), born 15 March 1990, spoke to 李伟.', createScrubber(withheldFor('lawyer'))).text;
    expect(forLawyer).toBe('Li Mei (李梅), born 15 March 1990, spoke to Relative A (brother).');
    const forNgo = scrubText('Li Mei (李梅), born 15 March 1990, spoke to 李伟.', createScrubber(withheldFor('ngo'))).text;
    expect(forNgo).toBe('CK-2026-0042, born [date of birth of CK-2026-0042], spoke to Relative A (brother).');
  });

  it('the client\'s safe contact details in free text are withheld from a recipient whose profile leaves them out', () => {
    const scrubbed = scrubText('Reach her on 06-1234 5678 or LIMEI.SAFE@EXAMPLE.ORG.', createScrubber(withheldFor('un_special_procedure'))).text;
    expect(scrubbed).toBe('Reach her on [phone of CK-2026-0042] or [e-mail of CK-2026-0042].');
  });
});

describe('readable scrubbed text', () => {
  it('a name followed by its original script in brackets becomes the label once, not "Relative A (mother) (Relative A (mother))"', () => {
    const mother = { value: 'Zhang Xiuying', kind: 'name', label: 'Relative A (mother)', sensitivityClass: 'third_party', subject: { entity: 'contact', id: 'm' }, withheld: true } as const;
    const script = { ...mother, value: '张秀英' };
    const result = scrubText('Police visited Zhang Xiuying (张秀英) twice; Zhang Xiuying (mother) agreed.', createScrubber([mother, script]));
    expect(result.text).toBe('Police visited Relative A (mother) twice; Relative A (mother) (mother) agreed.');
    expect(result.redactions).toEqual([{ label: 'Relative A (mother)', sensitivityClass: 'third_party', count: 3 }]);
    expect(result.parts.filter((p) => p.redacted).map((p) => p.text)).toEqual(['Relative A (mother)', 'Relative A (mother)']);
  });
});
