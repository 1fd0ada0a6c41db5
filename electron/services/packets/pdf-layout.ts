import { isCjkBreakable, type PacketFonts, type TextRun, type Weight } from './fonts';

/**
 * The layout engine behind referral.pdf: page geometry, styles, line
 * wrapping, paragraphs, headings kept with what follows them, and
 * label/value rows. It knows nothing about packets.
 *
 * pdfkit's own text flow cannot mix fonts per character or keep table rows
 * together, so this small layout engine measures every line first and
 * then draws it at an exact position.
 */

// A4 in points.
export const PAGE = { width: 595.28, height: 841.89, top: 56, bottom: 62, left: 56, right: 56 };
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const PAGE_BOTTOM = PAGE.height - PAGE.bottom;
export const USABLE_HEIGHT = PAGE_BOTTOM - PAGE.top;
export const COLOR = { text: '#1b1f24', muted: '#59626e', rule: '#c9cfd6', faint: '#eef1f4', warn: '#a61b12', warnBg: '#fdecea' };

export interface Style {
  size: number;
  weight?: Weight;
  color?: string;
  mono?: boolean;
}
export interface Line {
  runs: TextRun[];
  width: number;
}
interface Unit extends Line {
  space: boolean;
}
export interface Row {
  label: string;
  value: string;
  mono?: boolean;
}

export const BODY: Style = { size: 9.5 };
const LABEL: Style = { size: 8.5, weight: 'bold', color: COLOR.muted };
export const lineHeight = (style: Style): number => style.size * 1.42;
/** How far down to start smaller text so its first baseline meets the larger text's (see drawLine). */
const baselineShift = (small: Style, large: Style): number => (large.size - small.size) * 1.146;

/** Measures and draws text; owns the cursor and page breaks. */
export class Layout {
  y = PAGE.top;
  /** Runs after every page break: a table uses it to repeat its header. */
  onNewPage: (() => void) | null = null;

  constructor(
    readonly pdf: PDFKit.PDFDocument,
    readonly fonts: PacketFonts,
  ) {}

