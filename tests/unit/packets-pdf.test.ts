import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKET_TEMPLATES, type PacketDocument } from '../../shared/domain/packet';
import { AppError } from '../../shared/errors';
import { fontPaths, PACKET_FONT_ROLES } from '../../electron/services/packets/fonts';
import { renderPacketPdf } from '../../electron/services/packets/pdf';
import { extractPdfText, type ExtractedPdfText } from '../../electron/services/packets/pdf-text';
import { buildSamplePacketDocument, SAMPLE, samplePacketText } from '../support/packet-document';
import { makeTempDir } from '../support/temp';

const SLOW = 180_000;

interface Rendered {
  bytes: Buffer;
  text: ExtractedPdfText;
  /** All pages, whitespace collapsed: the text wraps wherever the layout breaks lines. */
  flat: string;
}

async function render(doc: PacketDocument): Promise<Rendered> {
  const bytes = await renderPacketPdf(doc);
  const text = await extractPdfText(bytes);
  return { bytes, text, flat: text.pages.join('\n').replace(/\s+/g, ' ') };
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('referral.pdf, the human-readable face of a packet', () => {
  const doc = buildSamplePacketDocument();
  let police: Rendered;
  beforeAll(async () => {
    police = await render(doc);
  }, SLOW);

  it('opens as an A4 PDF whose every page says which packet, which case, and page X of N', async () => {
    expect(police.bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(police.bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
    const pdf = await getDocument({ data: new Uint8Array(police.bytes), isEvalSupported: false, disableFontFace: true }).promise;
    try {
      expect(pdf.numPages).toBe(police.text.pages.length);
      const page = await pdf.getPage(1);
      expect(page.view.map(Math.round)).toEqual([0, 0, 595, 842]);
    } finally {
      await pdf.destroy();
    }
    const total = police.text.pages.length;
    expect(total).toBeGreaterThanOrEqual(4);
    police.text.pages.forEach((page, i) => {
      expect(flat(page)).toContain(`Packet ${SAMPLE.packetId} · ${SAMPLE.caseCode} · Page ${i + 1} of ${total}`);
    });
    expect(police.flat).toContain('Page 1 of');
  });

  it('gives back the Chinese names and places exactly as the caseworker wrote them', () => {
    for (const text of [SAMPLE.clientOriginal, SAMPLE.brotherOriginal, SAMPLE.city, SAMPLE.witnessOriginal, 'Li Mei (李梅)', 'Relative B (brother) (李伟)']) {
      expect(police.flat).toContain(text);
    }
  });

  it('gives back an Arabic-script (Uyghur) name in reading order, and a Turkish name set from two fonts as one word', async () => {
    expect(police.flat).toContain(SAMPLE.uyghurWitnessOriginal);
    const turkish = buildSamplePacketDocument();
    turkish.summary = samplePacketText('The witness Ayşegül Yıldız (İstanbul) and محمد علي confirmed it.');
    const { flat: text } = await render(turkish);
    expect(text).toContain('Ayşegül Yıldız (İstanbul)');
    expect(text).toContain('محمد علي');
  }, SLOW);

  it('prints the labels that replaced withheld values, as the document holds them', () => {
    expect(police.flat).toContain('[address of Relative A (mother)]');
    expect(police.flat).toContain('[phone of Relative A (mother)]');
    expect(police.flat).toContain('Relative A (mother)');
  });

  it('lets the recipient compare every evidence file’s full SHA-256, and says how each was treated', () => {
    expect(doc.evidence).toHaveLength(5);
    for (const item of doc.evidence) {
      expect(police.flat).toContain(item.sha256);
      expect(police.flat).toContain(item.path);
    }
    expect(police.flat).toContain('Re-encoded (metadata removed)');
    expect(police.flat).toContain('Included as is');
    expect(police.flat).toContain('How to verify this packet');
    expect(police.flat).toMatch(/README\.txt.*manifest\.json/);
  });

  it('lists every incident of the timeline with its date, place and verification', () => {
    expect(doc.timeline).toHaveLength(12);
    for (const threat of doc.timeline) {
      expect(police.flat).toContain(`${threat.ref} ${threat.date}`);
      expect(police.flat).toContain(flat(threat.description.text));
    }
    expect(police.flat).toContain('Tactic / channel');
  });

  it('states on the cover the consent the client gave', () => {
    const cover = flat(police.text.pages[0]!);
    expect(cover).toContain('Consent given on 2026-01-12');
    expect(cover).toContain(doc.recipient.organisation);
    expect(cover).toContain(doc.recipient.referenceNumber);
    expect(cover).toContain(doc.referringOrganisation.name);
    expect(cover).toContain(doc.profile.label);
    expect(cover).toContain('2026-03-20 14:05 UTC');
    expect(cover).not.toContain('WITHOUT consent');
    for (const note of doc.disclosureNotes) expect(cover).toContain(flat(note));
  });

  it('says on the first page, prominently, when a packet is shared without consent and why, even at the longest reason allowed', async () => {
    const { text } = await render(buildSamplePacketDocument({ consent: 'override' }));
    expect(flat(text.pages[0]!)).toContain(`Shared WITHOUT consent — override: ${SAMPLE.overrideReason}`);
    expect(flat(text.pages[0]!)).not.toContain('Consent given on');

    const longest = `${SAMPLE.overrideReason} `.repeat(20).slice(0, 2000).trim();
    const { text: long } = await render(buildSamplePacketDocument({ consent: 'override', overrideReason: longest }));
    expect(flat(long.pages[0]!)).toContain(`Shared WITHOUT consent — override: ${flat(longest)}`);
  }, SLOW);

  it('keeps case data out of the metadata: only the packet id in the title, no author, subject or keywords', () => {
    const fields = Object.fromEntries(police.text.metadata.map((m) => [m.field, m.text]));
    expect(fields['Info.Title']).toBe(`Referral packet ${SAMPLE.packetId}`);
    expect(fields['Info.Producer']).toBe('Casekeeper');
    expect(fields['Info.Creator']).toBe('Casekeeper');
    expect(fields['Info.CreationDate']).toBe('D:20260320140509Z');
    expect(Object.keys(fields).sort()).toEqual(['Info.CreationDate', 'Info.Creator', 'Info.PDFFormatVersion', 'Info.Producer', 'Info.Title', 'XMP']);
    // pdfkit mirrors the Info dictionary into XMP: the same title, tool and date, and no dc:creator (author).
    expect(fields.XMP).toContain(`Referral packet ${SAMPLE.packetId}`);
    expect(fields.XMP).toContain('2026-03-20T14:05:09Z');
    expect(fields.XMP).not.toContain('dc:creator');
    const caseTexts = [SAMPLE.caseCode, SAMPLE.client, SAMPLE.clientOriginal, SAMPLE.city, doc.recipient.organisation, doc.referringOrganisation.name];
    for (const { text } of police.text.metadata) for (const value of caseTexts) expect(text).not.toContain(value);
    const raw = police.bytes.toString('latin1');
    expect(raw).not.toMatch(/\/(Author|Subject|Keywords)\b/);
  });

  it('embeds the fonts it uses, so CJK and Arabic print the same on any computer', () => {
    const raw = police.bytes.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansArabic-Regular/);
  });

  it('renders the same document to the same bytes', async () => {
    const again = await renderPacketPdf(doc);
    expect(again.equals(police.bytes)).toBe(true);
  }, SLOW);

  it('gives each recipient template its own cover and section order', async () => {
    for (const template of PACKET_TEMPLATES) {
      const sample = buildSamplePacketDocument({ template });
      const { text } = template === 'police_report' ? police : await render(sample);
      const cover = flat(text.pages[0]!);
      expect(cover).toContain(sample.title);
      expect(cover).toContain(sample.recipient.typeLabel);
      const body = flat(text.pages.slice(1).join('\n'));
      // The CCF request leads with the request; the others with the summary.
      expect(body.trimStart().startsWith(template === 'interpol_ccf' ? '1. The request ' : '1. Summary ')).toBe(true);
      for (const section of sample.templateSections) expect(body).toContain(section.title);
    }
  }, SLOW);

  it('paginates a 200-incident timeline: numbered pages, header on every table page, no incident split from its description', async () => {
    const long = buildSamplePacketDocument({ threats: 200 });
    const { text } = await render(long);
    const total = text.pages.length;
    expect(total).toBeGreaterThan(20);
    const pages = text.pages.map(flat);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${total}`));
    for (const threat of long.timeline) {
      const start = `${threat.ref} ${threat.date} `;
      const holding = pages.filter((page) => page.includes(start));
      expect(holding, threat.ref).toHaveLength(1);
      const page = holding[0]!;
      expect(page.slice(page.indexOf(start)), threat.ref).toContain(flat(threat.description.text));
    }
    for (const page of pages.filter((p) => /\bT\d+ \d{4}-\d{2}/.test(p))) expect(page).toContain('Ref Date Tactic / channel');
  }, SLOW);

  it('prints □ for a script no embedded font covers, and says referral.json has the full text', async () => {
    const sample = buildSamplePacketDocument({ threats: 1, evidence: 0 });
    sample.summary = samplePacketText('Her cousin 김민준 in Tbilisi (თბილისი) was also called.');
    const { flat: text } = await render(sample);
    expect(text).toContain('Her cousin □□□ in Tbilisi (□□□□□□□) was also called.');
    expect(text).toContain('referral.json holds the full text');
  }, SLOW);
});

/** A one-page PDF as other software writes them: no embedded font, text in a predefined CJK encoding. */
function foreignCjkPdf(hexUcs2: string): Buffer {
  const content = `BT /F1 12 Tf 50 700 Td <${hexUcs2}> Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 4 ' +
      '/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >> >>] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('reading a PDF back for the leak scan', () => {
  it('reads Chinese text from a PDF made elsewhere, as an evidence file included as is may be', async () => {
    const { pages } = await extractPdfText(foreignCjkPdf('674E4F1F4E0A6D77'));
    expect(pages).toEqual(['李伟上海']);
  });
});

describe('the embedded font files', () => {
  it('are found in node_modules when running from source', () => {
    const paths = fontPaths();
    expect(paths.sans).toMatch(/NotoSansSC_400Regular\.ttf$/);
    expect(paths.sansBold).toMatch(/NotoSansSC_700Bold\.ttf$/);
    expect(paths.arabic).toMatch(/NotoSansArabic_400Regular\.ttf$/);
    expect(paths.arabicBold).toMatch(/NotoSansArabic_700Bold\.ttf$/);
  });

  it('are found under <resources>/fonts in a packaged app', () => {
    const source = fontPaths();
    const dir = makeTempDir('ck-fonts-');
    try {
      const sub = { sans: 'noto-sans-sc/400Regular', sansBold: 'noto-sans-sc/700Bold', arabic: 'noto-sans-arabic/400Regular', arabicBold: 'noto-sans-arabic/700Bold' } as const;
      for (const role of PACKET_FONT_ROLES) {
        const target = join(dir.path, 'fonts', ...sub[role].split('/'));
        mkdirSync(target, { recursive: true });
        symlinkSync(source[role], join(target, source[role].split(/[\\/]/).pop()!));
      }
      const packaged = fontPaths(dir.path);
      for (const role of PACKET_FONT_ROLES) expect(packaged[role].startsWith(join(dir.path, 'fonts'))).toBe(true);
    } finally {
      dir.remove();
    }
  });

  it('missing, stop the export with a message that says what to do', () => {
    const dir = makeTempDir('ck-fonts-');
    try {
      let error: unknown;
      try {
        fontPaths(dir.path);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'INTERNAL' });
      expect((error as AppError).message).toMatch(/NotoSansSC_400Regular\.ttf.*Reinstall Casekeeper/);
    } finally {
      dir.remove();
    }
  });
});
