import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { assemblePacket, type PacketFileInput } from '../../electron/services/packets/manifest';
import { extractPacketTexts, scanPacketFiles } from '../../electron/services/packets/packet-scan';
import { renderPacketPdf } from '../../electron/services/packets/pdf';
import { readPdfRaw } from '../../electron/services/packets/pdf-raw';
import type { SensitiveKind, SensitiveValue } from '../../electron/services/packets/sensitive-values';
import { writePacketZip, type ZipEntryData } from '../../electron/services/packets/zip';
import { buildSamplePacketDocument } from '../support/packet-document';
import { appendRevision, craftedEml, handPdf, objectStream, pdfkitPdf, pdfLiteral, pdfUtf16, zipWithComment, type PdfkitCanaries } from '../support/crafted-files';

/**
 * The leak scan's second reading of a finished packet: a withheld value
 * hidden anywhere a recipient could read it — an earlier PDF revision, an
 * annotation, an e-mail attachment, a GB18030 text file, a ZIP comment — is
 * found, named by where it sits, and blocks the export; a file that cannot
 * be read back, or is not what the packet says it is, blocks it too.
 */

const SLOW = 60_000;

function withheld(value: string, kind: SensitiveKind, label: string): SensitiveValue {
  return { value, kind, label, sensitivityClass: kind === 'name' ? 'third_party' : 'contact_details', subject: { entity: 'contact', id: label }, withheld: true };
}

/** A real packet around the given evidence files: README, manifest and SHA256SUMS as export writes them. */
function packetWith(files: Array<{ path: string; data: Buffer; mediaType: string }>): ZipEntryData[] {
  const evidence: PacketFileInput[] = files.map((f, i) => ({ ...f, role: 'evidence', treatment: 'included_as_is', ref: `E${i + 1}` }));
  return assemblePacket({
    packetId: '00000000-0000-4000-8000-0000000000aa',
    generatedAt: new Date('2026-12-01T10:00:00Z'),
    generatorVersion: '1.0.0',
    caseCode: 'CK-2026-0042',
    recipient: { type: 'ngo', organisation: 'Partner NGO' },
    profile: { id: 'partner_ngo', label: 'Partner NGO' },
    template: 'general',
    consent: { kind: 'override', reason: 'Urgent protection need.' },
    files: [{ path: 'referral.json', data: Buffer.from('{"format":"casekeeper-referral"}\n'), mediaType: 'application/json', role: 'json' }, ...evidence],
    redactions: [],
  }).entries;
}

/** The fields of every text extracted from the packet that holds `value` as written. */
async function whereFound(entries: ZipEntryData[], value: string): Promise<string[]> {
  const { texts, problems } = await extractPacketTexts(entries, ['CK-2026-0042_ngo_2026-12-01.zip']);
  expect(problems).toEqual([]);
  return texts.filter((t) => t.text.includes(value)).map((t) => `${t.file}: ${t.field}`);
}

async function blockedBecause(entries: ZipEntryData[]): Promise<string> {
  const error = await scanPacketFiles(entries, [withheld('wxid_never', 'handle', 'Relative A')], ['x.zip']).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('LEAK_DETECTED');
  return (error as AppError).message;
}

