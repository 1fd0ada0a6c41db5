import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { writePacketZip } from '../../electron/services/packets/zip';

/**
 * Files crafted to hide a value where a careless reader would not look, for
 * the tests of the leak scan's extraction: hand-written PDFs (earlier
 * revisions, unreferenced and packed objects, page labels, XMP), PDFs with
 * annotations, form fields, outlines, attachments and alt text (pdfkit),
 * e-mails, ZIPs with comments.
 */

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** A PDF string literal for ASCII text. */
export const pdfLiteral = (text: string) => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** A PDF hex string in UTF-16BE with a byte-order mark, as writers store non-Latin text. */
export const pdfUtf16 = (text: string) => `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;

export interface HandObject {
  id: number;
  /** The object's dictionary or value. */
  body: string;
  /** Stream content; compressed with FlateDecode when `deflate` is set. */
  stream?: Buffer;
  deflate?: boolean;
}

function objectBytes({ id, body, stream, deflate }: HandObject): Buffer {
  if (!stream) return latin1(`${id} 0 obj\n${body}\nendobj\n`);
  const data = deflate ? deflateSync(stream) : stream;
  const dictionary = body.replace(/>>\s*$/, `/Length ${data.length}${deflate ? ' /Filter /FlateDecode' : ''} >>`);
  return Buffer.concat([latin1(`${id} 0 obj\n${dictionary}\nstream\n`), data, latin1('\nendstream\nendobj\n')]);
}

function xrefAndTrailer(offsets: Map<number, number>, at: number, trailer: string): Buffer {
  const ids = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n';
  for (const id of ids) xref += `${id} 1\n${String(offsets.get(id)).padStart(10, '0')} 00000 n \n`;
  return latin1(`${xref}trailer\n<< ${trailer} >>\nstartxref\n${at}\n%%EOF\n`);
}

/**
 * A one-page PDF whose page shows `pageText` in Helvetica. Objects 1–4 are the
 * catalog, page tree, page and font; `extra` adds or replaces objects and
 * `catalogExtra` goes into the catalog (for /PageLabels, /Metadata…).
 */
export function handPdf(options: { pageText: string; extra?: HandObject[]; catalogExtra?: string; info?: string; comment?: string }): Buffer {
  const objects: HandObject[] = [
    { id: 1, body: `<< /Type /Catalog /Pages 2 0 R ${options.catalogExtra ?? ''} >>` },
    { id: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { id: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>' },
    { id: 4, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' },
    { id: 5, body: '<< >>', stream: latin1(`BT /F1 12 Tf 72 760 Td ${pdfLiteral(options.pageText)} Tj ET`), deflate: true },
    ...(options.info ? [{ id: 6, body: options.info }] : []),
    ...(options.extra ?? []),
  ];
  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  if (options.comment) parts.push(latin1(`% ${options.comment}\n`));
  const offsets = new Map<number, number>();
  let at = parts.reduce((n, p) => n + p.length, 0);
  for (const object of objects) {
    offsets.set(object.id, at);
    const bytes = objectBytes(object);
    parts.push(bytes);
    at += bytes.length;
  }
  const size = Math.max(...objects.map((o) => o.id)) + 1;
  parts.push(xrefAndTrailer(offsets, at, `/Size ${size} /Root 1 0 R${options.info ? ' /Info 6 0 R' : ''}`));
  return Buffer.concat(parts);
}

/** Appends an incremental update that replaces `objects`: viewers show the new versions, the old ones stay in the file. */
export function appendRevision(pdf: Buffer, objects: HandObject[], trailer: string): Buffer {
  const previous = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.toString('latin1'))![1]);
  const offsets = new Map<number, number>();
  const parts: Buffer[] = [pdf];
  let at = pdf.length;
  for (const object of objects) {
    offsets.set(object.id, at);
    const bytes = objectBytes(object);
    parts.push(bytes);
    at += bytes.length;
  }
  parts.push(xrefAndTrailer(offsets, at, `${trailer} /Prev ${previous}`));
  return Buffer.concat(parts);
}

/** An object stream holding the given objects (by number), as PDF 1.5+ writers pack small objects. */
export function objectStream(id: number, members: Array<{ id: number; body: string }>): HandObject {
  let header = '';
  let content = '';
  for (const member of members) {
    header += `${member.id} ${content.length} `;
    content += `${member.body}\n`;
  }
  return { id, body: `<< /Type /ObjStm /N ${members.length} /First ${header.length} >>`, stream: latin1(header + content), deflate: true };
}

export interface PdfkitCanaries {
  /** Drawn as two text items out of order: whole only in reading order. */
  split: [string, string];
  annotation: string;
  link: string;
  formValue: string;
  outline: string;
  attachmentName: string;
  attachmentText: string;
  alt: string;
  author: string;
}

/** A PDF from pdfkit (compressed streams) with a value in each place a viewer shows on request. */
export async function pdfkitPdf(c: PdfkitCanaries): Promise<Buffer> {
  const doc = new PDFDocument({ tagged: true, compress: true, info: { Author: c.author } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').fontSize(12);
  // The second half first, further right: the content stream order is "wei…Zhang", the reading order "Zhang…wei…".
  doc.text(c.split[1], 160, 100, { lineBreak: false });
  doc.text(c.split[0], 100, 100, { lineBreak: false });
  doc.note(100, 200, 50, 20, c.annotation);
  doc.link(100, 260, 100, 20, `https://example.org/${c.link}`);
  doc.initForm();
  doc.formText('caller', 100, 320, 200, 20, { value: c.formValue });
  doc.outline.addItem(c.outline);
  doc.file(Buffer.from(`Notes: ${c.attachmentText}\n`), { name: c.attachmentName, type: 'text/plain' });
  doc.addStructure(doc.struct('Figure', { alt: c.alt }, () => doc.rect(300, 400, 50, 50).fill('#888888')));
  doc.end();
  return done;
}

/** An e-mail with an encoded-word subject, a quoted-printable body and a base64 attachment. */
export function craftedEml(c: { subject: string; body: string; attachmentName: string; attachmentText: string }): Buffer {
  const encodedSubject = `=?UTF-8?B?${Buffer.from(c.subject).toString('base64')}?=`;
  const qp = [...Buffer.from(c.body)].map((b) => (b >= 0x80 || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('');
  return Buffer.from(
    [
      'From: someone@example.org',
      `Subject: ${encodedSubject}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      qp,
      '--b1',
      `Content-Type: text/plain; name="${c.attachmentName}"`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="${c.attachmentName}"`,
      '',
      Buffer.from(c.attachmentText).toString('base64'),
      '--b1--',
      '',
    ].join('\r\n'),
    'latin1',
  );
}

/** A ZIP (as an office file would be) whose archive comment is set by patching the end record. */
export async function zipWithComment(entries: ReadonlyArray<{ path: string; data: Uint8Array }>, comment: string): Promise<Buffer> {
  const zip = Buffer.from(await writePacketZip(entries, { modified: new Date('2026-01-01T00:00:00Z') }));
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const text = Buffer.from(comment);
  const patched = Buffer.concat([zip.subarray(0, end + 22), text]);
  patched.writeUInt16LE(text.length, end + 20);
  return patched;
}
