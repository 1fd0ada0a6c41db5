import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { resolvePackageFile } from './package-files';

/**
 * The fonts embedded in referral.pdf. Noto Sans SC carries Latin, Cyrillic,
 * Greek, kana and Chinese; Noto Sans Arabic carries Arabic script (and the
 * Latin letters SC lacks, such as Turkish ş, ğ, İ). Both are SIL OFL.
 *
 * They come from the @expo-google-fonts packages. In development, the CLI and
 * tests they are resolved from node_modules; a packaged app gets them as
 * plain files under `<resources>/fonts/<package>/…` (electron-builder.yml,
 * extraResources), the same relative path, so one table serves both.
 */

export const PACKET_FONT_ROLES = ['sans', 'sansBold', 'arabic', 'arabicBold'] as const;
export type PacketFontRole = (typeof PACKET_FONT_ROLES)[number];
export type PacketFontPaths = Record<PacketFontRole, string>;

const FONT_FILES: Record<PacketFontRole, { pkg: string; file: string }> = {
  sans: { pkg: 'noto-sans-sc', file: '400Regular/NotoSansSC_400Regular.ttf' },
  sansBold: { pkg: 'noto-sans-sc', file: '700Bold/NotoSansSC_700Bold.ttf' },
  arabic: { pkg: 'noto-sans-arabic', file: '400Regular/NotoSansArabic_400Regular.ttf' },
  arabicBold: { pkg: 'noto-sans-arabic', file: '700Bold/NotoSansArabic_700Bold.ttf' },
};

const SCOPE = '@expo-google-fonts';

function missingFont(role: PacketFontRole, where: string, cause?: unknown): AppError {
  const { pkg, file } = FONT_FILES[role];
  return new AppError(
    'INTERNAL',
    `The PDF font ${file.split('/').pop()} is missing (looked in ${where}), so the referral PDF cannot be made. ` +
      `Reinstall Casekeeper; when running from source, run npm install so that ${SCOPE}/${pkg} is present.`,
    cause === undefined ? undefined : { cause },
  );
}

function fromResources(resourcesDir: string): PacketFontPaths {
  const out = {} as PacketFontPaths;
  for (const role of PACKET_FONT_ROLES) {
    const { pkg, file } = FONT_FILES[role];
    const path = join(resourcesDir, 'fonts', pkg, ...file.split('/'));
    if (!existsSync(path)) throw missingFont(role, join(resourcesDir, 'fonts'));
    out[role] = path;
  }
  return out;
}

function fromNodeModules(): PacketFontPaths {
  const out = {} as PacketFontPaths;
  for (const role of PACKET_FONT_ROLES) {
    const { pkg, file } = FONT_FILES[role];
    try {
      out[role] = resolvePackageFile(`${SCOPE}/${pkg}/${file}`);
    } catch (error) {
      throw missingFont(role, 'node_modules', error);
    }
  }
  return out;
}

/**
 * Absolute paths of the four font files. With `resourcesDir`, only the
 * copies under `<resourcesDir>/fonts` are used. Without it, a packaged app's
 * copies (process.resourcesPath, which Electron sets) are preferred, then
 * node_modules: what the CLI, the tests and `electron-vite dev` have.
 */
export function fontPaths(resourcesDir?: string): PacketFontPaths {
  if (resourcesDir !== undefined) return fromResources(resourcesDir);
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'fonts'))) return fromResources(packaged);
  return fromNodeModules();
}

/*
 * Setting text in those fonts. pdfkit embeds and subsets them; what it does
 * not do is choose a font per character or lay out right-to-left text:
 *
 * - Each character goes to the first font that has a glyph for it (SC, then
 *   the Arabic font's Latin). A character no embedded font covers (Hangul,
 *   Georgian, Tibetan, accented Greek…) prints as □ and `substituted` is
 *   set, so the PDF can say referral.json holds the full text.
 * - Arabic script is shaped by fontkit over the whole run (pdfkit's own
 *   layout goes word by word, which puts multi-word names in the wrong
 *   order) and drawn as glyph outlines. Noto Sans Arabic draws dots as marks
 *   on shared dotless letters, so the shaped glyphs cannot map back to the
 *   right characters: a text extractor would read wrong letters, and the leak
 *   scan would miss names. Each Arabic run is therefore also written as
 *   invisible, unshaped text (one glyph per character, stretched to the same
 *   width), which is what extraction, search and copy see.
 * - Limitation: there is no bidi reordering between runs. A line is set left
 *   to right; an Arabic run inside it reads correctly (names, phrases), but a
 *   paragraph that is mostly Arabic keeps its runs (Arabic words, numbers,
 *   Latin words) in left-to-right order. Uyghur letters take their generic
 *   Arabic forms (no language-specific shaping).
 */

