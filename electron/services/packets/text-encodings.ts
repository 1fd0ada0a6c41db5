/**
 * Text in whatever encoding it was saved in, for the leak scan. The scan
 * cannot know which encoding a recipient's editor will pick, so a file that is
 * not plain UTF-8 is read in every encoding it plausibly is: a name saved in
 * GB18030 or Big5 is then whole in one of the readings. Also: what a reader
 * of markup (HTML, SVG, XML) sees once tags and entities are gone.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5' | 'windows-1252';

export interface DecodedText {
  encoding: TextEncoding;
  text: string;
}

const BOMS: ReadonlyArray<{ bytes: readonly number[]; encoding: TextEncoding }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

function bomOf(bytes: Uint8Array): TextEncoding | null {
  return BOMS.find(({ bytes: bom }) => bom.every((b, i) => bytes[i] === b))?.encoding ?? null;
}

function isValidUtf8(bytes: Uint8Array, partial: boolean): boolean {
  try {
    // stream: a multi-byte character cut at the end of a sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a byte-order mark: most characters of Latin text have a zero high byte. */
function utf16WithoutBom(bytes: Uint8Array): TextEncoding | null {
  const pairs = Math.floor(Math.min(bytes.length, 8192) / 2);
  if (pairs < 2) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i += 1) {
    if (bytes[2 * i] === 0) evenZero += 1;
    if (bytes[2 * i + 1] === 0) oddZero += 1;
  }
  if (oddZero >= pairs * 0.3 && evenZero <= pairs * 0.05) return 'utf-16le';
  if (evenZero >= pairs * 0.3 && oddZero <= pairs * 0.05) return 'utf-16be';
  return null;
}

/** Control characters other than tab, line breaks, form feed and escape: rare in text, common in binary data. */
function controlShare(bytes: Uint8Array): number {
  let controls = 0;
  for (const b of bytes) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) controls += 1;
  return bytes.length === 0 ? 0 : controls / bytes.length;
}

/**
 * The encodings the bytes are plausibly text in, most likely first; empty
 * when they do not look like text. `partial`: the bytes are the start of a
 * longer file (a character may be cut at the end).
 */
export function textEncodingsOf(bytes: Uint8Array, partial = false): TextEncoding[] {
  if (bytes.length === 0) return [];
  const bom = bomOf(bytes);
  if (bom) return [bom];
  if (bytes.includes(0)) {
    const utf16 = utf16WithoutBom(bytes);
    return utf16 ? [utf16] : [];
  }
  if (isValidUtf8(bytes, partial)) return ['utf-8'];
  if (controlShare(bytes) > 0.01) return [];
  // Not UTF-8: every legacy reading, since nothing in the bytes says which one the writer used.
  return ['gb18030', 'big5', 'windows-1252', 'utf-8'];
}

/**
 * Every plausible reading of a whole text file: one for a BOM or valid UTF-8,
 * otherwise one per plausible encoding, each decoded leniently (a byte that
 * does not fit becomes U+FFFD rather than hiding the rest).
 */
export function decodeTextAll(bytes: Uint8Array): DecodedText[] {
  const encodings = textEncodingsOf(bytes);
  const chosen: TextEncoding[] = encodings.length > 0 ? encodings : ['utf-8', 'gb18030', 'big5', 'windows-1252'];
  const readings = new Map<string, DecodedText>();
  for (const encoding of chosen) {
    // TextDecoder drops a byte-order mark of its own encoding.
    const text = new TextDecoder(encoding).decode(bytes);
    if (!readings.has(text)) readings.set(text, { encoding, text });
  }
  return [...readings.values()];
}

/**
 * Readable runs in binary data (audio and video tags, old Office files):
 * the bytes read as UTF-8 and as UTF-16 in both byte orders, split wherever
 * a character could not be text. In compressed media almost any byte pair
 * is some CJK character, so with `strictUtf16` a UTF-16 run is kept only when
 * it starts with a byte-order mark (as ID3 tags write it) or is mostly Latin:
 * otherwise the noise would bury the scan and match short names by chance.
 */
export function readableRuns(bytes: Uint8Array, strictUtf16 = false): DecodedText[] {
  const encodings: TextEncoding[] = ['utf-8', 'utf-16le', 'utf-16be'];
  // UTF-16 text may start at an odd offset: both alignments are read.
  const aligned = (encoding: TextEncoding) => (encoding === 'utf-8' ? [bytes] : [bytes, bytes.subarray(1)]);
  return encodings.map((encoding) => ({
    encoding,
    text: aligned(encoding)
      .map((part) => new TextDecoder(encoding, { ignoreBOM: true }).decode(part))
      .join('\u0000')
      .split(/[\p{Cc}\p{Cs}\p{Co}\p{Cn}\ufffd]+/u)
      // A byte-order mark starts a string: whatever came before it belongs to something else.
      .flatMap((run) => run.split(/(?=\ufeff)/))
      .filter((run) => run.trim().length >= 2 && /[\p{L}\p{N}]/u.test(run))
      .filter((run) => !strictUtf16 || encoding === 'utf-8' || run.startsWith('\ufeff') || (run.match(/[ -~]/g)?.length ?? 0) * 2 >= run.length)
      .join('\n'),
  }));
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/** &lt; &#26446; &#x674E; → the characters they stand for; unknown named entities stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export interface MarkupTexts {
  /** Text between tags, each tag a line break so words of different elements stay apart. */
  visible: string;
  /** Text with tags simply removed, as a browser runs `<b>Li</b><b>Wei</b>` together. */
  joined: string;
  /** Attribute values (titles, alt text, links). */
  attributes: string[];
  comments: string[];
}

/** What a reader of HTML, SVG or XML sees, plus what sits in attributes and comments; entities and CDATA decoded. */
export function markupTexts(markup: string): MarkupTexts {
  const comments = [...markup.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => decodeEntities(m[1]!));
  const withoutComments = markup
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, inner: string) => inner.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  const tags = withoutComments.match(/<[^>]*>/g) ?? [];
  const attributes = tags
    .flatMap((tag) => [...tag.matchAll(/\s[\w:.-]+\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)])
    .map((m) => decodeEntities(m[1] ?? m[2] ?? m[3] ?? ''))
    .filter((v) => v.trim() !== '');
  return {
    visible: decodeEntities(withoutComments.replace(/<[^>]*>/g, '\n')),
    joined: decodeEntities(withoutComments.replace(/<[^>]*>/g, '')),
    attributes,
    comments,
  };
}
