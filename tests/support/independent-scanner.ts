import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { inflateSync } from 'node:zlib';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, type FileEntry } from '@zip.js/zip.js';
import OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ValueKind, WithheldValue } from './leak-corpus';

type PdfJs = typeof PdfJsModule;

/**
 * A hostile reviewer's leak scanner for referral packets, written for the
 * tests only and sharing no code with electron/services/packets: it unzips
 * (and unseals) the packet itself, reads every file every way it can be read
 * (raw bytes in several encodings, PDF text and metadata through pdf.js,
 * every inflated PDF stream, JSON values, PNG text chunks, decoded
 * entities/percent/quoted-printable/base64/\u escapes), folds everything
 * aggressively and looks for the canonical forms of each withheld value.
 */

configure({ useWebWorkers: false });

export interface ScanHit {
  packet: string;
  file: string;
  /** Where in the file: "utf8", "pdf page 2", "json $.timeline[0].description", "base64 in utf8"… */
  where: string;
  kind: ValueKind;
  owner: string;
  value: string;
  /** The folded form that was found. */
  needle: string;
}

export interface ExtractedText {
  file: string;
  where: string;
  text: string;
}

// ---- folding ----------------------------------------------------------------------

const t2s = OpenCC.Converter({ from: 't', to: 'cn' });
const HAN = /\p{Script=Han}/u;

/** Look-alikes by case, applied before lower-casing: upper-case Greek Nu is N, lower-case nu is v. */
const CONFUSABLE: Record<string, string> = {
  // Cyrillic
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', І: 'I', Ј: 'J', Ѕ: 'S',
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ә: 'e', ү: 'y',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ζ: 'z', η: 'n', μ: 'u',
  // Latin small capitals and other look-alikes NFKC leaves alone
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴡ: 'w', ʏ: 'y', ᴢ: 'z', ı: 'i', ɑ: 'a', ɡ: 'g',
};
/** Uyghur and Persian letter forms folded to the Arabic keyboard's. */
const ARABIC_FOLD: Record<string, string> = { 'ە': 'ه', 'ھ': 'ه', 'ة': 'ه', 'ې': 'ي', 'ى': 'ي', 'ی': 'ي', 'ۇ': 'و', 'ۆ': 'و', 'ۈ': 'و', 'ۋ': 'و', 'ک': 'ك', 'ـ': '' };
const DIGIT_ZEROS = [0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xe50, 0xed0, 0xf20, 0x1040, 0x17e0, 0x1810, 0xff10];

function mapChars(text: string, table: Record<string, string>): string {
  let out = '';
  for (const ch of text) out += table[ch] ?? ch;
  return out;
}

function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (ch) => {
    const code = ch.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
    return zero === undefined ? ch : String(code - zero);
  });
}

/** Compatibility forms, traditional→simplified, look-alikes, case, marks, Arabic letter forms and digits folded. */
function foldKeepingSeparators(text: string): string {
  let s = text.normalize('NFKC');
  if (HAN.test(s)) s = t2s(s);
  s = mapChars(s, CONFUSABLE).toLowerCase();
  s = s.normalize('NFD').replace(/\p{M}/gu, '');
  s = mapChars(s, ARABIC_FOLD);
  return asciiDigits(s);
}

/** Letters and digits only, everything else gone: "Zhang, Jian-guo" → "zhangjianguo". */
export function fold(text: string): string {
  return foldKeepingSeparators(text).replace(/[^\p{L}\p{N}]/gu, '');
}

const CHINESE_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
const NUMBER_RUN = /[0-9o〇零一二三四五六七八九][0-9o〇零一二三四五六七八九\s.·•_,\-()+/\\]*[0-9o〇零一二三四五六七八九]/gu;

/** Digit runs (any separators, letter O and Chinese numerals read as digits), each as digits only, joined by "|". */
/** SHA-256 hashes and UUIDs the packet computes itself: random hex that would match any short number by chance. */
const COMPUTED_HEX = /\b[0-9a-f]{32,}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;

export function numericView(text: string): string {
  const s = foldKeepingSeparators(text).replace(COMPUTED_HEX, ' ');
  const runs: string[] = [];
  for (const m of s.matchAll(NUMBER_RUN)) {
    const run = m[0];
    if ((run.match(/[0-9〇零一二三四五六七八九]/gu) ?? []).length < 5) continue;
    runs.push(mapChars(run, { ...CHINESE_DIGITS, o: '0' }).replace(/[^0-9]/g, ''));
  }
  return runs.join('|');
}

