import { pinyin } from 'pinyin-pro';
import { isHan } from './char-fold';
import { compactOf } from './normalise';
import { otherNamesOf } from './place-names';

/**
 * The forms a sensitive person or value is really written in. A name is a
 * person, not a string: "Zhang Jianguo", "JIANGUO ZHANG", "Zhang, Jian-guo",
 * "z h a n g j i a n g u o", 張建國 and its pinyin are one person. A phone
 * number is its national digits however they are grouped; a date of birth is
 * a day however it is written.
 *
 * Every form is given in compact folded text (char-fold.ts, without
 * separators), or as digits, together with how it may sit in text: on word
 * boundaries, anywhere, or — for short Chinese names inside longer words and
 * for part of a name — as a possible match for the caseworker to decide.
 */

export type FormKind = 'name' | 'date_of_birth' | 'identity_document' | 'phone' | 'email' | 'handle' | 'address' | 'city';

export interface Form {
  /** Compact folded letters and digits ('text') or digits only ('digits'). */
  s: string;
  stream: 'text' | 'digits';
  /**
   * 'word': must start and end on a boundary (a separator, the end of the
   * text, or a change between letters, digits and scripts); 'anywhere':
   * long and distinctive enough to be found inside a longer token.
   */
  place: 'word' | 'anywhere';
  /** Why this form exists, for the preview ("name in another order", "pinyin of 张建国"). */
  rule: string;
  /** Only part of the value (a given name alone): a possible match, not a certain one. */
  partial: boolean;
  /** Digits that may stand before a phone number as its country code or trunk prefix. */
  prefixes?: string[];
}

/** How far apart the letters of one value may be (spaces, punctuation, a line break and indentation). */
export const MAX_GAP = { text: 12, digits: 3 } as const;

const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯', '轩辕', '端木', '独孤', '南宫', '西门', '澹台', '申屠', '太史']);
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const HAN_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** Suffixes of Chinese administrative units and streets: "温州市" is also written "温州". */
const HAN_PLACE_SUFFIXES = /(?<=[\p{sc=Han}]{2})(省|市|区|县|镇|乡|村|街道|街|路|道|巷|弄|里|自治区|自治州|地区|社区)$/u;
const HAN_ADDRESS_PARTS = /[^省市区县镇乡村街路道巷弄号]+(?:省|市|区|县|镇|乡|村|街道|街|路|道|巷|弄|号)?/gu;
/** How the administrative suffixes are written in English addresses. */
const PLACE_SUFFIX_WORDS: Readonly<Record<string, readonly string[]>> = {
  省: ['province'],
  市: ['city'],
  区: ['district'],
  县: ['county'],
  镇: ['town', 'township'],
  乡: ['township', 'village'],
  村: ['village'],
  街道: ['subdistrict', 'street'],
  街: ['street', 'st'],
  路: ['road', 'rd'],
  道: ['road', 'avenue'],
  巷: ['lane'],
  弄: ['lane', 'alley'],
  里: ['lane'],
  社区: ['community'],
  自治区: ['autonomousregion'],
  自治州: ['autonomousprefecture'],
  地区: ['prefecture'],
};
/** "Wenzhounese", "Berliner", "Kashgari", "Qeshqerlik": people named after their town. */
const DEMONYM_SUFFIXES = ['nese', 'ese', 'er', 'ers', 'ian', 'ians', 'an', 'ans', 'i', 'lik', 'liq', 'ite', 'ites', 'ren'];
const HANDLE_PREFIXES = /^(?:https?:\/\/)?(?:www\.)?(?:t\.me\/|telegram\.me\/|wa\.me\/|twitter\.com\/|x\.com\/|instagram\.com\/|facebook\.com\/|weibo\.com\/|@|wxid_)/i;
const MIN_TEXT = 3;
/** A form this long (letters and digits) is distinctive enough to be found inside a longer token. */
const MIN_ANYWHERE = 10;
const MIN_PHONE_DIGITS = 7;