/** The small part of fontkit (pdfkit's font engine) used here. */
interface FontkitPath {
  transform(a: number, b: number, c: number, d: number, e: number, f: number): FontkitPath;
  toSVG(): string;
}
interface FontkitRun {
  glyphs: Array<{ path: FontkitPath }>;
  positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }>;
  advanceWidth: number;
}
interface FontkitFont {
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string, features?: unknown): FontkitRun;
}

export type Weight = 'regular' | 'bold';
/** base: Noto Sans SC; fallback: Latin letters only the Arabic font has; arabic: shaped Arabic; digits: Arabic-Indic digits; mono: Courier (hashes). */
export type RunKind = 'base' | 'fallback' | 'arabic' | 'digits' | 'mono';
export interface TextRun {
  text: string;
  kind: RunKind;
  weight: Weight;
}

/** Printed instead of a character that no embedded font can show. */
export const MISSING_GLYPH = '\u25a1';

const PDF_FONT: Record<RunKind, Record<Weight, string>> = {
  base: { regular: 'sans', bold: 'sansBold' },
  fallback: { regular: 'fallback', bold: 'fallbackBold' },
  digits: { regular: 'fallback', bold: 'fallbackBold' },
  // The invisible layer under shaped Arabic; a font instance of its own so its ToUnicode map stays one glyph, one letter.
  arabic: { regular: 'arabicText', bold: 'arabicTextBold' },
  // A standard PDF font: hashes are plain ASCII and every viewer has Courier.
  mono: { regular: 'Courier', bold: 'Courier-Bold' },
};

/** Every substitution and joining feature off: each character keeps its own glyph. */
const UNSHAPED = Object.fromEntries(
  ['ccmp', 'locl', 'isol', 'fina', 'fin2', 'fin3', 'medi', 'med2', 'init', 'rlig', 'calt', 'liga', 'clig', 'rclt', 'mset', 'mark', 'mkmk', 'curs', 'kern'].map((tag) => [tag, false]),
);

const ARABIC_SCRIPT = /[\p{Script=Arabic}\u200c\u200d]/u;
/** Arabic-Indic digits read left to right: they are set as a run of their own, not reversed with the letters. */
const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/u;
/** Noto Sans SC sets these full-width, as Chinese text wants; in Latin text they leave gaps, so they come from the Arabic font's Latin. */
const PROPORTIONAL_PUNCTUATION = /[\u2018\u2019\u201c\u201d\u2026\u00b7\u2022\u00d7]/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]$/;
/** Control and invisible format characters (bidi marks, zero-width space, BOM): nothing to draw. The joiners stay for Arabic shaping. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
const JOINERS = /[\u200c\u200d]/u;

/** CJK ideographs, kana, Hangul and full-width forms: a line may break between any two. */
const CJK_BREAKABLE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

export function isCjkBreakable(char: string): boolean {
  return CJK_BREAKABLE.test(char);
}

export class PacketFonts {
  /** Set once any character had to be printed as MISSING_GLYPH. */
  substituted = false;
  private readonly widths = new Map<string, number>();

