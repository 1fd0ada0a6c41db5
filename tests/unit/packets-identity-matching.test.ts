import { describe, expect, it } from 'vitest';
import { scanForLeaks } from '../../electron/services/packets/leak-scan';
import { createScrubber, possibleKey, scrubText, type Scrubber } from '../../electron/services/packets/scrub';
import type { SensitiveValue } from '../../electron/services/packets/sensitive-values';
import { kinshipLabelOf } from '../../shared/domain/kinship';

/**
 * One person, every way of writing them: each class of variant spelling the
 * packet issue names, replaced by the scrubber and — written unscrubbed —
 * caught by the independent leak scan. And the other side: ordinary text
 * that only looks similar stays as written.
 */

const value = (kind: SensitiveValue['kind'], v: string, label: string, withheld = true): SensitiveValue => ({
  kind,
  value: v,
  label,
  sensitivityClass: 'third_party',
  subject: { entity: 'contact', id: label },
  withheld,
});

const FATHER = 'Relative A (father)';
const MOTHER = 'Relative B (mother)';
const SISTER = 'Relative C (sister)';
const BROTHER = 'Relative D (brother)';

const withheld: SensitiveValue[] = [
  value('name', 'Zhang Jianguo', FATHER),
  value('name', '张建国', FATHER),
  value('name', '吕秀英', MOTHER),
  value('name', '张伟', BROTHER),
  value('name', 'Gülnar Tursun', SISTER),
  value('name', 'گۈلنار تۇرسۇن', SISTER),
  value('name', 'Гульнар Турсун', SISTER),
  value('phone', '+86 138 0013 8000', `[phone of ${FATHER}]`),
  value('identity_document', 'Resident ID 33030219620514002X', `[ID document of ${FATHER}]`),
  value('date_of_birth', '1962-05-14', `[date of birth of ${FATHER}]`),
  value('handle', 'WeChat: wxid_xiuying62', `[handle of ${MOTHER}]`),
  value('handle', 't.me/gulnar_t', `[handle of ${SISTER}]`),
  value('email', 'jianguo.zhang@163.com', `[e-mail of ${FATHER}]`),
  value('address', '浙江省温州市鹿城区五马街12号', `[address of ${FATHER}]`),
  value('address', '12 Wuma Street, Lucheng District, Wenzhou 325000', `[address of ${MOTHER}]`),
  value('city', 'Wenzhou', '[city in China]'),
];
const perpetrator = value('name', 'Wang Fang', 'Wang Fang', false);

function scrubber(keep: string[] = []): Scrubber {
  return createScrubber(withheld, { disclosed: [perpetrator], keep });
}

/** Every variant is replaced by the scrubber, and caught by the leak scan when left in. */
function expectHandled(variants: readonly string[]): void {
  const s = scrubber();
  for (const variant of variants) {
    const text = `Before ${variant} after.`;
    const out = scrubText(text, s).text;
    expect(scanForLeaks([{ file: 'referral.json', field: 'summary', text: out }], withheld, { disclosed: [perpetrator] }), `${variant} → ${out}`).toEqual([]);
    expect(out, variant).not.toBe(text);
    expect(scanForLeaks([{ file: 'referral.json', field: 'summary', text }], withheld, { disclosed: [perpetrator] }).length, `scan of ${variant}`).toBeGreaterThan(0);
  }
}

