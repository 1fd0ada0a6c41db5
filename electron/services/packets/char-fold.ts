import { confusablesMap } from 'confusables';
import { Converter } from 'opencc-js';

/**
 * What makes two characters "the same" when looking for a withheld value:
 * one character in, zero or more folded characters out. Used by the
 * scrubber's matcher and by the independent leak scan alike, so that both
 * agree on equivalence even though they search differently.
 *
 * - invisible and format characters (zero-width spaces and joiners, bidi
 *   marks, soft hyphens, variation selectors) vanish;
 * - compatibility forms (full-width, circled, mathematical letters) and
 *   diacritics fold to their base letter, case to lower case;
 * - letters that look like Latin ones (Cyrillic "а", Greek "ο": the UTS #39
 *   confusables as packaged by `confusables`) fold to the Latin letter;
 * - traditional, Hong Kong, Taiwan and Japanese character forms fold to
 *   simplified Chinese (OpenCC's tables, via `opencc-js`);
 * - Arabic-script letters that Uyghur, Persian and Arabic keyboards type
 *   differently (ې/ى/ی/ي, ە/ه/ة/ھ, ک/ك, ۇ/ۆ/ۈ/ۋ/و) fold to one form;
 * - decimal digits of every script fold to ASCII digits.
 */

/** Letters that do not decompose under NFKD but are written without their stroke by many people. */
const LETTER_FOLDS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', ı: 'i', þ: 'th', ħ: 'h', ŋ: 'ng' };

/** Arabic-script letters that different keyboards (Arabic, Persian, Uyghur) produce for the same sound. */
const ARABIC_FOLDS: Readonly<Record<string, string>> = {
  '\u0649': '\u064a', // alef maksura → yeh
  '\u06cc': '\u064a', // Farsi yeh
  '\u06d0': '\u064a', // Uyghur e
  '\u06ce': '\u064a',
  '\u06d5': '\u0647', // Uyghur ae → heh
  '\u0629': '\u0647', // teh marbuta
  '\u06be': '\u0647', // heh doachashmee (Uyghur h)
  '\u06c0': '\u0647',
  '\u06c1': '\u0647',
  '\u06a9': '\u0643', // keheh → kaf
  '\u06af': '\u0643', // gaf
  '\u06c7': '\u0648', // u
  '\u06c6': '\u0648', // o
  '\u06c8': '\u0648', // yu
  '\u06cb': '\u0648', // ve
  '\u0624': '\u0648',
  '\u06ad': '\u0646\u0643', // ng, typed as noon + kaf on an Arabic keyboard
  '\u0640': '', // tatweel
};

/**
 * Greek and Cyrillic letters folded to the Latin letter they are written for
 * in look-alike spellings. The confusables data maps some of them for upper
 * case only ("ι" to "l"), so lower-case look-alikes are listed here first.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', σ: 'o', τ: 't', υ: 'u', χ: 'x', ω: 'w', ζ: 'z',
  а: 'a', в: 'b', е: 'e', ё: 'e', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', ԁ: 'd', һ: 'h', ԛ: 'q', ԝ: 'w', ӏ: 'l',
};

/** Scripts whose look-alikes of Latin letters are folded to Latin. Han and Arabic are never touched. */
const CONFUSABLE_SCRIPTS = /[\p{sc=Latin}\p{sc=Cyrillic}\p{sc=Greek}\p{sc=Armenian}\p{sc=Cherokee}\p{sc=Coptic}\p{sc=Common}]/u;
const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}\u034f\u115f\u1160\u3164\uffa0]$/u;
const HAN = /\p{sc=Han}/u;

const toSimplified = [Converter({ from: 'hk', to: 'cn' }), Converter({ from: 'tw', to: 'cn' }), Converter({ from: 'jp', to: 'cn' })];

const cache = new Map<string, string>();

function decimalDigit(char: string): string {
  // Decimal digits come in runs of ten starting at zero; find this run's zero.
  const codePoint = char.codePointAt(0)!;
  let zero = codePoint;
  while (codePoint - zero < 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return String((codePoint - zero) % 10);
}

function foldOne(char: string): string {
  if (INVISIBLE.test(char)) return '';
  if (HAN.test(char)) {
    let c = char;
    for (const convert of toSimplified) c = convert(c);
    return [...c].length === 1 ? c : char;
  }
  let folded = char.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  folded = [...folded]
    .map((c) => {
      if (LETTER_FOLDS[c] !== undefined) return LETTER_FOLDS[c];
      if (ARABIC_FOLDS[c] !== undefined) return ARABIC_FOLDS[c];
      if (/^\p{Nd}$/u.test(c)) return /[0-9]/.test(c) ? c : decimalDigit(c);
      if (LOOK_ALIKES[c] !== undefined) return LOOK_ALIKES[c];
      if (c > '\u007f' && CONFUSABLE_SCRIPTS.test(c)) {
        const latin = confusablesMap.get(c)?.toLowerCase();
        if (latin && /^[a-z]+$/.test(latin)) return latin;
      }
      return c;
    })
    .join('');
  return folded.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/** The folded form of one code point (possibly empty, possibly several characters). */
export function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  // Plain ASCII is most of any packet: only upper case needs folding.
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : char;
  const cached = cache.get(char);
  if (cached !== undefined) return cached;
  const folded = foldOne(char);
  if (cache.size < 100_000) cache.set(char, folded);
  return folded;
}

/** Chinese numerals (and 幺, "one" as read out in phone numbers) as digits, for numbers written in characters. */
export const HAN_DIGITS: Readonly<Record<string, string>> = {
  〇: '0',
  零: '0',
  幺: '1',
  一: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

export function isHan(char: string): boolean {
  return HAN.test(char);
}