function latinTokens(value: string): string[] {
  return value
    .split(/[^\p{L}\p{N}]+/u)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  if (items.length > 4) return [items.slice(), items.slice().reverse()];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([item, ...rest]);
  });
  return out;
}

/** "Lü" is also written "Lu", "Lv" and "Lyu" (and "Nü" likewise): every such spelling of a token. */
function uUmlautVariants(token: string): string[] {
  const lower = token.toLowerCase();
  const variants = new Set([lower]);
  if (/ü/.test(lower)) for (const r of ['u', 'v', 'yu']) variants.add(lower.replace(/ü/g, r));
  const m = /^([ln])(v|yu|u)(e|an|n)?$/.exec(lower);
  if (m && lower !== `${m[1]}u${m[3] ?? ''}`) for (const r of ['u', 'v', 'yu']) variants.add(`${m[1]}${r}${m[3] ?? ''}`);
  return [...variants];
}

function tokenVariants(tokens: readonly string[]): string[][] {
  let combos: string[][] = [[]];
  for (const token of tokens) {
    const next: string[][] = [];
    for (const v of uUmlautVariants(token)) for (const c of combos) next.push([...c, v]);
    combos = next.slice(0, 16);
  }
  return combos;
}

function add(out: Map<string, Form>, form: Form): void {
  // A recorded two-letter name ("Li") is still withheld whole; only parts of values need three letters.
  const min = form.stream === 'digits' ? MIN_PHONE_DIGITS - 1 : [...form.s].some(isHan) || !form.partial ? 2 : MIN_TEXT;
  if ([...form.s].length < min) return;
  const key = `${form.stream}\u0000${form.s}`;
  const existing = out.get(key);
  // The strongest reading wins: a full name beats the same letters as part of another.
  if (!existing || (existing.partial && !form.partial) || (existing.place === 'word' && form.place === 'anywhere' && existing.partial === form.partial)) out.set(key, form);
}

/** Forms of a name written in Latin, Cyrillic, Arabic or another spaced script, in every order. */
function spacedNameForms(out: Map<string, Form>, tokens: readonly string[], rule: string): void {
  if (tokens.length === 0) return;
  for (const variant of tokenVariants(tokens)) {
    for (const order of permutations(variant)) {
      const s = compactOf(order.join(' '));
      const place = tokens.length >= 2 && s.length >= 10 ? 'anywhere' : 'word';
      add(out, { s, stream: 'text', place, rule: order.join(' ') === variant.join(' ') ? rule : `${rule}, other order`, partial: false });
    }
    // A given name alone ("Jianguo", "Guzalnur") names the person as often as not: a possible match.
    if (variant.length >= 2) {
      for (const token of variant) {
        const s = compactOf(token);
        if (s.length >= 6 && !isSingleSyllable(s)) add(out, { s, stream: 'text', place: 'word', rule: 'part of a name', partial: true });
      }
    }
  }
}

const PINYIN_SYLLABLE = /^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|uai|uan|ian|iao|ing|ang|eng|ong|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|ve|a|o|e|i|u|v)$/;

function isSingleSyllable(s: string): boolean {
  return PINYIN_SYLLABLE.test(s);
}