describe('a PDF is read by pdf.js and, independently, object by object', () => {
  const canaries: PdfkitCanaries = {
    split: ['Zhang', 'wei8841'],
    annotation: 'wxid_annot4471',
    link: 'wxid_link4471',
    formValue: 'wxid_form4471',
    outline: 'wxid_outline4471',
    attachmentName: 'wxid_attname4471.txt',
    attachmentText: 'wxid_attached4471',
    alt: 'wxid_alt4471',
    author: 'wxid_author4471',
  };
  let entries: ZipEntryData[];
  beforeAll(async () => {
    entries = packetWith([{ path: 'evidence/E01.pdf', data: await pdfkitPdf(canaries), mediaType: 'application/pdf' }]);
  }, SLOW);

  it('finds what a viewer shows on request: annotations, links, form fields, outline, attachments and their content, alt text, metadata', async () => {
    const file = 'evidence/E01.pdf';
    expect(await whereFound(entries, canaries.annotation)).toContain(`${file}: annotation on page 1`);
    expect(await whereFound(entries, canaries.link)).toContain(`${file}: annotation on page 1`);
    expect(await whereFound(entries, canaries.formValue)).toContain(`${file}: form field caller`);
    expect(await whereFound(entries, canaries.outline)).toContain(`${file}: metadata Outline`);
    expect(await whereFound(entries, canaries.attachmentName)).toContain(`${file}: metadata Attachment`);
    expect(await whereFound(entries, canaries.attachmentText)).toContain(`${file}: attachment ${canaries.attachmentName}, text`);
    expect(await whereFound(entries, canaries.alt)).toContain(`${file}: alt text on page 1`);
    expect(await whereFound(entries, canaries.author)).toContain(`${file}: metadata Info.Author`);
  });

  it('finds a name drawn in two pieces out of order, whole in reading order', async () => {
    expect(await whereFound(entries, 'Zhangwei8841')).toContain('evidence/E01.pdf: page 1 (reading order)');
  });

  it('finds the same values again in the raw objects, without pdf.js', async () => {
    const raw = (await whereFound(entries, canaries.annotation)).filter((f) => /object \d+ 0/.test(f));
    expect(raw.length).toBeGreaterThan(0);
    const { embedded } = readPdfRaw(entries.find((e) => e.path === 'evidence/E01.pdf')!.data);
    expect(embedded.map((e) => Buffer.from(e.data).toString('utf8')).join('\n')).toContain(canaries.attachmentText);
  });

  it('blocks the export when a withheld value is in any of those places, naming the place', async () => {
    const hits = await scanPacketFiles(entries, [withheld(canaries.alt, 'handle', '[handle of Relative A]'), withheld(canaries.attachmentText, 'handle', '[handle of Relative B]')], ['x.zip']);
    expect(hits.map((h) => `${h.label} ${h.field}`)).toEqual(
      expect.arrayContaining(['[handle of Relative A] alt text on page 1', `[handle of Relative B] attachment ${canaries.attachmentName}, text`]),
    );
  });
});

describe('the packet\'s own referral.pdf', () => {
  it('gives the raw reading its metadata strings but not the glyph numbers its subset fonts draw with', { timeout: SLOW }, async () => {
    const pdf = await renderPacketPdf(buildSamplePacketDocument({ threats: 12, evidence: 0 }));
    const raw = readPdfRaw(pdf);
    expect(raw.problems).toEqual([]);
    const strings = raw.texts.filter((t) => t.field.includes('(strings'));
    // eslint-disable-next-line no-control-regex -- glyph numbers read as Latin-1 are mostly control characters
    expect(strings.filter((t) => /[\u0000-\u0008\u000e-\u001f]/.test(t.text)).map((t) => t.field)).toEqual([]);
    expect(strings.map((t) => t.text).join('\n')).toContain('Casekeeper');
  });
});