  private constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly base: FontkitFont,
    private readonly arabic: Record<Weight, FontkitFont>,
  ) {}

  /** Registers the embedded fonts with a pdfkit document. */
  static register(pdf: PDFKit.PDFDocument, paths: PacketFontPaths): PacketFonts {
    const files: Record<string, string> = {
      sans: paths.sans,
      sansBold: paths.sansBold,
      fallback: paths.arabic,
      fallbackBold: paths.arabicBold,
      arabicText: paths.arabic,
      arabicTextBold: paths.arabicBold,
    };
    for (const [name, file] of Object.entries(files)) pdf.registerFont(name, file);
    const fontkitOf = (name: string): FontkitFont => {
      pdf.font(name);
      // pdfkit keeps the fontkit font it embeds on the current font object; shaping and coverage need it.
      const font = (pdf as unknown as { _font?: { font?: Partial<FontkitFont> } })._font?.font;
      if (typeof font?.layout !== 'function' || typeof font.hasGlyphForCodePoint !== 'function') {
        throw new AppError('INTERNAL', 'This build of Casekeeper has a PDF library it cannot set text with, so the referral PDF cannot be made. Reinstall Casekeeper.');
      }
      return font as FontkitFont;
    };
    const fonts = new PacketFonts(pdf, fontkitOf('sans'), { regular: fontkitOf('fallback'), bold: fontkitOf('fallbackBold') });
    pdf.font('sans');
    return fonts;
  }

  /** Splits one line of text (no newlines) into runs, each set in one font. */
  runs(text: string, weight: Weight, mono = false): TextRun[] {
    const chars: Array<{ char: string; kind: RunKind | 'space' }> = [];
    // Composed form: a base letter and a separate accent become the one glyph the fonts have.
    for (const raw of text.normalize('NFC')) {
      const char = raw === '\t' ? ' ' : raw;
      if (INVISIBLE.test(char) && !JOINERS.test(char)) continue;
      const codePoint = char.codePointAt(0)!;
      if (mono && PRINTABLE_ASCII.test(char)) chars.push({ char, kind: 'mono' });
      else if (/\s/u.test(char)) chars.push({ char: ' ', kind: 'space' });
      else if (ARABIC_DIGITS.test(char)) chars.push({ char, kind: 'digits' });
      else if (ARABIC_SCRIPT.test(char)) chars.push({ char, kind: 'arabic' });
      else if (PROPORTIONAL_PUNCTUATION.test(char) && this.arabic[weight].hasGlyphForCodePoint(codePoint)) chars.push({ char, kind: 'fallback' });
      else if (this.base.hasGlyphForCodePoint(codePoint)) chars.push({ char, kind: 'base' });
      else if (this.arabic[weight].hasGlyphForCodePoint(codePoint)) chars.push({ char, kind: 'fallback' });
      else {
        this.substituted = true;
        chars.push({ char: MISSING_GLYPH, kind: 'base' });
      }
    }
    // A space between two Arabic words belongs to the Arabic run, so the run is shaped (and ordered) as a whole.
    const nextKind: Array<RunKind | undefined> = [];
    for (let i = chars.length - 1, next: RunKind | undefined; i >= 0; i -= 1) {
      nextKind[i] = next;
      const kind = chars[i]!.kind;
      if (kind !== 'space') next = kind;
    }
    const runs: TextRun[] = [];
    let previous: RunKind | undefined;
    chars.forEach(({ char, kind }, index) => {
      let resolved: RunKind;
      if (kind === 'space') resolved = previous === 'arabic' && nextKind[index] === 'arabic' ? 'arabic' : mono ? 'mono' : 'base';
      else resolved = previous = kind;
      const last = runs[runs.length - 1];
      if (last?.kind === resolved) last.text += char;
      else runs.push({ text: char, kind: resolved, weight });
    });
    return runs;
  }

  width(run: TextRun, size: number): number {
    const key = `${run.kind}\u0000${run.weight}\u0000${size}\u0000${run.text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      if (run.kind === 'arabic') {
        const font = this.arabic[run.weight];
        width = (font.layout(run.text).advanceWidth * size) / font.unitsPerEm;
      } else {
        width = this.pdf.font(PDF_FONT[run.kind][run.weight]).fontSize(size).widthOfString(run.text);
      }
      this.widths.set(key, width);
    }
    return width;
  }

  /** Draws a run with its baseline at `baseline`. */
  draw(run: TextRun, x: number, baseline: number, size: number, color: string): void {
    const pdf = this.pdf;
    const name = PDF_FONT[run.kind][run.weight];
    if (run.kind !== 'arabic') {
      // fontkit lays out Arabic-script digits right to left; handed over reversed, they come out in reading order.
      const text = run.kind === 'digits' ? [...run.text].reverse().join('') : run.text;
      pdf.font(name).fontSize(size).fillColor(color).text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
      return;
    }
    const font = this.arabic[run.weight];
    const shaped = font.layout(run.text);
    const scale = size / font.unitsPerEm;
    let pen = x;
    let outline = '';
    shaped.glyphs.forEach((glyph, i) => {
      const position = shaped.positions[i]!;
      outline += glyph.path.transform(scale, 0, 0, -scale, pen + position.xOffset * scale, baseline - position.yOffset * scale).toSVG();
      pen += position.xAdvance * scale;
    });
    if (outline) {
      pdf.save();
      pdf.path(outline).fill(color);
      pdf.restore();
    }
    pdf.font(name).fontSize(size);
    const features = UNSHAPED as unknown as PDFKit.Mixins.TextOptions['features'];
    const plainWidth = pdf.widthOfString(run.text, { features });
    const shapedWidth = pen - x;
    pdf.save();
    pdf.fillOpacity(0);
    pdf.text(run.text, x, baseline, {
      lineBreak: false,
      baseline: 'alphabetic',
      features,
      // Not in @types/pdfkit; pdfkit writes it as Tz so the invisible text spans the visible word.
      ...({ horizontalScaling: plainWidth > 0 ? (shapedWidth / plainWidth) * 100 : 100 } as object),
    });
    pdf.restore();
  }
}