// ---- needles ----------------------------------------------------------------------

interface Needle {
  value: number;
  form: string;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

function umlautForms(text: string): string[] {
  return /ü/i.test(text) ? ['u', 'v', 'yu', 'ue'].map((r) => text.replace(/ü/gi, r)) : [text];
}

function pinyinForms(han: string): string[] {
  const simplified = t2s(han);
  const parts = simplified.includes('·') ? simplified.split('·') : [simplified.slice(0, 1), simplified.slice(1)];
  const syllables = parts.map((p) => pinyin(p, { toneType: 'none', type: 'array' }).join(''));
  const orders = parts.length === 2 && parts[1] ? [syllables.join(''), [...syllables].reverse().join('')] : [syllables.join('')];
  return orders.flatMap(umlautForms);
}

const GENERIC_PLACE_WORDS = /\b(street|road|town|district|city|county|village|no|apt|room)\b/giu;
const HAN_PLACE_SUFFIX = /[市区县镇街路]$/u;

function nameNeedles(value: string): string[] {
  const out: string[] = [];
  if (HAN.test(value)) {
    out.push(fold(value));
    if (value.includes('·')) out.push(fold(value.split('·').reverse().join('')));
    out.push(...pinyinForms(value));
  } else {
    const tokens = value.split(/[\s,·.-]+/u).filter(Boolean);
    const orders = tokens.length <= 3 ? permutations(tokens) : [tokens];
    for (const order of orders) out.push(...umlautForms(order.join(' ')).map(fold));
  }
  return out;
}

function placeNeedles(form: string): string[] {
  if (/^\d+$/.test(form)) return [];
  const out = [fold(form)];
  if (HAN.test(form)) {
    out.push(fold(pinyin(t2s(form), { toneType: 'none', separator: '' })));
    const short = t2s(form).replace(HAN_PLACE_SUFFIX, '');
    if (short.length >= 2 && short !== t2s(form)) out.push(fold(short), fold(pinyin(short, { toneType: 'none', separator: '' })));
  } else {
    const short = fold(form.replace(GENERIC_PLACE_WORDS, ''));
    if (short.length >= 5) out.push(short);
  }
  return out;
}

const COUNTRY_CODES = ['86', '31', '49', '44', '90', '33', '1', '7'];

function phoneNumbers(value: string): string[] {
  const digits = asciiDigits(value.normalize('NFKC')).replace(/\D/g, '');
  let national = digits.replace(/^00/, '');
  if (/^\s*(\+|00)/.test(value)) {
    const cc = COUNTRY_CODES.find((c) => national.startsWith(c));
    if (cc) national = national.slice(cc.length);
  }
  national = national.replace(/^0/, '');
  const out = [national];
  // A Chinese landline without its area code: the subscriber number alone.
  if (/^\s*(\+|00)86/.test(value) && !national.startsWith('1')) out.push(national.slice(/^(10|2\d)/.test(national) ? 2 : 3));
  return out.filter((n) => n.length >= 7);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
function chineseNumber(n: number): string {
  const units = '〇一二三四五六七八九';
  if (n < 10) return units[n]!;
  if (n < 20) return `十${n % 10 ? units[n % 10] : ''}`;
  return `${units[Math.floor(n / 10)]}十${n % 10 ? units[n % 10] : ''}`;
}

function dateNeedles(iso: string): { text: string[]; numeric: string[] } {
  const [y, mm, dd] = iso.split('-') as [string, string, string];
  const m = String(Number(mm));
  const d = String(Number(dd));
  const numeric = [`${y}${mm}${dd}`, `${y}${m}${d}`, `${dd}${mm}${y}`, `${d}${m}${y}`, `${mm}${dd}${y}`, `${m}${d}${y}`];
  const month = MONTHS[Number(mm) - 1]!;
  const names = [month, month.slice(0, 3), ...(month === 'september' ? ['sept'] : [])];
  const ord = ['st', 'nd', 'rd', 'th'];
  const text: string[] = [];
  for (const name of names) {
    for (const day of [d, dd]) {
      text.push(`${day}${name}${y}`, `${name}${day}${y}`, `${y}${name}${day}`);
      for (const o of ord) text.push(`${day}${o}${name}${y}`, `${name}${day}${o}${y}`, `${day}${o}of${name}${y}`);
    }
  }
  const cy = [...y].map((c) => '〇一二三四五六七八九'[Number(c)]).join('');
  text.push(`${y}年${m}月${d}日`, `${y}年${mm}月${dd}日`, `${cy}年${chineseNumber(Number(mm))}月${chineseNumber(Number(dd))}日`);
  return { text: text.map(fold), numeric };
}

function handleBare(handle: string): string {
  return handle.replace(/^.*:\s*/u, '').replace(/^(https?:\/\/)?(t\.me|telegram\.me)\//iu, '').replace(/^@/u, '').replace(/^wxid_/iu, '');
}

/** Text and digit needles for one withheld value. */
function needlesFor(v: WithheldValue): { text: string[]; numeric: string[] } {
  const text: string[] = [];
  const numeric: string[] = [];
  for (const form of v.forms) {
    switch (v.kind) {
      case 'name':
        text.push(...nameNeedles(form));
        break;
      case 'city':
      case 'address':
        if (/^\d{5,}$/.test(form)) numeric.push(form);
        else text.push(...placeNeedles(form));
        break;
      case 'phone':
        numeric.push(...phoneNumbers(form));
        break;
      case 'email': {
        // The whole address, also as "name [at] example [dot] cn". The local part alone is not searched:
        // "alimjan.t" is also the start of the client's disclosed name; names are searched as names.
        const [local = '', domain = ''] = form.split('@');
        text.push(fold(form), fold(`${local} at ${domain.replace(/\./g, ' dot ')}`));
        break;
      }
      case 'handle':
        text.push(fold(form), fold(handleBare(form)));
        break;
      case 'id_number': {
        text.push(fold(form));
        const digits = form.replace(/\D/g, '');
        if (digits.length >= 7) numeric.push(digits);
        break;
      }
      case 'date_of_birth': {
        const forms = dateNeedles(form);
        text.push(...forms.text);
        numeric.push(...forms.numeric);
        break;
      }
      case 'relationship':
        text.push(fold(form));
        break;
      default: {
        const unreachable: never = v.kind;
        throw new Error(`unknown kind ${String(unreachable)}`);
      }
    }
  }
  return { text: [...new Set(text.filter((t) => t.length >= 2))], numeric: [...new Set(numeric.filter((n) => n.length >= 6))] };
}

/** Needles by their first two characters, so a long text is walked once. */
class NeedleIndex {
  private readonly byPrefix = new Map<string, Needle[]>();

  add(needle: Needle): void {
    const key = needle.form.slice(0, 2);
    const list = this.byPrefix.get(key) ?? [];
    if (!list.some((n) => n.form === needle.form && n.value === needle.value)) list.push(needle);
    this.byPrefix.set(key, list);
  }

  find(hay: string): Needle[] {
    const found = new Map<string, Needle>();
    for (let i = 0; i < hay.length - 1; i += 1) {
      const list = this.byPrefix.get(hay.slice(i, i + 2));
      if (!list) continue;
      for (const needle of list) if (hay.startsWith(needle.form, i)) found.set(`${needle.value}\u0000${needle.form}`, needle);
    }
    return [...found.values()];
  }
}

// ---- decoding layers -----------------------------------------------------------------

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '\u00ad' };

function bytesToUtf8(bytes: number[]): string {
  return Buffer.from(bytes).toString('utf8');
}

interface Decoder {
  name: string;
  /** Where encoded runs are. */
  find: RegExp;
  /** Whether a run really decodes (base64 that is not UTF-8 text is an ordinary word). */
  accept?: (run: string) => boolean;
  /** Decodes every run in a stretch of text. */
  decode: (text: string) => string;
}

const BASE64_RUN = /(?:[A-Za-z0-9+/]{4}(?:\r?\n)?){2,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})?/g;
const base64Text = (run: string): string | null => {
  const utf8 = Buffer.from(run.replace(/\s/g, ''), 'base64').toString('utf8');
  // eslint-disable-next-line no-control-regex -- control characters mean the run was not text
  return utf8.includes('\ufffd') || /[\u0000-\u0008\u000e-\u001f]/.test(utf8) ? null : utf8;
};

const DECODERS: readonly Decoder[] = [
  {
    name: 'html entities',
    find: /(?:&#x[0-9a-f]{1,6};?|&#\d{1,7};?|&[a-z]+;)+/giu,
    decode: (t) =>
      t
        .replace(/&#x([0-9a-f]{1,6});?/giu, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
        .replace(/&#(\d{1,7});?/gu, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
        .replace(/&([a-z]+);/giu, (m, n: string) => NAMED_ENTITIES[n.toLowerCase()] ?? m),
  },
  { name: 'percent-encoding', find: /(?:%[0-9a-f]{2})+/giu, decode: (t) => t.replace(/(?:%[0-9a-f]{2})+/giu, (m) => bytesToUtf8(m.slice(1).split('%').map((h) => parseInt(h, 16)))).replace(/\+/g, ' ') },
  {
    name: 'quoted-printable',
    find: /(?:=[0-9A-F]{2}|=\r?\n)+/gu,
    decode: (t) => t.replace(/=\r?\n/g, '').replace(/(?:=[0-9A-F]{2})+/gu, (m) => bytesToUtf8(m.slice(1).split('=').map((h) => parseInt(h, 16)))),
  },
  {
    name: '\\u escapes',
    find: /\\u[0-9a-f]{4}|\\x[0-9a-f]{2}/giu,
    decode: (t) =>
      t
        .replace(/(?:\\u[0-9a-f]{4})+/giu, (m) => String.fromCharCode(...m.slice(2).split('\\u').map((h) => parseInt(h, 16))))
        .replace(/\\x([0-9a-f]{2})/giu, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
  },
  {
    name: 'base64',
    find: BASE64_RUN,
    accept: (run) => base64Text(run) !== null,
    decode: (t) => t.replace(BASE64_RUN, (m) => {
      const text = base64Text(m);
      return text === null ? m : ` ${text} `;
    }),
  },
];

/** Context kept around a decoded run, so a value half encoded and half plain ("Zhang%20Jianguo") is found whole. */
const CONTEXT = 80;

/** The stretches of `text` around encoded runs, decoded (overlapping stretches merged). */
function decodedStretches(text: string, decoder: Decoder): string[] {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(decoder.find)) {
    if (decoder.accept && !decoder.accept(m[0])) continue;
    const start = Math.max(0, m.index - CONTEXT);
    const end = Math.min(text.length, m.index + m[0].length + CONTEXT);
    const last = spans[spans.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else spans.push([start, end]);
  }
  const out: string[] = [];
  for (const [start, end] of spans) {
    const slice = text.slice(start, end);
    try {
      const decoded = decoder.decode(slice);
      if (decoded !== slice) out.push(decoded);
    } catch {
      /* not decodable after all */
    }
  }
  return out;
}

/** The text and every stretch a decoding layer (or two stacked) makes of it. */
function decodedViews(text: string, where: string): Array<{ where: string; text: string }> {
  const views = [{ where, text }];
  let frontier = views;
  for (let round = 0; round < 2; round += 1) {
    const next: typeof views = [];
    for (const view of frontier) {
      for (const decoder of DECODERS) {
        for (const stretch of decodedStretches(view.text, decoder)) next.push({ where: `${decoder.name} in ${view.where}`, text: stretch });
      }
    }
    views.push(...next);
    frontier = next;
  }
  return views;
}

// ---- reading files --------------------------------------------------------------------

const requireHere = createRequire(import.meta.url);
let pdfjsPromise: Promise<PdfJs> | null = null;
const loadPdfJs = () => (pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

function stringsIn(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (depth > 6 || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v) => stringsIn(v, depth + 1));
  return Object.values(value as Record<string, unknown>).flatMap((v) => stringsIn(v, depth + 1));
}

async function pdfTexts(file: string, bytes: Uint8Array): Promise<ExtractedText[]> {
  const out: ExtractedText[] = [];
  const pdfjs = await loadPdfJs();
  const root = dirname(requireHere.resolve('pdfjs-dist/package.json'));
  const pdf = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: join(root, 'standard_fonts') + sep,
    cMapUrl: join(root, 'cmaps') + sep,
    cMapPacked: true,
    verbosity: 0,
  }).promise;
  try {
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: false });
      const text = content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : '')).join('');
      out.push({ file, where: `pdf page ${n}`, text });
      const annotations = await page.getAnnotations();
      for (const annotation of annotations) out.push({ file, where: `pdf page ${n} annotation`, text: stringsIn(annotation).join('\n') });
    }
    const meta = await pdf.getMetadata();
    out.push({ file, where: 'pdf Info', text: stringsIn(meta.info).join('\n') });
    const xmp = meta.metadata?.getRaw();
    if (typeof xmp === 'string') out.push({ file, where: 'pdf XMP', text: xmp });
    const outline = await pdf.getOutline();
    if (outline) out.push({ file, where: 'pdf outline', text: stringsIn(outline).join('\n') });
    const attachments: unknown = await pdf.getAttachments();
    if (attachments) out.push({ file, where: 'pdf attachments', text: stringsIn(attachments).join('\n') });
  } finally {
    await pdf.destroy();
  }
  // Every compressed stream, inflated: content streams, object streams, embedded files.
  const raw = Buffer.from(bytes);
  let index = 0;
  let count = 0;
  while ((index = raw.indexOf('stream', index, 'latin1')) !== -1) {
    let start = index + 6;
    if (raw[start] === 0x0d) start += 1;
    if (raw[start] === 0x0a) start += 1;
    const end = raw.indexOf('endstream', start, 'latin1');
    if (end === -1) break;
    // Font programs and image pixels hold no text; everything else (content, object streams, embedded files, XMP) is read.
    const dictionary = raw.toString('latin1', Math.max(0, raw.lastIndexOf('obj', index, 'latin1')), index);
    if (/\/Length1|\/Subtype\s*\/(Image|Type1C|CIDFontType0C|OpenType)/.test(dictionary)) {
      index = end + 9;
      continue;
    }
    try {
      const inflated = inflateSync(raw.subarray(start, end));
      count += 1;
      const utf8 = inflated.toString('utf8');
      out.push({ file, where: `pdf stream ${count}`, text: utf8 });
      if (utf8.includes('\ufffd')) out.push({ file, where: `pdf stream ${count} (latin1)`, text: inflated.toString('latin1') });
    } catch {
      /* not a Flate stream */
    }
    index = end + 9;
  }
  return out;
}