/** A name with Chinese characters: the characters, the given name alone, and its pinyin. */
function hanNameForms(out: Map<string, Form>, value: string): void {
  const chars = [...compactOf(value)];
  if (chars.length < 2) return;
  const s = chars.join('');
  add(out, { s, stream: 'text', place: 'anywhere', rule: 'name in characters', partial: false });
  const hanOnly = chars.filter(isHan);
  if (hanOnly.length !== chars.length) return;
  const surnameLength = hanOnly.length >= 4 && COMPOUND_SURNAMES.has(hanOnly.slice(0, 2).join('')) ? 2 : 1;
  const given = hanOnly.slice(surnameLength);
  if (given.length >= 2) add(out, { s: given.join(''), stream: 'text', place: 'anywhere', rule: 'given name alone', partial: true });
  const syllables = pinyin(hanOnly.join(''), { toneType: 'none', type: 'array', surname: 'head', v: false }).map((p) => p.toLowerCase().replace(/[^a-zü]/g, ''));
  if (syllables.length !== hanOnly.length || syllables.some((p) => p === '')) return;
  const surname = syllables.slice(0, surnameLength).join('');
  const givenName = syllables.slice(surnameLength).join('');
  spacedNameForms(out, givenName ? [surname, givenName] : [surname], `pinyin of ${value}`);
  // Pinyin with tone numbers, as typed where tone marks are hard to enter: "Zhang1 Jian4guo2".
  const numbered = pinyin(hanOnly.join(''), { toneType: 'num', type: 'array', surname: 'head', v: false }).map((p) => p.toLowerCase().replace(/[^a-zü0-5]/g, ''));
  if (numbered.length === hanOnly.length && numbered.every((p) => /^[a-zü]+[0-5]?$/.test(p))) {
    const toned = [numbered.slice(0, surnameLength).join(''), numbered.slice(surnameLength).join('')].filter((t) => t !== '');
    spacedNameForms(out, toned, `pinyin with tone numbers of ${value}`);
  }
}

/** "古丽娜尔·吐尔逊": a non-Chinese name written in characters, its parts joined by a middle dot, in either order. */
const NAME_DOT = /\s*[·•・‧.．]\s*/u;

