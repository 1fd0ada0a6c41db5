/**
 * Undoes the encodings people (and e-mail programs, web pages and chat
 * exports) wrap text in, before a withheld value is looked for: HTML
 * character references, percent-encoding, `\u` / `\x` escapes,
 * quoted-printable and base64 blocks. Every decoded unit remembers the span
 * of the source it came from, so a match in decoded text cuts out the right
 * part of the original.
 */

export interface Mapped {
  text: string;
  /** For each UTF-16 unit of `text`, where its source starts and ends in the original. */
  start: number[];
  end: number[];
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '',
  zwj: '',
  zwnj: '',
  lrm: '',
  rlm: '',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  middot: '·',
  ndash: '–',
  mdash: '—',
  hyphen: '-',
  period: '.',
  comma: ',',
  commat: '@',
  lpar: '(',
  rpar: ')',
  plus: '+',
  sol: '/',
  colon: ':',
  lowbar: '_',
  num: '#',
};

const ENTITY = /&(?:#(\d{1,7});?|#[xX]([0-9a-fA-F]{1,6});?|([A-Za-z]{2,8});)/y;
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/y;
const X_RUN = /(?:\\x[0-9A-Fa-f]{2})+/y;
/** Quoted-printable bytes, across soft line breaks (a character's bytes may be split by one). */
const QP_RUN = /(?:=[0-9A-F]{2}|=\r?\n)*=[0-9A-F]{2}(?:=[0-9A-F]{2}|=\r?\n)*/y;
const QP_SOFT_BREAK = /=\r?\n/y;
const U_ESCAPE = /\\u(?:([0-9A-Fa-f]{4})|\{([0-9A-Fa-f]{1,6})\})/y;
/** "\n" written out in JSON or a program's output: a line break, not the letter n. */
const CONTROL_ESCAPE = /\\[ntr]/y;
/** Markup inside text ("Zh<b>ang</b>"): tags are not letters of a name. */
const TAG = /<\/?[A-Za-z][A-Za-z0-9:-]{0,20}(?:\s[^<>]{0,300})?\/?>/y;
const BASE64_CHAR = /[A-Za-z0-9+/_-]/;
/** Eight base64 characters hold six bytes: two Chinese characters, or a short number. */
const MIN_BASE64 = 8;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function bytesOf(run: string, step: number, offset: number): Uint8Array {
  const bytes = new Uint8Array(run.length / step);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Number.parseInt(run.slice(i * step + offset, i * step + offset + 2), 16);
  return bytes;
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function codePointText(codePoint: number): string | null {
  if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > 0x10ffff) return null;
  return String.fromCodePoint(codePoint);
}

/** Text that looks like words rather than binary: most characters printable. */
function looksLikeText(text: string): boolean {
  const chars = [...text];
  if (chars.length < 2) return false;
  let printable = 0;
  for (const c of chars) if (/[\p{L}\p{N}\p{P}\p{S}\p{Zs}\s]/u.test(c)) printable += 1;
  return printable === chars.length || (printable / chars.length >= 0.9 && chars.length >= 8);
}

function decodeBase64(token: string): string | null {
  const body = token.replace(/=+$/, '');
  if (body.length < MIN_BASE64 || body.length % 4 === 1 || (body.length < 16 && token.length % 4 !== 0)) return null;
  const standard = body.replace(/-/g, '+').replace(/_/g, '/');
  const decoded = decodeUtf8(Buffer.from(standard, 'base64'));
  return decoded !== null && looksLikeText(decoded) ? decoded : null;
}

/** One decoding pass. Returns the input unchanged (same object) when there was nothing to decode. */
export function decodeOnce(text: string): Mapped | null {
  if (!/[&%\\=A-Za-z0-9]/.test(text)) return null;
  const out: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let changed = false;
  const emit = (s: string, from: number, to: number) => {
    for (let k = 0; k < s.length; k += 1) {
      start.push(from);
      end.push(to);
    }
    out.push(s);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    let decoded: string | null = null;
    let length = 0;
    const at = (re: RegExp): RegExpExecArray | null => {
      re.lastIndex = i;
      return re.exec(text);
    };
    if (c === '<') {
      const m = at(TAG);
      if (m) {
        decoded = '';
        length = m[0].length;
      }
    } else if (c === '&') {
      const m = at(ENTITY);
      if (m) {
        decoded = m[1] ? codePointText(Number(m[1])) : m[2] ? codePointText(Number.parseInt(m[2], 16)) : (NAMED_ENTITIES[m[3]!.toLowerCase()] ?? null);
        length = m[0].length;
      }
    } else if (c === '%') {
      const m = at(PERCENT_RUN);
      if (m) {
        decoded = decodeUtf8(bytesOf(m[0], 3, 1));
        length = m[0].length;
      }
    } else if (c === '\\') {
      const x = at(X_RUN);
      if (x) {
        decoded = decodeUtf8(bytesOf(x[0], 4, 2));
        length = x[0].length;
      } else {
        const u = at(U_ESCAPE);
        const control = u ? null : at(CONTROL_ESCAPE);
        if (u) {
          decoded = u[1] ? String.fromCharCode(Number.parseInt(u[1], 16)) : codePointText(Number.parseInt(u[2]!, 16));
          length = u[0].length;
        } else if (control) {
          decoded = ' ';
          length = control[0].length;
        }
      }
    } else if (c === '=') {
      const m = at(QP_RUN);
      const soft = m ? null : at(QP_SOFT_BREAK);
      if (m) {
        const hex = m[0].replace(/=\r?\n/g, '');
        decoded = decodeUtf8(bytesOf(hex, 3, 1));
        length = m[0].length;
      } else if (soft) {
        decoded = '';
        length = soft[0].length;
      }
    } else if (BASE64_CHAR.test(c) && (i === 0 || !BASE64_CHAR.test(text[i - 1]!))) {
      let j = i;
      for (;;) {
        while (j < text.length && BASE64_CHAR.test(text[j]!)) j += 1;
        // An e-mail body wraps base64 every 76 characters: the lines are one block.
        const wrap = /^\r?\n[ \t]?/.exec(text.slice(j, j + 3));
        if (wrap && j - i >= MIN_BASE64 && BASE64_CHAR.test(text[j + wrap[0].length] ?? '')) j += wrap[0].length;
        else break;
      }
      while (j < text.length && text[j] === '=' && j - i < 1e6) j += 1;
      if (j - i >= MIN_BASE64) {
        const inner = decodeBase64(text.slice(i, j).replace(/\s+/g, ''));
        if (inner !== null) {
          // The decoded text is added beside the block; the block itself is still read as written.
          emit(inner, i, j);
          emit('\u0001', i, j);
          changed = true;
        }
      }
    }
    if (decoded !== null && length > 0) {
      emit(decoded, i, i + length);
      changed = true;
      i += length;
      continue;
    }
    emit(c, i, i + 1);
    i += 1;
  }
  return changed ? { text: out.join(''), start, end } : null;
}

/** Decodes repeatedly (double-encoded text is common in exports), up to three layers deep. */
/** Decoded text; `start`/`end` are null when nothing was decoded (most texts), so no maps are built. */
export type Decoded = Mapped | { text: string; start: null; end: null };

export function decodeText(text: string): Decoded {
  let current: Mapped = { text, start: [], end: [] };
  let identity = true;
  for (let layer = 0; layer < 3; layer += 1) {
    const next = decodeOnce(current.text);
    if (!next) break;
    if (identity) {
      current = next;
      identity = false;
    } else {
      current = {
        text: next.text,
        start: next.start.map((s) => current.start[s] ?? text.length),
        end: next.end.map((e) => current.end[e - 1] ?? text.length),
      };
    }
  }
  return identity ? { text, start: null, end: null } : current;
}

/** Where unit `i` of decoded text starts in the original (itself when nothing was decoded). */
export function sourceStart(mapped: Decoded, i: number, fallback: number): number {
  return mapped.start === null ? i : (mapped.start[i] ?? fallback);
}

/** Where unit `i` of decoded text ends in the original. */
export function sourceEnd(mapped: Decoded, i: number, fallback: number): number {
  return mapped.end === null ? i + 1 : (mapped.end[i] ?? fallback);
}
