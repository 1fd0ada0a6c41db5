import OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

/**
 * An adversarial corpus for referral packets (issue 10): one FICTIONAL client
 * and five FICTIONAL never-disclose relatives in the home country, with names
 * in Latin script, Chinese characters, Uyghur (Arabic script) and Cyrillic,
 * and every withheld value written in the variant forms people really use.
 * None of these people exist; every number, address and handle is invented
 * (e-mail domains are example.*).
 *
 * Each variant is tagged with its class and the value it encodes, and carries
 * a marker ("[[qab]]") so a hit found in a packet can be traced back to the
 * variant that caused it. The markers are plain text no matcher should touch.
 */

export const VARIANT_CLASSES = ['name_order', 'chinese_script', 'other_scripts', 'encodings', 'places', 'numbers', 'dates', 'relationship'] as const;
export type VariantClass = (typeof VARIANT_CLASSES)[number];

export type PersonKey = 'client' | 'father' | 'mother' | 'brother' | 'sister' | 'uncle' | 'perpetrator';
export type RelativeKey = Exclude<PersonKey, 'client' | 'perpetrator'>;
export const RELATIVES: readonly RelativeKey[] = ['father', 'mother', 'brother', 'sister', 'uncle'];

/** The kinds of value the independent scanner looks for. */
export type ValueKind = 'name' | 'phone' | 'email' | 'handle' | 'address' | 'city' | 'id_number' | 'date_of_birth' | 'relationship';

export interface LatinName {
  surname: string;
  given: string;
  /** The given name's syllables ("Jian", "guo"); one entry when it does not split. */
  syllables: string[];
}

export interface CorpusPhone {
  recorded: string;
  countryCode: string;
  /** Area code without the trunk 0; '' for a mobile number. */
  area: string;
  /** The subscriber number, digits only. */
  local: string;
}

export interface CorpusHandle {
  recorded: string;
  /** What identifies the account without its prefix ("zjg1957" for "WeChat: wxid_zjg1957"). */
  bare: string;
}

export interface AddressPart {
  part: 'street' | 'town' | 'district' | 'city' | 'postcode';
  /** The part in every script it is recorded in (first: Latin). */
  forms: string[];
}

export interface CorpusPerson {
  key: PersonKey;
  /** As typed in the name field (contact.name or client.legalName). */
  recordedName: string;
  originalNames: string[];
  aliases: string[];
  /** How the name is written in Latin script; for people recorded only in characters this is not in the record. */
  latin: LatinName;
  han: string | null;
  uyghur: string | null;
  cyrillic: string | null;
  /** Plain relationship, used in every case; the typed one (with details) only in the relationship case. */
  relationship: string;
  relationshipTyped: string;
  /** The city field, as recorded. */
  city: string;
  /** The city in every script it is recorded in, and its demonym where obvious. */
  cityForms: string[];
  demonym: string | null;
  address: { recorded: string; parts: AddressPart[] } | null;
  phones: CorpusPhone[];
  emails: string[];
  handles: CorpusHandle[];
  dateOfBirth: string | null;
  identityDocuments: Array<{ recorded: string; number: string }>;
}

const phone = (recorded: string, countryCode: string, area: string, local: string): CorpusPhone => ({ recorded, countryCode, area, local });

/** FICTIONAL. A Uyghur client abroad, with a Chinese transcription of the name on the ID card. */
export const CLIENT: CorpusPerson = {
  key: 'client',
  recordedName: 'Alimjan Tursun',
  originalNames: ['ئالىمجان تۇرسۇن', '阿里木江·吐尔逊'],
  aliases: ['Alimjan Tursunov', 'Алимжан Турсун'],
  latin: { surname: 'Tursun', given: 'Alimjan', syllables: ['Alim', 'jan'] },
  han: '阿里木江·吐尔逊',
  uyghur: 'ئالىمجان تۇرسۇن',
  cyrillic: 'Алимжан Турсун',
  relationship: '',
  relationshipTyped: '',
  city: '',
  cityForms: [],
  demonym: null,
  address: null,
  phones: [phone('+31 6 4321 8765', '31', '', '643218765')],
  emails: ['alimjan.t@example.nl'],
  handles: [],
  dateOfBirth: '1988-04-12',
  identityDocuments: [
    { recorded: 'Resident ID 65010219880412123X', number: '65010219880412123X' },
    { recorded: 'Passport CN EK7654321', number: 'EK7654321' },
  ],
};