function nameForms(out: Map<string, Form>, value: string): void {
  if ([...value].some(isHan)) {
    const parts = value.split(NAME_DOT).filter((p) => p.trim() !== '');
    if (parts.length >= 2) {
      for (const order of permutations(parts)) add(out, { s: compactOf(order.join('')), stream: 'text', place: 'anywhere', rule: 'name in characters', partial: false });
      for (const part of parts) if ([...compactOf(part)].length >= 2) add(out, { s: compactOf(part), stream: 'text', place: 'anywhere', rule: 'part of a name', partial: true });
      const syllables = parts.map((p) => pinyin(compactOf(p), { toneType: 'none', type: 'array', v: false }).join(''));
      if (syllables.every((p) => /^[a-zü]+$/.test(p))) spacedNameForms(out, syllables, `pinyin of ${value}`);
      return;
    }
    hanNameForms(out, value);
    return;
  }
  spacedNameForms(out, latinTokens(value), 'name');
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 14 → 十四, 20 → 二十, 5 → 五: how days and months are written in Chinese numerals. */
function hanNumber(n: number): string {
  if (n < 10) return HAN_NUMERALS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : HAN_NUMERALS[tens]}十${ones === 0 ? '' : HAN_NUMERALS[ones]}`;
}

function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

/** A date of birth in every common written form. */
function dateForms(out: Map<string, Form>, isoDay: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay.trim());
  if (!m) return;
  const [y, mo, d] = [m[1]!, Number(m[2]), Number(m[3])];
  const yy = y.slice(2);
  const digits = (s: string, place: Form['place']) => add(out, { s, stream: 'digits', place, rule: 'date of birth in digits', partial: false });
  for (const [a, b, c] of [
    [y, pad(mo), pad(d)],
    [pad(d), pad(mo), y],
    [pad(mo), pad(d), y],
  ] as const)
    digits(a + b + c, 'anywhere');
  for (const s of [yy + pad(mo) + pad(d), pad(d) + pad(mo) + yy, pad(mo) + pad(d) + yy, `${y}${mo}${d}`, `${d}${mo}${y}`, `${mo}${d}${y}`]) digits(s, 'word');
  const text = (s: string) => add(out, { s: compactOf(s), stream: 'text', place: 'word', rule: 'date of birth', partial: false });
  for (const month of [MONTHS[mo - 1]!, MONTH_ABBREVIATIONS[mo - 1]!, ...(mo === 9 ? ['sept'] : [])]) {
    for (const day of [String(d), pad(d)]) {
      for (const suffix of ['', ordinal(d)]) {
        text(`${day}${suffix} ${month} ${yy}`);
        text(`${month} ${day}${suffix} ${yy}`);
        text(`${day}${suffix} ${month} ${y}`);
        text(`${day}${suffix} of ${month} ${y}`);
        text(`${month} ${day}${suffix} ${y}`);
        text(`${y} ${month} ${day}${suffix}`);
      }
    }
  }
  const hanYear = [...y].map((c) => HAN_NUMERALS[Number(c)]).join('');
  for (const year of [y, hanYear, yy]) {
    for (const month of [String(mo), pad(mo), hanNumber(mo)]) {
      for (const day of [String(d), pad(d), hanNumber(d)]) {
        for (const end of ['日', '号']) add(out, { s: compactOf(`${year}年${month}月${day}${end}`), stream: 'text', place: 'anywhere', rule: 'date of birth in Chinese', partial: false });
      }
    }
  }
}

/** The national digit strings of a phone number, longest first, with the prefixes that may stand before them. */
export function phoneCandidates(value: string): { national: string[]; prefixes: string[] } {
  const written = compactOf(value.replace(/\+/g, ' plus '));
  let digits = value.replace(/[^\p{Nd}]/gu, '');
  digits = [...digits].map((c) => compactOf(c)).join('');
  let international = /^\s*(\+|00)/.test(value.normalize('NFKC')) || written.startsWith('plus');
  if (digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  const national = new Set<string>();
  const prefixes = new Set<string>(['0', '00']);
  const addNational = (d: string) => {
    national.add(d);
    if (d.startsWith('0')) national.add(d.slice(1));
  };
  if (international) {
    // Without a numbering plan the country code's length (1–3 digits) is unknown, so try each.
    for (let k = 1; k <= 3; k += 1) {
      addNational(digits.slice(k));
      prefixes.add(digits.slice(0, k));
      prefixes.add(`00${digits.slice(0, k)}`);
      prefixes.add(`${digits.slice(0, k)}0`);
    }
  } else {
    addNational(digits);
  }
  return { national: [...national].filter((d) => d.length >= MIN_PHONE_DIGITS).sort((a, b) => b.length - a.length), prefixes: [...prefixes] };
}

function phoneForms(out: Map<string, Form>, value: string): void {
  const { national, prefixes } = phoneCandidates(value);
  for (const s of national) add(out, { s, stream: 'digits', place: 'anywhere', rule: 'phone number', partial: false, prefixes });
  // A landline is also written without its area code: the last seven or eight digits, as a number of their own.
  const longest = national[0] ?? '';
  if (longest.length >= 10) for (const n of [8, 7]) add(out, { s: longest.slice(-n), stream: 'digits', place: 'word', rule: 'phone number without area code', partial: false });
  if (/\p{L}/u.test(value)) add(out, { s: compactOf(value), stream: 'text', place: 'word', rule: 'phone number as written', partial: false });
}

/** A token of letters and digits: found inside longer tokens when it is long enough to be distinctive. */
function tokenForm(out: Map<string, Form>, token: string, rule: string, partial = false): void {
  const s = compactOf(token);
  add(out, { s, stream: 'text', place: s.length >= MIN_ANYWHERE || (/\d/.test(s) && /\p{L}/u.test(s) && s.length >= 6) ? 'anywhere' : 'word', rule, partial });
  const digits = s.replace(/\D/g, '');
  if (digits.length >= 6 && digits.length >= s.length - 2) add(out, { s: digits, stream: 'digits', place: 'anywhere', rule: `${rule} (digits)`, partial });
}

function documentForms(out: Map<string, Form>, value: string): void {
  add(out, { s: compactOf(value), stream: 'text', place: 'word', rule: 'identity document', partial: false });
  for (const token of value.split(/[\s,;:]+/u)) if (/\p{Nd}/u.test(token) && compactOf(token).length >= 5) tokenForm(out, token, 'identity document number');
  // "E 1234 5678" written with the number grouped: the letters and digits run together.
  const joined = value.replace(/^[^\p{Nd}]*?(?=\p{L}?\p{Nd})/u, '');
  if (joined !== value && compactOf(joined).length >= 5) tokenForm(out, joined, 'identity document number');
}

function emailForms(out: Map<string, Form>, value: string): void {
  add(out, { s: compactOf(value), stream: 'text', place: 'anywhere', rule: 'e-mail address', partial: false });
  const local = value.split('@')[0] ?? '';
  if (compactOf(local).length >= 4) tokenForm(out, local, 'e-mail address (name part)');
}

function handleForms(out: Map<string, Form>, value: string): void {
  const bare = value.includes(':') && !/^https?:/i.test(value.trim()) ? value.slice(value.indexOf(':') + 1).trim() : value.trim();
  tokenForm(out, value, 'messaging handle');
  tokenForm(out, bare, 'messaging handle');
  let stripped = bare;
  for (let i = 0; i < 3; i += 1) stripped = stripped.replace(HANDLE_PREFIXES, '');
  if (compactOf(stripped).length >= 4) tokenForm(out, stripped, 'messaging handle without prefix');
  if (/^[\p{Nd}\s+().\-/]+$/u.test(stripped) && stripped.replace(/\D/gu, '').length >= MIN_PHONE_DIGITS) phoneForms(out, stripped);
}

/** The pinyin of a word in characters, every reading of each character combined (at most eight spellings). */
function readingsOf(text: string): string[] {
  const chars = [...compactOf(text)];
  if (chars.length === 0 || !chars.every(isHan)) return [];
  let spellings = [''];
  const contextual = pinyin(chars.join(''), { toneType: 'none', type: 'array', v: false });
  chars.forEach((c, i) => {
    const readings = new Set([contextual[i] ?? '', ...pinyin(c, { toneType: 'none', type: 'array', multiple: true, v: false })].map((p) => p.replace(/[^a-zü]/g, '')).filter((p) => p !== ''));
    spellings = spellings.flatMap((sp) => [...readings].map((r) => sp + r)).slice(0, 8);
  });
  return spellings.filter((sp) => sp !== '');
}

function placeNameForms(out: Map<string, Form>, value: string, rule: string): void {
  const s = compactOf(value);
  if ([...s].some(isHan)) {
    add(out, { s, stream: 'text', place: 'anywhere', rule, partial: false });
    const suffix = HAN_PLACE_SUFFIXES.exec(value.trim())?.[1] ?? '';
    const bare = suffix === '' ? value.trim() : value.trim().slice(0, -suffix.length);
    if (suffix !== '') add(out, { s: compactOf(bare), stream: 'text', place: 'anywhere', rule, partial: false });
    const suffixPinyin = readingsOf(suffix)[0] ?? '';
    // Every reading of characters with more than one (什 is shí in 喀什, not shén).
    for (const reading of readingsOf(bare)) {
      placeNameForms(out, reading, `pinyin of ${value}`);
      // "Xinhuabeilu", "Xinhua Bei Lu", "Xinhua Road", "Tianshan District": the suffix in pinyin or in English.
      if (suffix !== '') for (const end of [suffixPinyin, ...(PLACE_SUFFIX_WORDS[suffix] ?? [])]) if (end !== '') add(out, { s: reading + end, stream: 'text', place: 'word', rule: `pinyin of ${value}`, partial: false });
    }
    return;
  }
  add(out, { s, stream: 'text', place: 'word', rule, partial: false });
  const tokens = latinTokens(value);
  if (tokens.length === 1 && s.length >= 4) for (const suffix of DEMONYM_SUFFIXES) add(out, { s: s + suffix, stream: 'text', place: 'word', rule: `people from ${value}`, partial: false });
}

/** English words for kinds of place in an address: "Tangxia Town" is also written "Tangxia". */
const PLACE_WORDS = /^(?:street|st|road|rd|avenue|ave|lane|alley|district|town|township|county|city|province|village|subdistrict|community|prefecture|region|autonomous|no|number|building|bldg|unit|room|flat|floor|apt|apartment)$/i;

function latinAddressForms(out: Map<string, Form>, part: string): void {
  const tokens = latinTokens(part);
  if (!tokens.some((t) => /\p{L}/u.test(t))) return;
  const s = compactOf(part);
  add(out, { s, stream: 'text', place: s.length >= MIN_ANYWHERE ? 'anywhere' : 'word', rule: 'part of an address', partial: false });
  // "12 Wuma Street": the street without its number; "Tangxia Town": the name without the kind of place.
  const words = tokens.filter((t) => !/^\d+[a-z]?$/i.test(t));
  if (words.length > 0 && words.length < tokens.length) add(out, { s: compactOf(words.join(' ')), stream: 'text', place: 'word', rule: 'street', partial: false });
  const name = words.filter((t) => !PLACE_WORDS.test(t));
  if (name.length > 0 && name.length < words.length && compactOf(name.join(' ')).length >= 4) placeNameForms(out, name.join(' '), 'part of an address');
  for (const candidate of [name.join(' '), words.join(' ')]) for (const other of otherNamesOf(candidate)) placeNameForms(out, other, `other name of ${candidate}`);
}

function addressForms(out: Map<string, Form>, value: string): void {
  add(out, { s: compactOf(value), stream: 'text', place: 'anywhere', rule: 'address', partial: false });
  // Addresses are often written twice, in Latin letters and in characters: "12 Wuma Street, Wenzhou (温州市鹿城区五马街12号)".
  const parts = value.split(/[,，、;；\n()（）[\]]+/u).map((p) => p.trim()).filter((p) => p.length > 0);
  for (const part of parts) {
    for (const run of part.match(/[\p{sc=Han}]+/gu) ?? []) {
      add(out, { s: compactOf(run), stream: 'text', place: 'anywhere', rule: 'part of an address', partial: false });
      for (const m of run.matchAll(HAN_ADDRESS_PARTS)) {
        if ([...compactOf(m[0])].filter(isHan).length < 2) continue;
        placeNameForms(out, m[0], 'part of an address');
        const bare = m[0].replace(HAN_PLACE_SUFFIXES, '');
        for (const other of otherNamesOf(bare)) placeNameForms(out, other, `other name of ${bare}`);
      }
    }
    latinAddressForms(out, part.replace(/[\p{sc=Han}]+/gu, ' '));
  }
  for (const t of value.match(/\d{5,}/g) ?? []) add(out, { s: t, stream: 'digits', place: 'word', rule: 'postcode', partial: false });
}

export function formsOf(kind: FormKind, value: string): Form[] {
  const out = new Map<string, Form>();
  switch (kind) {
    case 'name':
      nameForms(out, value);
      break;
    case 'date_of_birth':
      dateForms(out, value);
      break;
    case 'identity_document':
      documentForms(out, value);
      break;
    case 'phone':
      phoneForms(out, value);
      break;
    case 'email':
      emailForms(out, value);
      break;
    case 'handle':
      handleForms(out, value);
      break;
    case 'address':
      addressForms(out, value);
      break;
    case 'city':
      placeNameForms(out, value, 'place');
      for (const other of otherNamesOf(value)) placeNameForms(out, other, `other name of ${value}`);
      break;
    default: {
      const never: never = kind;
      throw new Error(`Unknown kind ${String(never)}`);
    }
  }
  return [...out.values()];
}