describe('hidden parts of a hand-written PDF', () => {
  const xmp = Buffer.from(
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>&#x738B;&#x82B3;</rdf:li></rdf:Seq></dc:creator></rdf:Description>' +
      '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
  );
  const original = handPdf({
    pageText: 'wxid_page5512',
    comment: 'wxid_comment5512',
    info: `<< /Title ${pdfLiteral('wxid_oldrev5512')} /Author ${pdfUtf16('李伟')} >>`,
    catalogExtra: `/PageLabels << /Nums [0 << /P ${pdfLiteral('wxid_label5512-')} >>] >> /Metadata 7 0 R`,
    extra: [
      { id: 7, body: '<< /Type /Metadata /Subtype /XML >>', stream: xmp },
      // Referred to by nothing: no viewer shows it, a text editor does.
      { id: 9, body: '<< >>', stream: Buffer.from('hidden note wxid_unref5512'), deflate: true },
      objectStream(10, [{ id: 11, body: `<< /Subject ${pdfLiteral('wxid_objstm5512')} >>` }]),
    ],
  });
  // The Title is changed in an incremental update: viewers show the new one, the old one stays in the file.
  const revised = appendRevision(original, [{ id: 6, body: `<< /Title (Clean) /Author ${pdfUtf16('李伟')} >>` }], '/Size 12 /Root 1 0 R /Info 6 0 R');
  const entries = packetWith([{ path: 'evidence/E01.pdf', data: revised, mediaType: 'application/pdf' }]);
  const file = 'evidence/E01.pdf';

  it('finds a value that only an earlier revision still holds', async () => {
    expect(await whereFound(entries, 'Clean')).toContain(`${file}: metadata Info.Title`);
    const found = await whereFound(entries, 'wxid_oldrev5512');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.startsWith(`${file}: object 6 0 (strings`))).toBe(true);
    expect(await whereFound(entries, '李伟')).toEqual(expect.arrayContaining([`${file}: metadata Info.Author`, `${file}: object 6 0 (strings)`, `${file}: object 6 0 (revision 2) (strings)`]));
  });

  it('finds values in unreferenced objects, object streams, comments, page labels, XMP (entities decoded) and on the page', async () => {
    expect(await whereFound(entries, 'wxid_unref5512')).toContain(`${file}: object 9 0 stream (other text)`);
    expect(await whereFound(entries, 'wxid_objstm5512')).toContain(`${file}: object 11 0 in object stream 10 0 (strings)`);
    expect(await whereFound(entries, 'wxid_comment5512')).toContain(`${file}: outside objects (comments)`);
    expect(await whereFound(entries, 'wxid_label5512')).toContain(`${file}: page labels`);
    expect(await whereFound(entries, '王芳')).toEqual(expect.arrayContaining([`${file}: metadata XMP dc:creator`, `${file}: object 7 0 (XMP values)`]));
    expect(await whereFound(entries, 'wxid_page5512')).toEqual(expect.arrayContaining([`${file}: page 1`, `${file}: object 5 0 stream (strings)`]));
  });

  it('blocks the export on the earlier revision alone', async () => {
    const hits = await scanPacketFiles(entries, [withheld('wxid_oldrev5512', 'handle', '[handle of Relative A]')], ['x.zip']);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(`${hit.file} ${hit.field} ${hit.label}`).toMatch(/^evidence\/E01\.pdf object 6 0 \(strings( joined)?\) \[handle of Relative A\]$/);
  });

  it('blocks a PDF whose text stream cannot be unpacked, naming the object', async () => {
    const broken = handPdf({ pageText: 'fine', extra: [{ id: 9, body: '<< /Filter /FlateDecode /Length 12 >>', stream: Buffer.from('not deflated') }] });
    const message = await blockedBecause(packetWith([{ path: 'evidence/E01.pdf', data: broken, mediaType: 'application/pdf' }]));
    expect(message).toContain('evidence/E01.pdf could not be read back to check it');
    expect(message).toContain('object 9 0 is damaged and cannot be unpacked');
  });
});