function pngTexts(file: string, bytes: Buffer): ExtractedText[] {
  const out: ExtractedText[] = [];
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const keywordEnd = data.indexOf(0);
    try {
      // zTXt: keyword NUL method deflated-text. iTXt: keyword NUL flag method language NUL translated NUL text (deflated when flag is 1).
      if (type === 'zTXt' && keywordEnd >= 0) out.push({ file, where: 'png zTXt', text: inflateSync(data.subarray(keywordEnd + 2)).toString('latin1') });
      if (type === 'iTXt' && keywordEnd >= 0 && data[keywordEnd + 1] === 1) {
        const languageEnd = data.indexOf(0, keywordEnd + 3);
        const translatedEnd = data.indexOf(0, languageEnd + 1);
        out.push({ file, where: 'png iTXt', text: inflateSync(data.subarray(translatedEnd + 1)).toString('utf8') });
      }
    } catch {
      out.push({ file, where: `png ${type} could not be inflated`, text: '' });
    }
    offset += 12 + length;
  }
  return out;
}

function jsonTexts(file: string, text: string): ExtractedText[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const out: ExtractedText[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') out.push({ file, where: `json ${path}`, text: value });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        out.push({ file, where: `json key ${path}.${k}`, text: k });
        walk(v, `${path}.${k}`);
      }
    }
  };
  walk(parsed, '$');
  return out;
}

