import PDFDocument from 'pdfkit';
import type { PacketDocument, PacketEvidence, PacketPerson, PacketTemplate, PacketThreat } from '../../../shared/domain/packet';
import { ROLE_LABELS } from '../../../shared/domain/packet-labels';
import { fontPaths, isCjkBreakable, PacketFonts, type PacketFontPaths, type TextRun, type Weight } from './fonts';

/**
 * referral.pdf: the human-readable face of a packet. It prints the
 * document it is given and nothing else, so whatever the disclosure profile
 * and the scrubber kept out of the document stays out of the PDF. The only
 * metadata is a title naming the packet id, "Casekeeper" as producer and the
 * document's own generation time, so the same document gives the same bytes.
 *
 * pdfkit's own text flow cannot mix fonts per character or keep table rows
 * together, so the small layout engine below measures every line first and
 * then draws it at an exact position.
 */

export interface RenderPacketPdfOptions {
  /** The font files; by default found with fontPaths(resourcesDir). */
  fonts?: PacketFontPaths;
  /** Where a packaged app keeps its resources (process.resourcesPath). */
  resourcesDir?: string;
}

// A4 in points.
const PAGE = { width: 595.28, height: 841.89, top: 56, bottom: 62, left: 56, right: 56 };
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const PAGE_BOTTOM = PAGE.height - PAGE.bottom;
const USABLE_HEIGHT = PAGE_BOTTOM - PAGE.top;
const COLOR = { text: '#1b1f24', muted: '#59626e', rule: '#c9cfd6', faint: '#eef1f4', warn: '#a61b12', warnBg: '#fdecea' };

interface Style {
  size: number;
  weight?: Weight;
  color?: string;
  mono?: boolean;
}
interface Line {
  runs: TextRun[];
  width: number;
}
interface Unit extends Line {
  space: boolean;
}
interface Row {
  label: string;
  value: string;
  mono?: boolean;
}

const BODY: Style = { size: 9.5 };
const LABEL: Style = { size: 8.5, weight: 'bold', color: COLOR.muted };
const lineHeight = (style: Style): number => style.size * 1.42;
/** How far down to start smaller text so its first baseline meets the larger text's (see drawLine). */
const baselineShift = (small: Style, large: Style): number => (large.size - small.size) * 1.146;