describe('text, markup, e-mail and archives included as is', () => {
  it('finds a Chinese name in a GB18030 file and in a Big5 file', async () => {
    const gb = Buffer.concat([Buffer.from('Caller: '), Buffer.from('cdf5b7bc', 'hex'), Buffer.from('\r\n')]);
    const big5 = Buffer.concat([Buffer.from('Caller: '), Buffer.from('a4fdaada', 'hex'), Buffer.from('\r\n')]);
    const entries = packetWith([
      { path: 'evidence/E01.txt', data: gb, mediaType: 'text/plain' },
      { path: 'evidence/E02.txt', data: big5, mediaType: 'text/plain' },
    ]);
    expect(await whereFound(entries, '王芳')).toEqual(expect.arrayContaining(['evidence/E01.txt: text (gb18030)', 'evidence/E02.txt: text (big5)']));
    const hits = await scanPacketFiles(entries, [withheld('王芳', 'name', 'Relative A (sister)')], ['x.zip']);
    expect(new Set(hits.map((h) => h.file))).toEqual(new Set(['evidence/E01.txt', 'evidence/E02.txt']));
  });

  it('reads SVG and HTML as a browser shows them, entities decoded and tags removed', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><title>&#x738B;&#x82B3;</title><text>wxid_<tspan>svg6620</tspan></text></svg>');
    const html = Buffer.from('<!DOCTYPE html><html><body><p>wxid_<b>html6620</b></p></body></html>');
    const entries = packetWith([
      { path: 'evidence/E01.svg', data: svg, mediaType: 'image/svg+xml' },
      { path: 'evidence/E02.html', data: html, mediaType: 'text/html' },
    ]);
    expect(await whereFound(entries, '王芳')).toContain('evidence/E01.svg: text without tags');
    expect(await whereFound(entries, 'wxid_svg6620')).toContain('evidence/E01.svg: text without tags, joined');
    expect(await whereFound(entries, 'wxid_html6620')).toContain('evidence/E02.html: text without tags, joined');
  });

  it('reads an e-mail part by part: encoded subject, quoted-printable body, base64 attachment', async () => {
    const eml = craftedEml({ subject: 'About 王芳', body: 'She said 李伟 called.', attachmentName: 'call-log.txt', attachmentText: 'wxid_eml7731 called twice' });
    const entries = packetWith([{ path: 'evidence/E01.eml', data: eml, mediaType: 'message/rfc822' }]);
    expect(await whereFound(entries, 'About 王芳')).toContain('evidence/E01.eml: message headers');
    expect(await whereFound(entries, '李伟')).toEqual(expect.arrayContaining(['evidence/E01.eml: part 1 (utf-8)', 'evidence/E01.eml: part 1, text']));
    expect(await whereFound(entries, 'wxid_eml7731')).toContain('evidence/E01.eml: part 2 call-log.txt, text');
  });

  it('reads ZIP-based files entry by entry, with entry names and the ZIP comment', async () => {
    const documentXml = '<w:document><w:body><w:p><w:r><w:t>wxid_</w:t></w:r><w:r><w:t>docx3390</w:t></w:r></w:p></w:body></w:document>';
    const docx = await zipWithComment(
      [
        { path: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
        { path: 'word/document.xml', data: Buffer.from(`<?xml version="1.0"?>${documentXml}`) },
        { path: 'word/media/wxid_entry3390.png', data: await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer() },
      ],
      'wxid_comment3390',
    );
    const entries = packetWith([{ path: 'evidence/E01.docx', data: docx, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }]);
    expect(await whereFound(entries, 'wxid_docx3390')).toContain('evidence/E01.docx: entry word/document.xml, text without tags, joined');
    expect(await whereFound(entries, 'wxid_entry3390')).toContain('evidence/E01.docx: entry name word/media/wxid_entry3390.png');
    expect(await whereFound(entries, 'wxid_comment3390')).toContain('evidence/E01.docx: ZIP comment (utf-8)');
  });

  it('reads Rich Text in its code page and audio tags among the sound data', async () => {
    const rtf = Buffer.from("{\\rtf1\\ansi\\ansicpg936 Caller: \\'cd\\'f5\\'b7\\'bc, also \\u26446?\\u20255? and W{\\b xid_rtf}5150\\par}", 'latin1');
    const title = Buffer.concat([Buffer.from([1, 0xff, 0xfe]), Buffer.from('王芳', 'utf16le'), Buffer.from([0, 0])]);
    const frame = Buffer.concat([
      Buffer.from('TPE1', 'latin1'),
      Buffer.from([0, 0, 0, 13, 0, 0, 0]),
      Buffer.from('wxid_mp35150'),
      Buffer.from('TIT2', 'latin1'),
      Buffer.from([0, 0, 0, title.length, 0, 0]),
      title,
    ]);
    const header = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, frame.length]);
    const mp3 = Buffer.concat([header, frame, Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(400, 0x55)]);
    const entries = packetWith([
      { path: 'evidence/E01.rtf', data: rtf, mediaType: 'application/rtf' },
      { path: 'evidence/E02.mp3', data: mp3, mediaType: 'audio/mpeg' },
    ]);
    expect(await whereFound(entries, 'Caller: 王芳')).toContain('evidence/E01.rtf: text (gb18030)');
    expect(await whereFound(entries, '李伟')).toContain('evidence/E01.rtf: text (utf-8)');
    expect(await whereFound(entries, 'Wxid_rtf5150')).toContain('evidence/E01.rtf: text without formatting (utf-8)');
    expect(await whereFound(entries, 'wxid_mp35150')).toContain('evidence/E02.mp3: readable text (utf-8)');
    expect(await whereFound(entries, '王芳')).toContain('evidence/E02.mp3: readable text (utf-16le)');
  });

  it('reads image metadata: PNG text chunks and JPEG comments', async () => {
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#404040' } }).png().toBuffer();
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const frame = Buffer.alloc(12 + data.length);
      frame.writeUInt32BE(data.length, 0);
      body.copy(frame, 4);
      frame.writeUInt32BE(crc32(body), 8 + data.length);
      return frame;
    };
    const iend = png.length - 12;
    const withText = Buffer.concat([png.subarray(0, iend), chunk('zTXt', Buffer.concat([Buffer.from('Author\0\0', 'latin1'), deflateSync('wxid_png8812')])), png.subarray(iend)]);
    const jpeg = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#404040' } }).jpeg().toBuffer();
    const comment = Buffer.from('wxid_jpeg8812');
    const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0, comment.length + 2]), comment]);
    const withComment = Buffer.concat([jpeg.subarray(0, 2), com, jpeg.subarray(2)]);
    const entries = packetWith([
      { path: 'evidence/E01.png', data: withText, mediaType: 'image/png' },
      { path: 'evidence/E02.jpg', data: withComment, mediaType: 'image/jpeg' },
    ]);
    expect(await whereFound(entries, 'wxid_png8812')).toContain('evidence/E01.png: metadata png Author');
    expect(await whereFound(entries, 'wxid_jpeg8812')).toContain('evidence/E02.jpg: metadata jpeg comment');
  });
});