/** Every way a file can be read as text. */
export async function textsOfFile(file: string, bytes: Uint8Array): Promise<ExtractedText[]> {
  const buffer = Buffer.from(bytes);
  const out: ExtractedText[] = [{ file, where: 'file name', text: file }];
  if (file.toLowerCase().endsWith('.json')) out.push(...jsonTexts(file, buffer.toString('utf8')));
  const isPdf = buffer.subarray(0, 5).toString('latin1') === '%PDF-';
  if (isPdf) {
    try {
      out.push(...(await pdfTexts(file, bytes)));
    } catch (error) {
      out.push({ file, where: `pdf could not be read: ${String(error)}`, text: '' });
    }
  }
  if (buffer.subarray(1, 4).toString('latin1') === 'PNG') out.push(...pngTexts(file, buffer));
  // A PDF's compressed streams are read inflated above, and its cross-reference table is ten-digit
  // offsets that would match any number: the rest (object dictionaries, Info strings) is read raw.
  const raw = isPdf ? Buffer.from(buffer.toString('latin1').replace(/stream\r?\n[\s\S]*?endstream/g, 'stream endstream').replace(/\d{10} \d{5} [nf]/g, ' '), 'latin1') : buffer;
  const utf8 = raw.toString('utf8');
  out.push({ file, where: 'utf8', text: utf8 });
  // Valid UTF-8 is read as such; anything else also as Latin-1, GB18030 and UTF-16 in both byte orders and alignments.
  if (utf8.includes('\ufffd')) {
    out.push({ file, where: 'latin1', text: raw.toString('latin1') }, { file, where: 'gb18030', text: new TextDecoder('gb18030').decode(raw) });
    if (raw.length <= 4 * 1024 * 1024) {
      for (const shift of [0, 1]) {
        const slice = raw.subarray(shift, raw.length - ((raw.length - shift) % 2));
        out.push({ file, where: `utf16le+${shift}`, text: slice.toString('utf16le') });
        const be = Buffer.from(slice);
        be.swap16();
        out.push({ file, where: `utf16be+${shift}`, text: be.toString('utf16le') });
      }
    }
  }
  return out;
}