/** FICTIONAL never-disclose relatives in the home country. */
export const PEOPLE: Readonly<Record<RelativeKey, CorpusPerson>> = {
  father: {
    key: 'father',
    recordedName: 'Zhang Jianguo',
    originalNames: ['张建国'],
    aliases: ['Lao Zhang'],
    latin: { surname: 'Zhang', given: 'Jianguo', syllables: ['Jian', 'guo'] },
    han: '张建国',
    uyghur: null,
    cyrillic: null,
    relationship: 'father',
    relationshipTyped: 'father, lives in Tangxia',
    city: 'Wenzhou',
    cityForms: ['Wenzhou', '温州'],
    demonym: 'Wenzhounese',
    address: {
      recorded: '12 Wuma Street, Tangxia Town, Lucheng District, Wenzhou 325000 (温州市鹿城区塘下镇五马街12号)',
      parts: [
        { part: 'street', forms: ['Wuma Street', '五马街'] },
        { part: 'town', forms: ['Tangxia', '塘下镇'] },
        { part: 'district', forms: ['Lucheng District', '鹿城区'] },
        { part: 'city', forms: ['Wenzhou', '温州'] },
        { part: 'postcode', forms: ['325000'] },
      ],
    },
    phones: [phone('+86 139 0991 2345', '86', '', '13909912345')],
    emails: ['zhang.jianguo@example.cn'],
    handles: [{ recorded: 'WeChat: wxid_zjg1957', bare: 'zjg1957' }],
    dateOfBirth: '1957-09-03',
    identityDocuments: [{ recorded: 'Resident ID 33030219570903451X', number: '33030219570903451X' }],
  },
  mother: {
    key: 'mother',
    recordedName: 'Lü Xiuying',
    originalNames: ['吕秀英'],
    aliases: [],
    latin: { surname: 'Lü', given: 'Xiuying', syllables: ['Xiu', 'ying'] },
    han: '吕秀英',
    uyghur: null,
    cyrillic: null,
    relationship: 'mother',
    relationshipTyped: 'mother, retired teacher on Xinhua North Road',
    city: 'Ürümqi',
    cityForms: ['Ürümqi', 'Urumchi', '乌鲁木齐', 'ئۈرۈمچى'],
    demonym: null,
    address: {
      // Caseworkers often note a city's other names: whatever is recorded must be recognised.
      recorded: '27 Xinhua North Road, Tianshan District, Ürümqi (Urumchi, ئۈرۈمچى) 830002 (乌鲁木齐市天山区新华北路27号)',
      parts: [
        { part: 'street', forms: ['Xinhua North Road', '新华北路'] },
        { part: 'district', forms: ['Tianshan District', '天山区'] },
        { part: 'city', forms: ['Ürümqi', 'Urumchi', 'ئۈرۈمچى', '乌鲁木齐'] },
        { part: 'postcode', forms: ['830002'] },
      ],
    },
    phones: [phone('+86 991 4567 8901', '86', '991', '45678901')],
    emails: ['lxy1960@example.cn'],
    handles: [{ recorded: 'wxid_lxy19601225', bare: 'lxy19601225' }],
    dateOfBirth: '1960-12-25',
    identityDocuments: [],
  },
  brother: {
    key: 'brother',
    recordedName: 'Mehmet Tursun',
    originalNames: ['مەھمەت تۇرسۇن', '买买提·吐尔逊'],
    aliases: ['Мехмет Турсун'],
    latin: { surname: 'Tursun', given: 'Mehmet', syllables: ['Mehmet'] },
    han: '买买提·吐尔逊',
    uyghur: 'مەھمەت تۇرسۇن',
    cyrillic: 'Мехмет Турсун',
    relationship: 'brother',
    relationshipTyped: 'older brother, runs the bakery on Donghu Road',
    city: 'Kashgar',
    cityForms: ['Kashgar', 'Kashi', '喀什', 'قەشقەر'],
    demonym: 'Kashgari',
    address: {
      recorded: '45 Donghu Road, Kashgar (Kashi, قەشقەر) 844000 (喀什市东湖路45号)',
      parts: [
        { part: 'street', forms: ['Donghu Road', '东湖路'] },
        { part: 'city', forms: ['Kashgar', 'Kashi', 'قەشقەر', '喀什'] },
        { part: 'postcode', forms: ['844000'] },
      ],
    },
    phones: [phone('+86 181 9980 0188', '86', '', '18199800188')],
    emails: ['m.tursun88@example.com'],
    handles: [
      { recorded: 't.me/mehmet_tursun88', bare: 'mehmet_tursun88' },
      { recorded: '@mtursun88', bare: 'mtursun88' },
    ],
    dateOfBirth: null,
    identityDocuments: [],
  },
  sister: {
    // Recorded only in characters: the pinyin is what people write, and not in the record.
    key: 'sister',
    recordedName: '王芳',
    originalNames: [],
    aliases: [],
    latin: { surname: 'Wang', given: 'Fang', syllables: ['Fang'] },
    han: '王芳',
    uyghur: null,
    cyrillic: null,
    relationship: 'sister',
    relationshipTyped: 'younger sister, nurse at Jinshui People’s Hospital',
    city: '郑州',
    cityForms: ['郑州'],
    demonym: null,
    address: {
      recorded: '郑州市金水区花园路88号 450000',
      parts: [
        { part: 'street', forms: ['花园路'] },
        { part: 'district', forms: ['金水区'] },
        { part: 'city', forms: ['郑州'] },
        { part: 'postcode', forms: ['450000'] },
      ],
    },
    phones: [phone('+86 150 3712 6688', '86', '', '15037126688')],
    emails: ['wangfang90@example.cn'],
    handles: [{ recorded: 'wxid_wf1990', bare: 'wf1990' }],
    dateOfBirth: null,
    identityDocuments: [],
  },
  uncle: {
    key: 'uncle',
    recordedName: '张伟',
    originalNames: [],
    aliases: [],
    latin: { surname: 'Zhang', given: 'Wei', syllables: ['Wei'] },
    han: '张伟',
    uyghur: null,
    cyrillic: null,
    relationship: 'uncle',
    relationshipTyped: 'uncle on the mother’s side, village head near Tangxia',
    city: '',
    cityForms: [],
    demonym: null,
    address: null,
    phones: [phone('+86 135 0577 9911', '86', '', '13505779911')],
    emails: [],
    handles: [],
    dateOfBirth: null,
    identityDocuments: [],
  },
};