describe('identity-aware matching: one person, every way of writing them', () => {
  it('names in any order, case, splitting, spacing, possessive, or inside a longer token', () => {
    expectHandled([
      'Zhang Jianguo',
      'ZHANG, Jian-guo',
      'jian guo zhang',
      "Jianguo Zhang's house",
      'Z h a n g  J i a n g u o',
      'Zhang\n        Jianguo',
      'Zhang...Jianguo',
      'zhangjianguo1962@qq.com',
      'www.zhangjianguo.cn',
      'ZHANGJIANGUO TRADING CO',
      'mrzhangjianguo',
    ]);
  });

  it('Chinese script: traditional and mixed forms, spaces and invisible characters, generated pinyin with and without tones, ü as v, u or yu', () => {
    expectHandled(['張建國', '張建国', '张 建 国', '张\u200b建\u2060国', 'Zhāng Jiànguó', 'Zhang1 Jian4guo2', 'zhang1 jian4 guo2', 'zhang jian guo', 'Lü Xiuying', 'Lv Xiuying', 'Lyu Xiuying', 'LU XIUYING', 'Xiuying Lü', '呂秀英']);
  });

  it('other scripts: Uyghur typed on an Arabic keyboard, a Cyrillic alias, confusable letters, full-width letters', () => {
    expectHandled(['گولنار تورسون', 'گۈلنار تۇرسۇن', 'Гульнар Турсун', 'Tursun Gulnar', 'Zhаng Jiаnguо', 'Ｚｈａｎｇ Ｊｉａｎｇｕｏ', 'Ζhang Jianguo']);
  });

  it('encodings: HTML character references, percent-encoding, quoted-printable, base64 and \\u escapes', () => {
    expectHandled([
      '&#24352;&#24314;&#22269;',
      '&#x5F20;&#x5EFA;&#x56FD;',
      'Zh&#97;ng Ji&#97;nguo',
      '%E5%BC%A0%E5%BB%BA%E5%9B%BD',
      'Zhang%20Jianguo',
      '=E5=BC=A0=E5=BB=BA=E5=9B=BD',
      'Zhang=20Jian=\ngu=6F',
      '\\u5f20\\u5efa\\u56fd',
      Buffer.from('Letter from Zhang Jianguo to his son').toString('base64'),
      '&amp;#24352;&amp;#24314;&amp;#22269;',
    ]);
  });

  it('places: the address whole and in parts, in each script it was recorded in, and the people of the town', () => {
    expectHandled(['浙江省温州市鹿城区五马街12号', '温州市', '鹿城区', '五马街', '12 Wuma Street', 'Wuma Street', 'Lucheng District', 'postcode 325000', 'Wenzhounese', 'wenzhou', 'WENZHOU']);
  });

  it('numbers: any separators, full-width or Chinese numerals, letter O for zero, with and without country code; IDs in any grouping; handles with and without prefixes', () => {
    expectHandled([
      '138 0013 8000',
      '+86-138-0013-8000',
      '0086 138.0013.8000',
      '138·0013·8000',
      '138_0013_8000',
      '138,0013,8000',
      '(138) 0013 8000',
      '１３８００１３８０００',
      '一三八〇〇一三八〇〇〇',
      '138OO138OOO',
      '330302 19620514 002X',
      '3303-0219-6205-1400-2x',
      'wxid_xiuying62',
      'xiuying62',
      '@gulnar_t',
      'https://t.me/gulnar_t',
      'gulnar_t',
      'JIANGUO.ZHANG@163.COM',
      'jianguo dot zhang at 163 dot com'.replace(/ dot /g, '.').replace(' at ', '@'),
    ]);
  });

  it('dates of birth in every common written form', () => {
    expectHandled([
      '1962-05-14',
      '14/05/1962',
      '05/14/1962',
      '14.5.1962',
      '14 May 1962',
      'May 14th, 1962',
      'the 14th of May 1962',
      '14-May-62'.replace('-62', '-1962'),
      'MAY 14 1962',
      '1962年5月14日',
      '1962年05月14日',
      '一九六二年五月十四日',
      '19620514',
    ]);
  });

  it('a relationship typed as free text is printed only as a kinship term from the vocabulary', () => {
    expect(kinshipLabelOf('father, lives in Tangxia')).toBe('father');
    expect(kinshipLabelOf('his mother-in-law (Wenzhou)')).toBe('mother-in-law');
    expect(kinshipLabelOf('哥哥，住在温州')).toBe('brother');
    expect(kinshipLabelOf('neighbour of Zhang Jianguo')).toBe('');
  });
});