describe('what cannot be checked does not leave', () => {
  it('blocks a file of unknown type instead of sending it unread', async () => {
    const message = await blockedBecause(packetWith([{ path: 'evidence/E01.bin', data: Buffer.from([0, 1, 2, 3, 0xfe, 0, 0x99, 0x10, 5, 6]), mediaType: 'application/octet-stream' }]));
    expect(message).toContain('evidence/E01.bin could not be read back to check it for withheld names and details');
    expect(message).toContain('is a file of unknown type, which cannot be checked');
  });

  it('blocks a file whose bytes are not the type the packet records for it', async () => {
    const pdf = handPdf({ pageText: 'harmless' });
    const message = await blockedBecause(packetWith([{ path: 'evidence/E01.jpg', data: pdf, mediaType: 'image/jpeg' }]));
    expect(message).toContain('evidence/E01.jpg is recorded as image/jpeg but its contents are a PDF');
  });

  it('blocks a file named for another type than its contents', async () => {
    const message = await blockedBecause(packetWith([{ path: 'evidence/E01.txt', data: handPdf({ pageText: 'harmless' }), mediaType: 'application/pdf' }]));
    expect(message).toContain('evidence/E01.txt is named .txt but its contents are a PDF');
  });

  it('blocks a damaged PDF', async () => {
    const message = await blockedBecause(packetWith([{ path: 'evidence/E01.pdf', data: Buffer.from('%PDF-1.7\ngarbage only'), mediaType: 'application/pdf' }]));
    expect(message).toContain('evidence/E01.pdf could not be read back');
  });

  it('blocks an archive that unpacks past the limit', async () => {
    const zip = await zipWithComment([{ path: 'big.txt', data: Buffer.alloc(2 * 1024 * 1024, 0x41) }], '');
    const entries = packetWith([{ path: 'evidence/E01.zip', data: zip, mediaType: 'application/zip' }]);
    const error = await scanPacketFiles(entries, [], ['x.zip'], { limits: { maxDepth: 4, maxUnpackedBytes: 1024 * 1024, maxZipEntries: 100 } }).catch((e: unknown) => e);
    expect((error as AppError).message).toContain('evidence/E01.zip unpacks to more than 1 MiB, more than can be checked');
  });
});

describe('the packet ZIP itself', () => {
  it('has its entry names and comment read as written, and every file in it must have been checked', async () => {
    const entries = packetWith([{ path: 'evidence/E01.txt', data: Buffer.from('nothing here\n'), mediaType: 'text/plain' }]);
    const zip = await zipWithComment(entries, 'wxid_zipcomment1207');
    const { texts } = await extractPacketTexts(entries, ['x.zip'], { zip });
    expect(texts.filter((t) => t.text.includes('wxid_zipcomment1207')).map((t) => `${t.file}: ${t.field}`)).toEqual(['the packet ZIP: ZIP comment (utf-8)']);

    const smuggled = await writePacketZip([...entries, { path: 'extra.txt', data: Buffer.from('unchecked') }], { modified: new Date('2026-01-01T00:00:00Z') });
    const error = await scanPacketFiles(entries, [], ['x.zip'], { zip: smuggled }).catch((e: unknown) => e);
    expect((error as AppError).message).toContain('extra.txt is in the ZIP but was not among the files checked');
  });
});