/** FICTIONAL official who made the threats: disclosed under every profile. */
export const PERPETRATOR = { name: 'Zhao Gang', originalNames: ['赵刚'], country: 'China' };

// ---- withheld values --------------------------------------------------------------

export interface WithheldValue {
  owner: PersonKey;
  kind: ValueKind;
  /** The value as recorded (for a city or address part: every recorded form, first one shown). */
  value: string;
  forms: string[];
}

export interface WithheldScope {
  /** The client is shown by the case code only. */
  clientHidden: boolean;
  clientDocumentsHidden: boolean;
  clientContactHidden: boolean;
  /** Whether relatives' birth dates and ID numbers are in their records (contacts gained those fields in issue 10). */
  relativeIdentityRecorded: boolean;
  /** The relationship case: relatives' relationships are typed with details. */
  relationshipTyped: boolean;
}

function valuesOf(person: CorpusPerson, scope: WithheldScope, which: { names: boolean; identity: boolean; documents: boolean; contact: boolean; places: boolean }): WithheldValue[] {
  const out: WithheldValue[] = [];
  const add = (kind: ValueKind, forms: string[]) => {
    const clean = [...new Set(forms.filter((f) => f.trim() !== ''))];
    if (clean.length > 0) out.push({ owner: person.key, kind, value: clean[0]!, forms: clean });
  };
  if (which.names) for (const name of [person.recordedName, ...person.originalNames, ...person.aliases]) add('name', [name]);
  if (which.identity && person.dateOfBirth) add('date_of_birth', [person.dateOfBirth]);
  if (which.documents) for (const doc of person.identityDocuments) add('id_number', [doc.number]);
  if (which.contact) {
    for (const p of person.phones) add('phone', [p.recorded]);
    for (const e of person.emails) add('email', [e]);
    for (const h of person.handles) add('handle', [h.recorded, h.bare]);
  }
  if (which.places) {
    if (person.city) add('city', [...person.cityForms, ...(person.demonym ? [person.demonym] : [])]);
    for (const part of person.address?.parts ?? []) add(part.part === 'city' ? 'city' : 'address', part.forms);
  }
  if (scope.relationshipTyped && person.relationshipTyped) add('relationship', [person.relationshipTyped]);
  return out;
}

/** What a packet must not contain, from the profile rules (the spec), not from the product's own list. */
export function withheldValues(scope: WithheldScope): WithheldValue[] {
  const out: WithheldValue[] = [];
  for (const key of RELATIVES) {
    const person = PEOPLE[key];
    out.push(...valuesOf(person, scope, { names: true, identity: scope.relativeIdentityRecorded, documents: scope.relativeIdentityRecorded, contact: true, places: true }));
  }
  out.push(
    ...valuesOf(CLIENT, scope, {
      names: scope.clientHidden,
      identity: scope.clientHidden,
      documents: scope.clientHidden || scope.clientDocumentsHidden,
      contact: scope.clientHidden || scope.clientContactHidden,
      places: false,
    }),
  );
  return out;
}

// ---- variants -----------------------------------------------------------------------