async function unzip(bytes: Uint8Array, password?: string): Promise<Array<{ path: string; data: Uint8Array }>> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes));
  try {
    const files: Array<{ path: string; data: Uint8Array }> = [];
    for (const entry of await reader.getEntries()) {
      if (entry.directory) continue;
      files.push({ path: entry.filename, data: await (entry as FileEntry).getData(new Uint8ArrayWriter(), entry.encrypted ? { password } : {}) });
    }
    return files;
  } finally {
    await reader.close();
  }
}

// ---- the scanner --------------------------------------------------------------------

export interface PacketScan {
  hits: ScanHit[];
  /** The files inside the packet (after unsealing). */
  files: string[];
  /** Texts read from the PDF and JSON, for tracing hits back to the variant that caused them. */
  texts: ExtractedText[];
}

export class IndependentScanner {
  private readonly text = new NeedleIndex();
  private readonly numeric = new NeedleIndex();

  constructor(private readonly values: readonly WithheldValue[]) {
    values.forEach((v, value) => {
      const needles = needlesFor(v);
      for (const form of needles.text) this.text.add({ value, form });
      for (const form of needles.numeric) this.numeric.add({ value, form });
    });
  }

  /** Withheld values found in one text, in any of its decoded forms. */
  scanText(text: string, where = 'text'): Array<{ where: string; value: WithheldValue; needle: string }> {
    const found = new Map<string, { where: string; value: WithheldValue; needle: string }>();
    // A PDF content stream is numbers (coordinates, glyph ids): its text is read through pdf.js instead.
    const numbers = !where.startsWith('pdf stream');
    for (const view of decodedViews(text, where)) {
      for (const needle of this.text.find(fold(view.text))) if (!found.has(`${needle.value}`)) found.set(`${needle.value}`, { where: view.where, value: this.values[needle.value]!, needle: needle.form });
      if (!numbers) continue;
      for (const needle of this.numeric.find(numericView(view.text))) if (!found.has(`${needle.value}`)) found.set(`${needle.value}`, { where: view.where, value: this.values[needle.value]!, needle: needle.form });
    }
    return [...found.values()];
  }