describe('identity-aware matching: what must stay as written', () => {
  it('a disclosed perpetrator, words that contain a short name, other numbers and dates are left alone', () => {
    const s = scrubber();
    for (const text of [
      'Wang Fang, the officer, called.',
      'Wangfujing street is busy.',
      'Olivia met Eliza in Zhangjiakou.',
      'Flight CA 138 left at 08:00 on 2026-05-14.',
      'Call the lawyer on +44 20 7946 0000.',
      'Born on 15 May 1962 in Hangzhou.',
      'He lived in China and Turkey.',
      '中国的经济发展很快。',
    ]) {
      expect(scrubText(text, s).text, text).toBe(text);
    }
  });

  it('a two-character Chinese name inside a longer word is a possible match, shown with its reason and kept when the caseworker says so', () => {
    const text = '他们要求主张伟大复兴，张伟的母亲很担心。';
    const first = scrubText(text, scrubber());
    const possible = first.parts.filter((p) => p.possible);
    expect(possible).toHaveLength(1);
    expect(possible[0]).toMatchObject({ redacted: true, text: BROTHER, possible: 'inside a longer word' });
    // The mention with a name boundary is certain.
    expect(first.parts.filter((p) => p.redacted && !p.possible)).toHaveLength(1);
    // The caseworker keeps the first as written: only that occurrence is kept, and the leak scan lets exactly it through.
    const kept = scrubber([possible[0]!.key!]);
    const second = scrubText(text, kept);
    expect(second.text).toBe(`他们要求主张伟大复兴，${BROTHER}的母亲很担心。`);
    expect(scanForLeaks([{ file: 'referral.pdf', field: 'page 1', text: second.text }], withheld, { kept: kept.kept, disclosed: [perpetrator] })).toEqual([]);
    expect(scanForLeaks([{ file: 'referral.pdf', field: 'page 1', text: '张伟说' }], withheld, { kept: kept.kept })).toHaveLength(1);
  });

  it('part of a name (a given name alone) is a possible match, replaced unless kept', () => {
    const out = scrubText('Jianguo called twice.', scrubber());
    expect(out.parts[0]).toMatchObject({ text: FATHER, redacted: true, possible: 'part of a name' });
    expect(possibleKey(FATHER, 'jianguocal')).toBe(out.parts[0]!.key);
  });

  it('a withheld relative who shares a disclosed perpetrator’s name is a possible match, not a certain one', () => {
    const s = createScrubber([value('name', 'Wang Fang', 'Relative E (aunt)')], { disclosed: [perpetrator] });
    expect(scrubText('Wang Fang visited.', s).parts[0]).toMatchObject({ redacted: true, possible: 'a disclosed person has the same name' });
  });
});

describe('identity-aware matching: names written in characters with a middle dot', () => {
  it('"古丽娜尔·吐尔逊" is found in either order, with any dot, and in its pinyin', () => {
    const s = createScrubber([value('name', '古丽娜尔·吐尔逊', SISTER)]);
    for (const text of ['古丽娜尔·吐尔逊', '古麗娜爾・吐爾遜', '吐尔逊·古丽娜尔', '古丽娜尔吐尔逊', 'Gulinaer Tuerxun']) {
      expect(scrubText(text, s).text, text).toBe(SISTER);
    }
  });
});

describe('identity-aware matching: text as e-mail programs and web pages wrap it', () => {
  it('a base64 e-mail body wrapped over lines, quoted-printable split by a soft line break, markup inside a name and written-out line breaks', () => {
    const body = Buffer.from(`${'Dear family, we write about '.repeat(3)}张建国 and his phone.`).toString('base64');
    const wrapped = body.replace(/(.{76})/g, '$1\r\n');
    expectHandled([wrapped, '=E5=BC=A0=E5=BB=\r\n=BA=E5=9B=BD', 'Zh<b>ang</b> <span class="x">Jianguo</span>', 'Zhang\\nJianguo']);
  });

  it('a landline is found without its area code', () => {
    const s = createScrubber([value('phone', '+86 577 8888 1234', '[phone of Relative A]')]);
    expect(scrubText('Call 8888 1234 at night.', s).text).toBe('Call [phone of Relative A] at night.');
    expect(scrubText('Call 0577-88881234.', s).text).toBe('Call [phone of Relative A].');
  });
});

