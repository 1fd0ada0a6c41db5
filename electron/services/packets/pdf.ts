import PDFDocument from 'pdfkit';
import type { PacketDocument, PacketEvidence, PacketPerson, PacketTemplate } from '../../../shared/domain/packet';
import { ROLE_LABELS } from '../../../shared/domain/packet-labels';
import { fontPaths, PacketFonts, type PacketFontPaths } from './fonts';
import { BODY, bullet, COLOR, CONTENT_WIDTH, Layout, lineHeight, PAGE, USABLE_HEIGHT, type Row, type Style } from './pdf-layout';
import { drawTimeline, timelineTable } from './pdf-timeline';

/**
 * referral.pdf: the human-readable face of a packet. It prints the
 * document it is given and nothing else, so whatever the disclosure profile
 * and the scrubber kept out of the document stays out of the PDF. The only
 * metadata is a title naming the packet id, "Casekeeper" as producer and the
 * document's own generation time, so the same document gives the same bytes.
 *
 * The sections are laid out with the engine in pdf-layout.ts; the incident
 * timeline table is in pdf-timeline.ts.
 */

export interface RenderPacketPdfOptions {
  /** The font files; by default found with fontPaths(resourcesDir). */
  fonts?: PacketFontPaths;
  /** Where a packaged app keeps its resources (process.resourcesPath). */
  resourcesDir?: string;
}

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