/** Measures and draws text; owns the cursor and page breaks. */
class Layout {
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

// ---------------------------------------------------------------------------
// The document

function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

function formatBytes(bytes: number): string {
  const exact = `${String(bytes).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} bytes`;
  if (bytes < 1024) return exact;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]} (${exact})`;
}

/** What each recipient template says on its cover, and what its own sections are called. */
function templateText(template: PacketTemplate): { kicker: string; intro: string; sections: string } {
  switch (template) {
    case 'police_report':
      return {
        kicker: 'Police report',
        intro: 'A report of transnational repression against the person described in this packet: a dated list of incidents, the people involved and the evidence supporting them.',
        sections: 'The report',
      };
    case 'interpol_ccf':
      return {
        kicker: 'INTERPOL CCF request',
        intro: 'Submitted for the person concerned. The request, the arguments raised and the items the Commission is asked to keep confidential come first; the incidents and evidence supporting them follow.',
        sections: 'The request',
      };
    case 'un_communication':
      return {
        kicker: 'UN special procedures communication',
        intro: 'Information submitted for consideration under the communications procedure, with the consent recorded below, a dated account of the incidents and the evidence supporting them.',
        sections: 'The communication',
      };
    case 'general':
      return { kicker: 'Referral', intro: 'Information shared with the recipient named below for the purpose stated in this packet.', sections: 'Referral details' };
    default: {
      const unknown: never = template;
      throw new Error(`Unknown packet template ${String(unknown)}`);
    }
  }
}

function drawCover(layout: Layout, doc: PacketDocument): void {
  const { pdf } = layout;
  const cover = templateText(doc.template);
  pdf.rect(0, 0, PAGE.width, 8).fill(COLOR.text);
  layout.y = PAGE.top + 8;
  layout.paragraph('CONFIDENTIAL · FOR THE NAMED RECIPIENT ONLY', { size: 8, weight: 'bold', color: COLOR.muted }, { gapAfter: 14 });
  layout.paragraph(cover.kicker, { size: 11, weight: 'bold', color: COLOR.muted }, { gapAfter: 4 });
  layout.paragraph(doc.title, { size: 22, weight: 'bold' }, { gapAfter: 8 });
  layout.paragraph(cover.intro, { size: 10, color: COLOR.muted }, { gapAfter: 18 });

  const consent = doc.consent;
  let consentRow: Row | null = null;
  switch (consent.kind) {
    case 'consent': {
      const scope = consent.scopeIdentity === 'named' ? 'the client may be named' : 'the client is identified only by the case code';
      const lines = [
        `Consent given on ${consent.givenOn} (${consent.obtainedHow}); ${scope}; evidence ${consent.scopeEvidence ? 'may' : 'may not'} be shared; ${consent.expiresOn ? `valid until ${consent.expiresOn}` : 'no expiry date'}.`,
      ];
      if (consent.purpose.text.trim()) lines.push(`Purpose consented to: ${consent.purpose.text}`);
      consentRow = { label: 'Consent', value: lines.join('\n') };
      break;
    }
    case 'override':
      // No consent: right under the title, so it is the first thing a recipient reads.
      drawOverride(layout, consent.reason.text);
      break;
    default: {
      const unknown: never = consent;
      throw new Error(`Unknown consent kind ${String(unknown)}`);
    }
  }

  const recipient = [`${doc.recipient.typeLabel}${doc.recipient.organisation ? ` — ${doc.recipient.organisation}` : ''}`];
  if (doc.recipient.referenceNumber) recipient.push(`Reference: ${doc.recipient.referenceNumber}`);
  const from = [doc.referringOrganisation.name, doc.referringOrganisation.contact].filter((s) => s.trim() !== '');
  const rows: Row[] = [
    { label: 'To', value: recipient.join('\n') },
    { label: 'From', value: from.join('\n') },
    { label: 'Case', value: doc.caseCode },
    { label: 'Packet', value: doc.packetId },
    { label: 'Generated', value: formatTimestamp(doc.generatedAt) },
    { label: 'Disclosure profile', value: doc.profile.label },
  ];
  if (consentRow) rows.push(consentRow);
  layout.rows(rows, { labelWidth: 120, size: 10 });
  layout.y += 14;

  if (doc.disclosureNotes.length > 0) {
    layout.heading('What this packet leaves out', 2);
    for (const note of doc.disclosureNotes) bullet(layout, note);
    layout.y += 8;
  }
  const counts = [
    `${doc.timeline.length} incident${doc.timeline.length === 1 ? '' : 's'}`,
    `${doc.evidence.length} evidence file${doc.evidence.length === 1 ? '' : 's'}`,
    `${doc.people.length} other ${doc.people.length === 1 ? 'person' : 'people'}`,
  ];
  layout.paragraph(`This packet contains ${counts.join(', ')}.`, { size: 9.5, color: COLOR.muted });
}

function drawOverride(layout: Layout, reason: string): void {
  const { pdf } = layout;
  const title: Style = { size: 11, weight: 'bold', color: COLOR.warn };
  const note: Style = { size: 9, color: COLOR.warn };
  const inner = CONTENT_WIDTH - 24;
  const titleLines = layout.lines(`Shared WITHOUT consent — override: ${reason}`, title, inner);
  const noteLines = layout.lines('The referring organisation had no valid consent from the client for this recipient and purpose, and recorded the reason above when exporting.', note, inner);
  const height = layout.height(titleLines, title) + layout.height(noteLines, note) + 24;
  layout.ensure(height);
  pdf.rect(PAGE.left, layout.y, CONTENT_WIDTH, height).fill(COLOR.warnBg);
  pdf.rect(PAGE.left, layout.y, 4, height).fill(COLOR.warn);
  const top = layout.y + 10;
  const after = top + layout.drawBlock(titleLines, PAGE.left + 14, top, title) + 4;
  layout.drawBlock(noteLines, PAGE.left + 14, after, note);
  layout.y += height + 14;
}

function bullet(layout: Layout, text: string): void {
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

function personRows(person: PacketPerson): Row[] {
  return person.fields.map((field) => ({ label: field.label, value: field.value.text }));
}

function roleLabel(role: string): string {
  if (role === 'client') return 'The client';
  return (ROLE_LABELS as Readonly<Record<string, string>>)[role] ?? role;
}

const PERSON_HEAD: Style = { size: 10.5, weight: 'bold' };
const PERSON_ROLE: Style = { size: 9, color: COLOR.muted };

/** A person's card: heading, role unless a field already says it, fields. */
function personCard(layout: Layout, person: PacketPerson) {
  const rows = personRows(person);
  // Contacts carry their role as a field already; say it once.
  const roleText = roleLabel(person.role);
  const showRole = !rows.some((row) => row.value === roleText);
  const height = layout.height(layout.lines(`${person.ref} · ${person.label}`, PERSON_HEAD, CONTENT_WIDTH), PERSON_HEAD) + (showRole ? lineHeight(PERSON_ROLE) : 0) + layout.rowsHeight(rows) + 13;
  return { rows, roleText, showRole, height };
}

function drawPerson(layout: Layout, person: PacketPerson): void {
  const { rows, roleText, showRole, height } = personCard(layout, person);
  const head = PERSON_HEAD;
  const role = PERSON_ROLE;
  const title = `${person.ref} · ${person.label}`;
  layout.ensure(height <= USABLE_HEIGHT / 2 ? height : 80);
  layout.paragraph(title, head, { gapAfter: showRole ? 0 : 3 });
  if (showRole) layout.paragraph(roleText, role, { gapAfter: 4 });
  layout.rows(rows);
  layout.y += 10;
}

// The timeline table: seven columns, the description across the row below them.
const COLUMNS = [
  { title: 'Ref', width: 28 },
  { title: 'Date', width: 54 },
  { title: 'Tactic / channel', width: 122 },
  { title: 'Place', width: 76 },
  { title: 'Target', width: 62 },
  { title: 'Perpetrators', width: 80 },
  { title: 'Severity / verification', width: CONTENT_WIDTH - 422 },
];
const CELL: Style = { size: 8 };
const CELL_PAD = 4;
const HEADER: Style = { size: 7.5, weight: 'bold', color: COLOR.muted };

type Cell = Array<{ text: string; style: Style }>;

function threatCells(threat: PacketThreat): Cell[] {
  const muted: Style = { ...CELL, color: COLOR.muted };
  return [
    [{ text: threat.ref, style: { ...CELL, weight: 'bold' } }],
    [{ text: threat.date, style: CELL }],
    [
      { text: threat.tactic, style: CELL },
      { text: threat.channel, style: muted },
    ],
    [{ text: threat.place, style: CELL }],
    [{ text: threat.target, style: CELL }],
    [{ text: threat.perpetrators.length ? threat.perpetrators.join('; ') : '—', style: CELL }],
    [
      { text: `${threat.severity} of 5`, style: CELL },
      { text: threat.verification, style: muted },
    ],
  ];
}

const DESCRIPTION: Style = { size: 8, color: COLOR.text };
const DESCRIPTION_X = PAGE.left + COLUMNS[0]!.width + CELL_PAD;

/** Every row measured before anything is drawn, so rows can be kept whole. */
function timelineTable(layout: Layout, timeline: PacketThreat[]) {
  const headerLines = COLUMNS.map((c) => layout.lines(c.title, HEADER, c.width - CELL_PAD * 2));
  const headerHeight = Math.max(...headerLines.map((l) => layout.height(l, HEADER))) + CELL_PAD * 2;
  const descStyle = DESCRIPTION;
  const descWidth = CONTENT_WIDTH - COLUMNS[0]!.width - CELL_PAD * 2;

  const rows = timeline.map((threat) => {
    const cells = threatCells(threat).map((cell, i) => cell.map((part) => ({ lines: layout.lines(part.text, part.style, COLUMNS[i]!.width - CELL_PAD * 2), style: part.style })));
    const cellsHeight = Math.max(...cells.map((parts) => parts.reduce((h, p) => h + layout.height(p.lines, p.style), 0)));
    const extra = threat.evidenceRefs.length ? `\nEvidence: ${threat.evidenceRefs.join(', ')}` : '';
    const desc = layout.lines(`${threat.description.text}${extra}`.trim(), descStyle, descWidth);
    const descHeight = desc.length && (desc.length > 1 || desc[0]!.width > 0) ? layout.height(desc, descStyle) + 3 : 0;
    return { cells, cellsHeight, desc: descHeight ? desc : [], height: CELL_PAD * 2 + cellsHeight + descHeight };
  });
  return { headerLines, headerHeight, rows };
}

function drawTimeline(layout: Layout, { headerLines, headerHeight, rows }: ReturnType<typeof timelineTable>): void {
  const descStyle = DESCRIPTION;
  const descX = DESCRIPTION_X;
  const drawHeader = () => {
    layout.pdf.rect(PAGE.left, layout.y, CONTENT_WIDTH, headerHeight).fill(COLOR.faint);
    let x = PAGE.left;
    COLUMNS.forEach((column, i) => {
      layout.drawBlock(headerLines[i]!, x + CELL_PAD, layout.y + CELL_PAD, HEADER);
      x += column.width;
    });
    layout.y += headerHeight;
  };
  layout.ensure(headerHeight + (rows[0]?.height ?? 0));
  drawHeader();
  layout.onNewPage = drawHeader;
  for (const row of rows) {
    // A row stays on one page; only a row longer than a page continues its description on the next.
    if (row.height <= USABLE_HEIGHT - headerHeight) layout.ensure(row.height);
    else layout.ensure(CELL_PAD * 2 + row.cellsHeight + lineHeight(descStyle) * 3);
    const top = layout.y + CELL_PAD;
    let x = PAGE.left;
    row.cells.forEach((parts, i) => {
      let y = top;
      for (const part of parts) y += layout.drawBlock(part.lines, x + CELL_PAD, y, part.style);
      x += COLUMNS[i]!.width;
    });
    layout.y = top + row.cellsHeight + 3;
    for (const line of row.desc) {
      layout.ensure(lineHeight(descStyle));
      layout.drawLine(line, descX, layout.y, descStyle);
      layout.y += lineHeight(descStyle);
    }
    layout.y += CELL_PAD;
    layout.rule();
  }
  layout.onNewPage = null;
  layout.y += 12;
}

function evidenceRows(item: PacketEvidence): Row[] {
  const rows: Row[] = [
    { label: 'Type', value: item.mediaType },
    { label: 'Size', value: formatBytes(item.sizeBytes) },
    { label: 'SHA-256 of this copy', value: item.sha256, mono: true },
  ];
  if (item.originalSha256 && item.originalSha256 !== item.sha256) {
    rows.push({ label: 'SHA-256 of the original (kept by the referring organisation)', value: item.originalSha256, mono: true });
  }
  rows.push(
    {
      label: 'Treatment',
      value: item.treatment === 're_encoded' ? 'Re-encoded (metadata removed)' : 'Included as is (unchanged, at the caseworker’s explicit choice; may carry metadata)',
    },
    { label: 'Original file name', value: item.originalName.text },
    { label: 'Collected', value: [item.collectedAt, item.collectedHow.text].filter((s) => s.trim() !== '').join(' — ') },
    { label: 'Related incidents', value: item.threatRefs.join(', ') },
    { label: 'Description', value: item.description.text },
  );
  return rows;
}

function evidenceHeight(layout: Layout, item: PacketEvidence): number {
  return lineHeight(PERSON_HEAD) + 3 + layout.rowsHeight(evidenceRows(item), { size: 9, labelWidth: 140 }) + 14;
}

function drawEvidence(layout: Layout, item: PacketEvidence): void {
  const head = PERSON_HEAD;
  const rows = evidenceRows(item);
  const height = evidenceHeight(layout, item);
  layout.ensure(height <= USABLE_HEIGHT / 2 ? height : 90);
  layout.paragraph(`${item.ref} · ${item.path}`, head, { gapAfter: 3 });
  layout.rows(rows, { size: 9, labelWidth: 140 });
  layout.y += 6;
  layout.rule();
  layout.y += 8;
}

function drawBody(layout: Layout, doc: PacketDocument): void {
  let number = 0;
  const section = (title: string, keepWith?: number) => {
    number += 1;
    layout.heading(`${number}. ${title}`, 1, keepWith);
  };

  const summary = () => {
    section('Summary');
    layout.heading('Subject of this referral', 2);
    drawPerson(layout, doc.subject);
    if (doc.summary.text.trim()) {
      layout.heading('Summary', 2);
      layout.paragraph(doc.summary.text, BODY, { gapAfter: 10 });
    }
    if (doc.purpose.text.trim()) {
      layout.heading('Purpose of this referral', 2);
      layout.paragraph(doc.purpose.text, BODY, { gapAfter: 10 });
    }
  };
  const templateSections = () => {
    if (doc.templateSections.length === 0) return;
    section(templateText(doc.template).sections);
    for (const block of doc.templateSections) {
      layout.heading(block.title, 2);
      layout.rows(block.fields.map((field) => ({ label: field.label, value: field.value.text })));
      layout.y += 8;
    }
  };

  // A CCF request leads with the request itself; the others lead with who and what happened.
  if (doc.template === 'interpol_ccf') {
    templateSections();
    summary();
  } else {
    summary();
    templateSections();
  }

  section('People', doc.people[0] && personCard(layout, doc.people[0]).height);
  if (doc.people.length === 0) layout.paragraph('No other people are included in this packet.', { ...BODY, color: COLOR.muted });
  for (const person of doc.people) drawPerson(layout, person);

  if (doc.timeline.length === 0) {
    section('Incident timeline');
    layout.paragraph('No incidents are included in this packet.', { ...BODY, color: COLOR.muted });
  } else {
    const table = timelineTable(layout, doc.timeline);
    section('Incident timeline', table.headerHeight + (table.rows[0]?.height ?? 0));
    drawTimeline(layout, table);
  }

  const evidenceIntro = 'Each file is a copy in the evidence/ folder of this packet. Compare its SHA-256 with manifest.json to confirm it is the file described here.';
  const introStyle: Style = { ...BODY, color: COLOR.muted };
  const first = doc.evidence[0];
  section('Evidence', first && layout.height(layout.lines(evidenceIntro, introStyle, CONTENT_WIDTH), introStyle) + 6 + evidenceHeight(layout, first));
  if (!first) layout.paragraph('No evidence files are included in this packet.', introStyle);
  else {
    layout.paragraph(evidenceIntro, introStyle);
    for (const item of doc.evidence) drawEvidence(layout, item);
  }

  if (doc.redactions.length > 0) {
    section('Replacements in the text');
    layout.paragraph('Where the text named a person, a contact detail or a place that this packet withholds, it shows a label instead. Labels used:', BODY);
    layout.rows(doc.redactions.map((r) => ({ label: r.label, value: `${r.sensitivityClass.replace(/_/g, ' ')} · replaced ${r.count} time${r.count === 1 ? '' : 's'}` })), { labelWidth: 200 });
    layout.y += 6;
  }

  section('How to verify this packet');
  layout.paragraph(
    'This PDF is one file of a referral packet. README.txt in the same packet explains its contents; manifest.json lists every file with its SHA-256. ' +
      'To check a file, compute its SHA-256 (sha256sum on Linux, shasum -a 256 on macOS, certutil -hashfile <file> SHA256 on Windows) and compare it with manifest.json and, for evidence, with the list above. ' +
      'referral.json holds the same content as this PDF in machine-readable form.',
    BODY,
  );
}

function drawFooters(layout: Layout, doc: PacketDocument): void {
  const { pdf } = layout;
  const range = pdf.bufferedPageRange();
  const style: Style = { size: 8, color: COLOR.muted };
  for (let i = 0; i < range.count; i += 1) {
    pdf.switchToPage(range.start + i);
    const top = PAGE.height - PAGE.bottom + 22;
    pdf.moveTo(PAGE.left, top - 6).lineTo(PAGE.left + CONTENT_WIDTH, top - 6).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
    const text = `Packet ${doc.packetId} · ${doc.caseCode} · Page ${i + 1} of ${range.count}`;
    for (const line of layout.lines(text, style, CONTENT_WIDTH)) layout.drawLine(line, PAGE.left, top, style, 'center', CONTENT_WIDTH);
  }
}

export async function renderPacketPdf(doc: PacketDocument, options: RenderPacketPdfOptions = {}): Promise<Buffer> {
  const paths = options.fonts ?? fontPaths(options.resourcesDir);
  const created = new Date(doc.generatedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    bufferPages: true,
    pdfVersion: '1.7',
    displayTitle: true,
    // Nothing from the case here but the packet id: no author, subject or keywords.
    info: {
      Title: `Referral packet ${doc.packetId}`,
      Producer: 'Casekeeper',
      Creator: 'Casekeeper',
      CreationDate: Number.isNaN(created.getTime()) ? new Date(0) : created,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const layout = new Layout(pdf, PacketFonts.register(pdf, paths));
  drawCover(layout, doc);
  layout.newPage();
  drawBody(layout, doc);
  if (layout.fonts.substituted) {
    layout.paragraph('Some characters are shown as □ because this PDF has no font for their script; referral.json holds the full text.', { ...BODY, color: COLOR.muted });
  }
  drawFooters(layout, doc);
  pdf.end();
  return finished;
}