  newPage(): void {
    this.pdf.addPage();
    this.y = PAGE.top;
    this.onNewPage?.();
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y + height > PAGE_BOTTOM && this.y > PAGE.top) this.newPage();
  }

  private units(text: string, style: Style): Unit[] {
    const units: Unit[] = [];
    let word: TextRun[] = [];
    const measure = (runs: TextRun[]) => runs.reduce((sum, run) => sum + this.fonts.width(run, style.size), 0);
    const endWord = () => {
      if (word.length) units.push({ runs: word, width: measure(word), space: false });
      word = [];
    };
    for (const run of this.fonts.runs(text, style.weight ?? 'regular', style.mono)) {
      let pending = '';
      const keep = () => {
        if (pending) word.push({ ...run, text: pending });
        pending = '';
      };
      for (const char of run.text) {
        if (char === ' ' || isCjkBreakable(char)) {
          keep();
          endWord();
          const piece = [{ ...run, text: char }];
          units.push({ runs: piece, width: measure(piece), space: char === ' ' });
        } else pending += char;
      }
      keep();
    }
    endWord();
    return units;
  }

  /** Splits a unit wider than a line into pieces that fit, character by character. */
  private split(unit: Unit, width: number, style: Style): Unit[] {
    const pieces: Unit[] = [];
    let current: TextRun[] = [];
    let used = 0;
    for (const run of unit.runs) {
      for (const char of run.text) {
        const piece = { ...run, text: char };
        const w = this.fonts.width(piece, style.size);
        if (used + w > width && current.length) {
          pieces.push({ runs: current, width: used, space: false });
          current = [];
          used = 0;
        }
        const last = current[current.length - 1];
        if (last && last.kind === run.kind) last.text += char;
        else current.push(piece);
        used += w;
      }
    }
    if (current.length) pieces.push({ runs: current, width: used, space: false });
    return pieces;
  }

  /** Wraps text to `width`; each "\n" starts a new line. */
  lines(text: string, style: Style, width: number): Line[] {
    const out: Line[] = [];
    for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
      let line: Unit[] = [];
      let used = 0;
      const close = () => {
        while (line.length && line[line.length - 1]!.space) used -= line.pop()!.width;
        out.push({ runs: line.flatMap((u) => u.runs), width: used });
        line = [];
        used = 0;
      };
      for (const unit of this.units(paragraph, style)) {
        if (unit.space) {
          if (line.length) {
            line.push(unit);
            used += unit.width;
          }
          continue;
        }
        if (used + unit.width > width && line.length) close();
        const pieces = unit.width > width ? this.split(unit, width, style) : [unit];
        pieces.forEach((piece, i) => {
          if (i > 0) close();
          line.push(piece);
          used += piece.width;
        });
      }
      close();
    }
    return out;
  }

  height(lines: Line[], style: Style): number {
    return lines.length * lineHeight(style);
  }

  /** Draws one line with its top at `top`. */
  drawLine(line: Line, x: number, top: number, style: Style, align: 'left' | 'center' | 'right' = 'left', width = 0): void {
    const lh = lineHeight(style);
    // Centre the font's ascent and descent (Noto Sans SC: 1.16 and 0.288 em) in the line box.
    const baseline = top + (lh - style.size * 1.448) / 2 + style.size * 1.16;
    let pen = align === 'left' ? x : align === 'center' ? x + (width - line.width) / 2 : x + width - line.width;
    const merged: TextRun[] = [];
    for (const run of line.runs) {
      const last = merged[merged.length - 1];
      if (last && last.kind === run.kind && last.weight === run.weight) last.text += run.text;
      else merged.push({ ...run });
    }
    for (const run of merged) {
      this.fonts.draw(run, pen, baseline, style.size, style.color ?? COLOR.text);
      pen += this.fonts.width(run, style.size);
    }
  }

  /** Draws lines at a fixed position (no page breaks); returns their height. */
  drawBlock(lines: Line[], x: number, top: number, style: Style): number {
    lines.forEach((line, i) => this.drawLine(line, x, top + i * lineHeight(style), style));
    return this.height(lines, style);
  }

  /** Text at the cursor that flows onto new pages; never leaves a single line behind. */
  paragraph(text: string, style: Style = BODY, options: { indent?: number; gapAfter?: number } = {}): void {
    const indent = options.indent ?? 0;
    const lines = this.lines(text, style, CONTENT_WIDTH - indent);
    const lh = lineHeight(style);
    this.ensure(Math.min(lines.length, 2) * lh);
    for (const line of lines) {
      this.ensure(lh);
      this.drawLine(line, PAGE.left + indent, this.y, style);
      this.y += lh;
    }
    this.y += options.gapAfter ?? 6;
  }

  /** `keepWith`: the height of what must follow on the same page (by default a few lines). */
  heading(text: string, level: 1 | 2 = 1, keepWith?: number): void {
    const style: Style = level === 1 ? { size: 14, weight: 'bold' } : { size: 10.5, weight: 'bold' };
    const lines = this.lines(text, style, CONTENT_WIDTH);
    const height = this.height(lines, style);
    const follow = Math.min(keepWith ?? (level === 1 ? 72 : 48), USABLE_HEIGHT / 2);
    this.ensure(height + (level === 1 ? 18 : 3) + follow);
    if (level === 1 && this.y > PAGE.top) this.y += 8;
    this.y += this.drawBlock(lines, PAGE.left, this.y, style);
    if (level === 1) {
      this.pdf.moveTo(PAGE.left, this.y + 2).lineTo(PAGE.left + CONTENT_WIDTH, this.y + 2).lineWidth(0.6).strokeColor(COLOR.rule).stroke();
      this.y += 10;
    } else this.y += 3;
  }

  private rowLines(row: Row, labelWidth: number, width: number, size: number) {
    const label: Style = { ...LABEL, size: size - 1 };
    const value: Style = row.mono ? { size: size - 0.5, mono: true } : { size };
    const labelLines = this.lines(row.label, label, labelWidth - 10);
    const valueLines = this.lines(row.value.trim() === '' ? '—' : row.value, value, width - labelWidth);
    const labelHeight = this.height(labelLines, label) + baselineShift(label, value);
    return { label, value, labelLines, valueLines, height: Math.max(labelHeight, this.height(valueLines, value)) + 3 };
  }

  /** The height rows() will take, to keep a small card on one page. */
  rowsHeight(rows: Row[], options: { labelWidth?: number; size?: number } = {}): number {
    return rows.reduce((sum, row) => sum + this.rowLines(row, options.labelWidth ?? 132, CONTENT_WIDTH, options.size ?? BODY.size).height, 0);
  }

  /** Label/value pairs in two columns. A row moves to the next page whole unless it is very long. */
  rows(rows: Row[], options: { labelWidth?: number; size?: number } = {}): void {
    const labelWidth = options.labelWidth ?? 132;
    for (const row of rows) {
      const r = this.rowLines(row, labelWidth, CONTENT_WIDTH, options.size ?? BODY.size);
      const valueX = PAGE.left + labelWidth;
      const offset = baselineShift(r.label, r.value);
      if (r.height <= USABLE_HEIGHT / 3) {
        this.ensure(r.height);
        this.drawBlock(r.labelLines, PAGE.left, this.y + offset, r.label);
        this.drawBlock(r.valueLines, valueX, this.y, r.value);
        this.y += r.height;
        continue;
      }
      const lh = lineHeight(r.value);
      this.ensure(lh * 3);
      this.drawBlock(r.labelLines, PAGE.left, this.y + offset, r.label);
      for (const line of r.valueLines) {
        this.ensure(lh);
        this.drawLine(line, valueX, this.y, r.value);
        this.y += lh;
      }
      this.y += 3;
    }
  }

  rule(color = COLOR.rule, width = 0.5): void {
    this.pdf.moveTo(PAGE.left, this.y).lineTo(PAGE.left + CONTENT_WIDTH, this.y).lineWidth(width).strokeColor(color).stroke();
  }
}

/** A bulleted paragraph that flows onto new pages like paragraph(). */
export function bullet(layout: Layout, text: string): void {
  const lines = layout.lines(text, BODY, CONTENT_WIDTH - 14);
  const lh = lineHeight(BODY);
  layout.ensure(Math.min(lines.length, 2) * lh);
  lines.forEach((line, i) => {
    layout.ensure(lh);
    if (i === 0) layout.drawLine(layout.lines('•', BODY, 14)[0]!, PAGE.left + 2, layout.y, BODY);
    layout.drawLine(line, PAGE.left + 14, layout.y, BODY);
    layout.y += lh;
  });
  layout.y += 2;
}