describe('identity-aware matching: relatives who share part of a named person’s name, and more spellings', () => {
  const client = value('name', 'Alimjan Tursun', 'Alimjan Tursun', false);
  const brother = value('name', 'Abdurehim Tursun', 'Relative D (brother)');
  const email = value('email', 'alimjan.tursun@example.org', '[e-mail of Alimjan Tursun]');

  it('the named client’s full name is never cut into by a relative’s surname, and the scan does not block on it', () => {
    const s = createScrubber([brother, email], { disclosed: [client] });
    const text = 'Alimjan Tursun says Abdurehim Tursun was detained; Tursun’s wife was told to keep quiet.';
    const out = scrubText(text, s);
    expect(out.text).toBe('Alimjan Tursun says Relative D (brother) was detained; Relative D (brother)’s wife was told to keep quiet.');
    expect(out.parts.filter((p) => p.possible).map((p) => p.possible)).toEqual(['a disclosed person has the same name']);
    expect(scanForLeaks([{ file: 'referral.pdf', field: 'page 1', text: 'Name: Alimjan Tursun' }], [brother, email], { disclosed: [client] })).toEqual([]);
  });

  it('Greek look-alike letters, short base64 blocks and MIME encoded words', () => {
    expectHandled(['Ζhαng Jιαngυο', 'Lü Xιυyιng', Buffer.from('张建国').toString('base64'), `=?UTF-8?B?${Buffer.from('张建国').toString('base64')}?=`, Buffer.from('+86 138 0013 8000').toString('base64')]);
  });

  it('a street, district or town in pinyin with its suffix, or with the suffix in English', () => {
    expectHandled(['Wumajie', 'Wuma Jie', 'Wuma Street', 'Luchengqu', 'Lucheng Qu', 'Wenzhou Shi']);
  });
});

describe('identity-aware matching: a town in its other names', () => {
  it('a relative’s town recorded as "Ürümqi" is withheld as Urumchi, 乌鲁木齐, 烏魯木齊, Wulumuqi and ئۈرۈمچى too', () => {
    const s = createScrubber([value('city', 'Ürümqi', '[city in China]')]);
    for (const text of ['Urumchi', 'URUMQI', '乌鲁木齐', '烏魯木齊', 'Wulumuqi', 'ئۈرۈمچى', 'Urumqi']) expect(scrubText(`in ${text}.`, s).text, text).toBe('in [city in China].');
    // Another town stays.
    expect(scrubText('in Kashgar.', s).text).toBe('in Kashgar.');
  });

  it('a town inside an address written in both scripts, with its pinyin (every reading) and its other names', () => {
    const s = createScrubber([value('address', '45 Donghu Road, Kashgar 844000 (喀什市东湖路45号)', '[address of Relative D]')]);
    for (const text of ['Kashi', 'Kāshí', '喀什', 'قەشقەر', 'Donghulu', 'Donghu Road', '东湖路', '844000']) expect(scrubText(`near ${text} today`, s).text, text).toBe('near [address of Relative D] today');
  });

  it('the list of place names is valid data', async () => {
    const { placeEntries } = await import('../../electron/services/packets/place-names');
    const entries = placeEntries();
    expect(entries.length).toBeGreaterThan(50);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });
});

describe('identity-aware matching: numbers inside hashes and codes', () => {
  it('a six-digit form of a date of birth inside a SHA-256 hash is not a hit; standing alone it is', () => {
    const dob = [value('date_of_birth', '1960-12-25', '[date of birth of Relative B]')];
    const hash = '82a21b601225f00c6c5989ab15910a615e2844a669ad34e0c1b2a3d4e5f60718';
    expect(scanForLeaks([{ file: 'SHA256SUMS', field: 'text', text: `${hash}  README.txt` }], dob)).toEqual([]);
    expect(scrubText(`${hash}  README.txt`, createScrubber(dob)).text).toBe(`${hash}  README.txt`);
    expect(scanForLeaks([{ file: 'referral.json', field: 'summary', text: 'born 601225 in the village' }], dob)).toHaveLength(1);
  });
});