export interface Variant {
  /** "[[qab]]": put before the text, so a hit can be traced back to this variant. */
  marker: string;
  cls: VariantClass;
  owner: PersonKey;
  kind: ValueKind;
  /** The withheld value this variant encodes, as recorded. */
  value: string;
  /** What the variant does, for the report ("surname first with comma"). */
  form: string;
  text: string;
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const ZW = { zwsp: '\u200b', zwnj: '\u200c', zwj: '\u200d', wj: '\u2060', bom: '\ufeff', shy: '\u00ad', lrm: '\u200e', mvs: '\u180e', cgj: '\u034f' } as const;

function letters(n: number): string {
  let out = '';
  for (let i = n; i >= 0; i = Math.floor(i / 26) - 1) out = String.fromCharCode(97 + (i % 26)) + out;
  return out;
}

export const MARKER = /\[\[q([a-z]+)\]\]/g;

type Draft = Omit<Variant, 'marker' | 'cls'>;

function hanPinyin(han: string, tones: boolean): { surname: string; given: string[] } {
  const [first, second] = han.includes('·') ? han.split('·') : [han.slice(0, 1), han.slice(1)];
  const syl = (s: string) => pinyin(s, { toneType: tones ? 'symbol' : 'none', type: 'array' });
  // Transcribed Uyghur names put the given name first: "阿里木江·吐尔逊" is Alimjan (given) Tursun (surname).
  if (han.includes('·')) return { surname: syl(second!).join(''), given: syl(first!) };
  return { surname: syl(first!).join(''), given: syl(second!) };
}
const cap = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function nameOrder(p: CorpusPerson): Draft[] {
  const { surname: S, given: G, syllables } = p.latin;
  const name = p.han && p.recordedName === p.han ? p.han : p.recordedName;
  const d = (form: string, text: string): Draft => ({ owner: p.key, kind: 'name', value: name, form, text });
  const lower = (s: string) => s.toLowerCase();
  const out = [
    d('surname first', `${S} ${G}`),
    d('surname last', `${G} ${S}`),
    d('surname first, comma', `${S}, ${G}`),
    d('surname last, comma', `${G}, ${S}`),
    d('surname in capitals', `${S.toUpperCase()} ${G}`),
    d('all lower case', `${lower(G)} ${lower(S)}`),
    d('all capitals', `${G.toUpperCase()} ${S.toUpperCase()}`),
    d('run together', `${S}${G}`),
    d('run together, reversed', `${G}${S}`),
    d('letter-spaced', `${[...S].join(' ')}   ${[...G].join(' ')}`),
    d('several spaces', `${S}      ${G}`),
    d('dot between', `${S}.${G}`),
    d('underscore between', `${S}_${G}`),
    d('slash between', `${G} / ${S}`),
    d('line break with indentation', `${S}\n        ${G}`),
    d('comma, line break, tab', `${S},\n\t${G}`),
    d('possessive', `${S} ${G}'s`),
    d('possessive, curly apostrophe, reversed', `${G} ${S}’s`),
    d('in an e-mail local part', `${lower(S)}.${lower(G)}.home@mailbox.example`),
    d('in an e-mail local part, reversed', `${lower(G)}${lower(S)}1979@qq.example`),
    d('in a URL path', `https://social.example/u/${lower(S)}-${lower(G)}/posts`),
    d('in a URL query', `http://search.example/?q=${S}+${G}`),
    d('shop sign in capitals', `${S.toUpperCase()}${G.toUpperCase()} TRADING CO.`),
    d('shop sign, reversed, hyphenated', `${G.toUpperCase()}-${S.toUpperCase()} NOODLE HOUSE`),
  ];
  if (syllables.length > 1) {
    out.push(
      d('given name hyphenated', `${S} ${syllables.join('-')}`),
      d('given name hyphenated, surname last', `${syllables.join('-')} ${S}`),
      d('given name split into syllables', `${S} ${syllables.map(cap).join(' ')}`),
      d('syllables split, surname last', `${syllables.map(cap).join(' ')} ${S}`),
      d('hyphenated, lower case', `${syllables.map(lower).join('-')} ${lower(S)}`),
    );
  }
  return out;
}

function chineseScript(p: CorpusPerson): Draft[] {
  if (!p.han) return [];
  const H = p.han;
  const T = toTraditional(H);
  const chars = [...H.replace('·', '')];
  const tChars = [...T.replace('·', '')];
  const d = (form: string, text: string): Draft => ({ owner: p.key, kind: 'name', value: H, form, text });
  const toned = hanPinyin(H, true);
  const plain = hanPinyin(H, false);
  const out = [
    d('simplified', H),
    d('traditional', T),
    d('mixed simplified and traditional', chars.map((c, i) => (i % 2 === 1 ? tChars[i]! : c)).join('')),
    d('spaces between characters', chars.join(' ')),
    d('ideographic spaces between characters', chars.join('\u3000')),
    d('zero-width spaces between characters', chars.join(ZW.zwsp)),
    d('word joiners between characters, traditional', tChars.join(ZW.wj)),
    d('zero-width joiner inside', `${chars[0]}${ZW.zwj}${chars.slice(1).join('')}`),
    d('pinyin with tone marks', `${cap(toned.surname)} ${cap(toned.given.join(''))}`),
    d('pinyin with tone marks, split', `${cap(toned.surname)} ${toned.given.map(cap).join(' ')}`),
    d('pinyin without tones, joined', `${plain.surname}${plain.given.join('')}`.replace(/ü/g, 'v')),
    d('pinyin without tones, split', `${plain.surname} ${plain.given.join(' ')}`.replace(/ü/g, 'u')),
    d('pinyin, given name first', `${cap(plain.given.join(''))} ${cap(plain.surname)}`.replace(/ü/g, 'yu')),
  ];
  if (H.includes('·')) out.push(d('without the middle dot', H.replace('·', '')), d('with a full stop for the middle dot', H.replace('·', '.')));
  if (/吕/.test(H)) {
    const given = p.latin.given;
    out.push(
      d('ü as v', `Lv ${given}`),
      d('ü as u', `Lu ${given}`),
      d('ü as yu', `Lyu ${given}`),
      d('ü as yu, capitals', `LYU ${given.toUpperCase()}`),
      d('ü as ue', `Lue ${given}`),
      d('ü with tone mark', `Lǚ ${given}`),
      d('ü as v, given name first', `${given} Lv`),
    );
  }
  return out;
}

const ARABIC_KEYBOARD: Record<string, string> = { 'ە': 'ه', 'ھ': 'ه', 'ې': 'ي', 'ى': 'ي', 'ۇ': 'و', 'ۆ': 'و', 'ۈ': 'و', 'ۋ': 'و' };
const PERSIAN_KEYBOARD: Record<string, string> = { 'ى': 'ی', 'ي': 'ی', 'ك': 'ک', 'ې': 'ی' };
const CYRILLIC_LOOKALIKE: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і', M: 'М', T: 'Т', H: 'Н', K: 'К', A: 'А', E: 'Е', O: 'О', B: 'В', C: 'С' };
const GREEK_LOOKALIKE: Record<string, string> = { o: 'ο', a: 'α', i: 'ι', v: 'ν', Z: 'Ζ', H: 'Η', M: 'Μ', T: 'Τ', K: 'Κ', E: 'Ε', A: 'Α', N: 'Ν', u: 'υ' };
const SMALL_CAPS: Record<string, string> = { a: 'ᴀ', b: 'ʙ', c: 'ᴄ', d: 'ᴅ', e: 'ᴇ', g: 'ɢ', h: 'ʜ', i: 'ɪ', j: 'ᴊ', k: 'ᴋ', l: 'ʟ', m: 'ᴍ', n: 'ɴ', o: 'ᴏ', r: 'ʀ', s: 'ꜱ', t: 'ᴛ', u: 'ᴜ', w: 'ᴡ', y: 'ʏ', z: 'ᴢ' };
const swap = (s: string, table: Record<string, string>) => [...s].map((c) => table[c] ?? c).join('');
const ARABIC_INDIC = (digits: string) => digits.replace(/\d/g, (c) => String.fromCharCode(0x660 + Number(c)));
const PERSIAN_DIGITS = (digits: string) => digits.replace(/\d/g, (c) => String.fromCharCode(0x6f0 + Number(c)));

function otherScripts(p: CorpusPerson): Draft[] {
  const out: Draft[] = [];
  const latinName = `${p.latin.surname} ${p.latin.given}`;
  const recorded = p.han && p.recordedName === p.han ? p.han : p.recordedName;
  const name = (form: string, text: string, value = recorded): Draft => ({ owner: p.key, kind: 'name', value, form, text });
  if (p.uyghur) {
    const U = p.uyghur;
    out.push(
      name('Uyghur, as recorded', U, U),
      name('Uyghur typed on an Arabic keyboard', swap(U, ARABIC_KEYBOARD), U),
      name('Uyghur typed on a Persian keyboard', swap(U, PERSIAN_KEYBOARD), U),
      name('Uyghur with tatweel', [...U].join('ـ').replace(/ـ ـ/g, ' '), U),
      name('Uyghur with zero-width non-joiners', [...U].join(ZW.zwnj), U),
      name('Uyghur, surname first', U.split(' ').reverse().join(' '), U),
    );
  }
  if (p.cyrillic) {
    const C = p.cyrillic;
    out.push(name('Cyrillic alias', C, C), name('Cyrillic alias in capitals', C.toUpperCase(), C), name('Cyrillic alias, surname first', C.split(' ').reverse().join(' '), C));
  }
  out.push(
    name('Cyrillic look-alike letters', swap(latinName, CYRILLIC_LOOKALIKE)),
    name('Greek look-alike letters', swap(latinName, GREEK_LOOKALIKE)),
    name('full-width Latin', latinName.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))),
    name('mathematical bold letters', [...latinName].map((c) => (/[A-Z]/.test(c) ? String.fromCodePoint(0x1d400 + c.charCodeAt(0) - 65) : /[a-z]/.test(c) ? String.fromCodePoint(0x1d41a + c.charCodeAt(0) - 97) : c)).join('')),
    name('small capitals', swap(latinName.toLowerCase(), SMALL_CAPS)),
    name('zero-width space inside', `${p.latin.surname.slice(0, 2)}${ZW.zwsp}${p.latin.surname.slice(2)} ${p.latin.given}`),
    name('soft hyphens inside', `${p.latin.surname}${ZW.shy}${p.latin.given.slice(0, 2)}${ZW.shy}${p.latin.given.slice(2)}`),
    name('byte-order mark and left-to-right mark inside', `${p.latin.given}${ZW.bom}${ZW.lrm}${p.latin.surname}`),
    name('Mongolian vowel separator and combining grapheme joiner', `${p.latin.surname.slice(0, 1)}${ZW.cgj}${p.latin.surname.slice(1)}${ZW.mvs}${p.latin.given}`),
  );
  if (p.han) out.push(name('zero-width non-joiner and word joiner between characters', [...p.han.replace('·', '')].join(`${ZW.zwnj}${ZW.wj}`), p.han));
  for (const ph of p.phones) {
    const digits = `${ph.countryCode}${ph.area}${ph.local}`;
    out.push(
      { owner: p.key, kind: 'phone', value: ph.recorded, form: 'Arabic-Indic digits', text: `+${ARABIC_INDIC(digits)}` },
      { owner: p.key, kind: 'phone', value: ph.recorded, form: 'Extended Arabic-Indic (Persian) digits, grouped', text: `${PERSIAN_DIGITS(ph.area ? `0${ph.area}` : ph.local.slice(0, 3))} ${PERSIAN_DIGITS(ph.area ? ph.local : ph.local.slice(3))}` },
    );
  }
  return out;
}