  /**
   * Unzips a packet (unsealing it first when a passphrase is given: the sealed
   * ZIP holds the packet ZIP) and scans the packet's own name, the inner
   * name and every file. One hit per file and value, at the first place found.
   */
  async scanPacket(bytes: Uint8Array, options: { packet: string; passphrase?: string }): Promise<PacketScan> {
    const hits: ScanHit[] = [];
    const seen = new Set<string>();
    const record = (file: string, found: ReturnType<IndependentScanner['scanText']>) => {
      for (const f of found) {
        const key = `${file}\u0000${f.value.owner}\u0000${f.value.kind}\u0000${f.value.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        hits.push({ packet: options.packet, file, where: f.where, kind: f.value.kind, owner: f.value.owner, value: f.value.value, needle: f.needle });
      }
    };
    record('(packet file name)', this.scanText(options.packet, 'file name'));
    let files = await unzip(bytes, options.passphrase);
    if (options.passphrase !== undefined) {
      if (files.length !== 1) throw new Error(`a sealed packet should hold one ZIP, it holds ${files.length} files`);
      record('(sealed inner file name)', this.scanText(files[0]!.path, 'file name'));
      files = await unzip(files[0]!.data);
    }
    const texts: ExtractedText[] = [];
    for (const file of files) {
      const fileTexts = await textsOfFile(file.path, file.data);
      for (const t of fileTexts) {
        record(file.path, this.scanText(t.text, t.where));
        if (t.where.startsWith('json ') || t.where.startsWith('pdf page')) texts.push(t);
      }
    }
    return { hits, files: files.map((f) => f.path), texts };
  }
}