function htmlDecimal(s: string): string {
  return [...s].map((c) => `&#${c.codePointAt(0)};`).join('');
}
function htmlHex(s: string): string {
  return [...s].map((c) => `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`).join('');
}
function quotedPrintable(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  let out = '';
  let lineLength = 0;
  for (const b of bytes) {
    const piece = (b >= 0x21 && b <= 0x7e && b !== 0x3d) ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (lineLength + piece.length > 12) {
      out += '=\n';
      lineLength = 0;
    }
    out += piece;
    lineLength += piece.length;
  }
  return out;
}
function jsEscape(s: string): string {
  return [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}

function encodings(p: CorpusPerson): Draft[] {
  const out: Draft[] = [];
  const values: Array<{ kind: ValueKind; value: string; text: string }> = [];
  const recorded = p.han && p.recordedName === p.han ? p.han : p.recordedName;
  values.push({ kind: 'name', value: recorded, text: `${p.latin.surname} ${p.latin.given}` });
  if (p.han) values.push({ kind: 'name', value: p.han, text: p.han });
  if (p.uyghur) values.push({ kind: 'name', value: p.uyghur, text: p.uyghur });
  if (p.phones[0]) values.push({ kind: 'phone', value: p.phones[0].recorded, text: p.phones[0].recorded });
  if (p.emails[0]) values.push({ kind: 'email', value: p.emails[0], text: p.emails[0] });
  for (const { kind, value, text } of values) {
    const d = (form: string, encoded: string): Draft => ({ owner: p.key, kind, value, form, text: encoded });
    out.push(
      d('HTML decimal references', htmlDecimal(text)),
      d('HTML hexadecimal references', htmlHex(text)),
      d('percent-encoded UTF-8', encodeURIComponent(text)),
      d('percent-encoded, plus for space', encodeURIComponent(text).replace(/%20/g, '+')),
      d('quoted-printable with soft line breaks', quotedPrintable(text)),
      d('base64 of UTF-8', Buffer.from(text, 'utf8').toString('base64')),
      d('MIME encoded-word', `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`),
      d('\\u escapes', jsEscape(text)),
    );
    if (/\s/.test(text)) out.push(d('HTML &nbsp; for the space', text.replace(/\s+/g, '&nbsp;')), d('HTML reference for one letter', text.replace(/a/, '&#97;')));
  }
  return out;
}

/** Place names whose characters generated pinyin gets wrong (喀 is kā, but 什 here is shí, not shén). */
const PLACE_PINYIN: Readonly<Record<string, string>> = { 喀什: 'Kāshí' };

function places(p: CorpusPerson): Draft[] {
  const out: Draft[] = [];
  if (p.city) {
    const d = (form: string, text: string): Draft => ({ owner: p.key, kind: 'city', value: p.city, form, text });
    for (const f of p.cityForms) {
      out.push(d(`city as recorded (${f})`, f));
      if (/\p{Script=Han}/u.test(f)) out.push(d('city in traditional characters', toTraditional(f)), d('city in pinyin with tone marks', PLACE_PINYIN[f] ?? pinyin(f, { toneType: 'symbol', separator: '' })));
      else if (/\p{Script=Latin}/u.test(f)) out.push(d('city in capitals', f.toUpperCase()), d('city without diacritics, lower case', f.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()));
    }
    if (p.demonym) out.push(d('demonym', `the ${p.demonym} community`));
    if (p.city === '郑州') out.push(d('city in pinyin', 'Zhengzhou'), d('city in pinyin, split', 'Zheng Zhou'));
  }
  if (p.address) {
    const a = p.address;
    out.push({ owner: p.key, kind: 'address', value: a.recorded, form: 'whole address as recorded', text: a.recorded });
    out.push({ owner: p.key, kind: 'address', value: a.recorded, form: 'whole address in capitals', text: a.recorded.toUpperCase() });
    for (const part of a.parts) {
      for (const f of part.forms) {
        const kind: ValueKind = part.part === 'city' ? 'city' : 'address';
        const d = (form: string, text: string): Draft => ({ owner: p.key, kind, value: f, form, text });
        out.push(d(`${part.part} as recorded`, part.part === 'postcode' ? `postcode ${f}` : f));
        if (part.part === 'postcode') out.push(d('postcode grouped', `${f.slice(0, 3)} ${f.slice(3)}`), d('postcode in Chinese', `邮编${f}`));
        else if (/\p{Script=Han}/u.test(f)) out.push(d(`${part.part} in traditional characters`, toTraditional(f)), d(`${part.part} in pinyin`, cap(PLACE_PINYIN[f]?.normalize('NFD').replace(/\p{M}/gu, '') ?? pinyin(f, { toneType: 'none', separator: '' }))));
        else out.push(d(`${part.part} in lower case`, f.toLowerCase()), d(`${part.part} with extra spaces`, f.replace(/ /g, '   ')));
      }
    }
  }
  return out;
}

const digitsToChinese = (s: string) => s.replace(/\d/g, (c) => '〇一二三四五六七八九'[Number(c)]!);
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function numbers(p: CorpusPerson, documentsRecorded: boolean): Draft[] {
  const out: Draft[] = [];
  for (const ph of p.phones) {
    const d = (form: string, text: string): Draft => ({ owner: p.key, kind: 'phone', value: ph.recorded, form, text });
    const L = ph.local;
    const g = ph.area ? [ph.area, L.slice(0, 4), L.slice(4)] : [L.slice(0, 3), L.slice(3, 7), L.slice(7)];
    const trunk = ph.area ? `0${ph.area}` : '';
    out.push(
      d('as recorded', ph.recorded),
      d('E.164 without spaces', `+${ph.countryCode}${ph.area}${L}`),
      d('00 international prefix, hyphens', `00${ph.countryCode}-${g.join('-')}`),
      d('country code in brackets', `(+${ph.countryCode}) ${g.join(' ')}`),
      d('national, spaces', ph.area ? `${trunk} ${L.slice(0, 4)} ${L.slice(4)}` : g.join(' ')),
      d('national, no separators', `${trunk}${L}`),
      d('dots', g.join('.')),
      d('middle dots', g.join('·')),
      d('underscores', g.join('_')),
      d('commas', g.join(',')),
      d('slashes and thin spaces', g.join('\u2009/\u2009')),
      d('full-width digits', fullWidth(`${trunk}${L}`)),
      d('Chinese numerals', digitsToChinese(`${trunk}${L}`)),
      d('letter O for zero', `${trunk}${L}`.replace(/0/g, 'O')),
      d('letter o for zero, grouped', g.join(' ').replace(/0/g, 'o')),
    );
    if (ph.area) out.push(d('without the area code', `${L.slice(0, 4)} ${L.slice(4)}`), d('without the area code, joined', L), d('area code in brackets', `(${trunk}) ${L}`));
  }
  const ids = p.key === 'client' || documentsRecorded ? p.identityDocuments : [];
  for (const doc of ids) {
    const n = doc.number;
    const d = (form: string, text: string): Draft => ({ owner: p.key, kind: 'id_number', value: n, form, text });
    out.push(d('as recorded', doc.recorded), d('number alone', n), d('lower case', n.toLowerCase()));
    if (n.length === 18) {
      out.push(
        d('grouped 6-8-4', `${n.slice(0, 6)} ${n.slice(6, 14)} ${n.slice(14)}`),
        d('grouped in fours', n.match(/.{1,4}/g)!.join(' ')),
        d('hyphens, lower-case x', `${n.slice(0, 6)}-${n.slice(6, 14)}-${n.slice(14).toLowerCase()}`),
        d('full-width', fullWidth(n)),
        d('glued to a label', `身份证号${n}`),
      );
    } else {
      out.push(d('grouped', `${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5)}`), d('letter-spaced', [...n].join(' ')));
    }
  }
  for (const h of p.handles) {
    const d = (form: string, text: string): Draft => ({ owner: p.key, kind: 'handle', value: h.recorded, form, text });
    out.push(d('as recorded', h.recorded), d('without its prefix', h.bare), d('in capitals', h.recorded.toUpperCase()));
    if (h.recorded.includes('wxid_')) out.push(d('with wxid_ and a label', `WeChat ID: wxid_${h.bare}`), d('full-width underscore', `wxid＿${h.bare}`));
    if (h.recorded.startsWith('t.me/')) out.push(d('as a link', `https://t.me/${h.bare}`), d('as an @handle', `@${h.bare}`), d('telegram.me link', `telegram.me/${h.bare}`));
    if (h.recorded.startsWith('@')) out.push(d('with a space after @', `@ ${h.bare}`), d('on another platform', `twitter.example/${h.bare}`));
  }
  for (const e of p.emails) {
    const d = (form: string, text: string): Draft => ({ owner: p.key, kind: 'email', value: e, form, text });
    const [local, domain] = e.split('@') as [string, string];
    out.push(
      d('as recorded', e),
      d('in capitals', e.toUpperCase()),
      d('[at] and [dot]', `${local} [at] ${domain.replace(/\./g, ' [dot] ')}`),
      d('full-width at sign', `${local}＠${domain}`),
      d('mailto link', `mailto:${e}?subject=hello`),
    );
  }
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
function chineseNumber(n: number): string {
  const units = '〇一二三四五六七八九';
  if (n < 10) return units[n]!;
  if (n < 20) return `十${n % 10 ? units[n % 10] : ''}`;
  return `${units[Math.floor(n / 10)]}十${n % 10 ? units[n % 10] : ''}`;
}

function dates(p: CorpusPerson, recorded: boolean): Draft[] {
  if (!p.dateOfBirth || !recorded) return [];
  const [y, mm, dd] = p.dateOfBirth.split('-') as [string, string, string];
  const m = Number(mm);
  const day = Number(dd);
  const month = MONTHS[m - 1]!;
  const abbr = month === 'September' ? 'Sept' : month.slice(0, 3);
  const d = (form: string, text: string): Draft => ({ owner: p.key, kind: 'date_of_birth', value: p.dateOfBirth!, form, text });
  return [
    d('ISO', p.dateOfBirth),
    d('ISO without zero padding', `${y}-${m}-${day}`),
    d('day first with dots', `${dd}.${mm}.${y}`),
    d('day first with dots, unpadded', `${day}.${m}.${y}`),
    d('day first with slashes', `${dd}/${mm}/${y}`),
    d('month first with slashes', `${mm}/${dd}/${y}`),
    d('month first, unpadded', `${m}/${day}/${y}`),
    d('day and full month name', `${day} ${month} ${y}`),
    d('ordinal day and full month name', `${ordinal(day)} ${month} ${y}`),
    d('month name first with ordinal', `${month} ${ordinal(day)}, ${y}`),
    d('abbreviated month first', `${abbr}. ${day}, ${y}`),
    d('abbreviated month, hyphens, padded', `${dd}-${month.slice(0, 3)}-${y}`),
    d('abbreviated month in capitals', `${day} ${month.slice(0, 3).toUpperCase()} ${y}`),
    d('"the 12th of April"', `born on the ${ordinal(day)} of ${month}, ${y}`),
    d('年月日 with Arabic numerals', `${y}年${m}月${day}日`),
    d('年月日 zero-padded', `${y}年${mm}月${dd}日`),
    d('年月日 with Chinese numerals', `${digitsToChinese(y)}年${chineseNumber(m)}月${chineseNumber(day)}日`),
    d('digits only', `${y}${mm}${dd}`),
    d('day-first digits only', `${dd}${mm}${y}`),
  ];
}

export interface CorpusOptions {
  /** Contacts have dateOfBirth and identityDocuments fields in this build. */
  relativeIdentityRecorded: boolean;
}

const ALL_PEOPLE = (): CorpusPerson[] => [CLIENT, ...RELATIVES.map((k) => PEOPLE[k])];

/** Every variant of a class, each with its marker. Markers are unique across all classes. */
export function variantsOf(cls: VariantClass, options: CorpusOptions): Variant[] {
  const drafts: Draft[] = [];
  for (const p of ALL_PEOPLE()) {
    switch (cls) {
      case 'name_order':
        drafts.push(...nameOrder(p));
        break;
      case 'chinese_script':
        drafts.push(...chineseScript(p));
        break;
      case 'other_scripts':
        drafts.push(...otherScripts(p));
        break;
      case 'encodings':
        drafts.push(...encodings(p));
        break;
      case 'places':
        drafts.push(...places(p));
        break;
      case 'numbers':
        drafts.push(...numbers(p, options.relativeIdentityRecorded));
        break;
      case 'dates':
        drafts.push(...dates(p, p.key === 'client' || options.relativeIdentityRecorded));
        break;
      case 'relationship':
        if (p.relationshipTyped) drafts.push({ owner: p.key, kind: 'relationship', value: p.relationshipTyped, form: 'relationship as typed', text: '' });
        break;
      default: {
        const unreachable: never = cls;
        throw new Error(`unknown class ${String(unreachable)}`);
      }
    }
  }
  const offset = VARIANT_CLASSES.indexOf(cls) * 1000;
  return drafts.map((draft, i) => ({ ...draft, cls, marker: `[[q${letters(offset + i)}]]` }));
}

/**
 * The variants as text for fields of at most `max` characters: each chunk
 * holds whole variants (marker + text), and every variant is in one chunk.
 */
export function chunkVariants(variants: readonly Variant[], max: number, separator = '\n'): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const v of variants) {
    if (!v.text) continue;
    const piece = `${v.marker} ${v.text}`;
    if (piece.length > max) continue;
    if (current && current.length + separator.length + piece.length > max) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}${separator}${piece}` : piece;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** The i-th chunk, cycling, so that short fields of many records together carry every variant. */
export function chunkAt(chunks: readonly string[], i: number): string {
  return chunks.length === 0 ? '' : chunks[i % chunks.length]!;
}

// ---- negatives: ordinary text that must come through unchanged ------------------------

export interface NegativeText {
  id: string;
  text: string;
  why: string;
}

/** Ordinary text near the withheld values that a careful matcher leaves alone. */
export const NEGATIVES: readonly NegativeText[] = [
  { id: 'perpetrator', text: 'Officer Zhao Gang (赵刚) of the city Public Security Bureau made both calls.', why: 'the perpetrator is disclosed' },
  { id: 'slogan', text: '墙上写着“主张伟大复兴”。', why: '张伟 is a relative, but 主张 + 伟大 are other words' },
  { id: 'wangfujing', text: 'They met on Wangfujing Street in Beijing.', why: 'only the full name Wang Fang is withheld' },
  { id: 'wangfujing-han', text: '他们在王府井见面。', why: '王府井 is a street, not 王芳' },
  { id: 'zhangjiakou', text: 'The officer said he was transferred from Zhangjiakou.', why: 'a city that starts with the surname Zhang' },
  { id: 'other-jianguo', text: 'A journalist, Li Jianguo, covered the story.', why: 'another person with the same given name' },
  { id: 'xinhua', text: 'Xinhua News Agency published the notice.', why: 'Xinhua alone is not the mother’s street' },
  { id: 'weibo', text: 'The smear campaign ran on Weibo and Douyin.', why: 'a word containing the given name Wei' },
  { id: 'tursunay', text: 'The interpreter, Tursunay Ablet, translated the letter.', why: 'another person; Tursun alone is a common surname' },
  { id: 'other-phone', text: 'Our office line is +49 30 9018 2200; the police hotline is 110.', why: 'other people’s phone numbers' },
  { id: 'other-date', text: 'The summons was dated 4 September 1957 in the archive copy, and re-issued on 12 May 1988.', why: 'dates close to, but not, a birth date' },
  { id: 'countries', text: 'The family lives in the People’s Republic of China (中国); the client lives in the Netherlands.', why: 'countries are disclosed' },
  { id: 'hangzhou', text: 'The flight went through Hangzhou and Guangzhou.', why: 'other cities, similar to Wenzhou' },
  { id: 'luliang', text: '他在吕梁市出差。', why: '吕 as part of a place name, not 吕秀英' },
  { id: 'other-postcode', text: 'The consulate’s postcode is 100600.', why: 'another postcode' },
  { id: 'fangshan', text: 'A second visit took place in Fangshan District.', why: 'Fang as part of a place name' },
];
