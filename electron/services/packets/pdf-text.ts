import { dirname, join, sep } from 'node:path';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { importModuleFile, resolvePackageFile } from './package-files';

type PdfJs = typeof PdfJsModule;

/**
 * Reads a finished PDF back the way a recipient's viewer would, so the leak
 * scan checks what is really in the file rather than what we meant to write:
 * the text of every page (plus annotation text), the Info dictionary, the
 * XMP packet, outline titles and attachment names.
 *
 * pdfjs-dist's legacy build runs in Node; without a worker it falls back to
 * its in-process "fake worker", which is what we want in the main process.
 */

export interface ExtractedPdfText {
  /** One string per page, lines separated by "\n". */
  pages: string[];
  /** Every metadata string, by where it was found: "Info.Title", "XMP", "Outline", … */
  metadata: Array<{ field: string; text: string }>;
}

interface TextItemLike {
  str?: unknown;
  hasEOL?: unknown;
}

function pageText(items: readonly TextItemLike[]): string {
  let out = '';
  for (const item of items) {
    if (typeof item.str === 'string') out += item.str;
    if (item.hasEOL === true) out += '\n';
  }
  return out;
}

/**
 * pdf.js, loaded on first use (it is large) by absolute path: a bare
 * specifier fails when this module is itself loaded through tsx's CommonJS
 * bridge (the CLI), and the bundled main process leaves a computed import()
 * alone, so pdfjs stays in node_modules. No worker: pdf.js then reads
 * in-process, which is what the main process wants.
 */
export async function loadPdfJs(): Promise<{ pdfjs: PdfJs; root: string }> {
  const root = dirname(resolvePackageFile('pdfjs-dist/package.json'));
  const pdfjs = await importModuleFile<PdfJs>(join(root, 'legacy', 'build', 'pdf.mjs'));
  return { pdfjs, root };
}

const ANNOTATION_TEXT_KEYS = ['contentsObj', 'titleObj', 'richText', 'fieldValue', 'alternativeText', 'url', 'unsafeUrl', 'textContent'] as const;

function stringsOf(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  if (depth > 3 || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v) => stringsOf(v, depth + 1));
  const record = value as Record<string, unknown>;
  if (typeof record.str === 'string') return record.str ? [record.str] : [];
  return Object.values(record).flatMap((v) => stringsOf(v, depth + 1));
}

function outlineTitles(nodes: ReadonlyArray<{ title: string; items: unknown[] }> | null): string[] {
  if (!nodes) return [];
  return nodes.flatMap((node) => [node.title, ...outlineTitles(node.items as Array<{ title: string; items: unknown[] }>)]);
}

export async function extractPdfText(bytes: Uint8Array): Promise<ExtractedPdfText> {
  const { pdfjs, root } = await loadPdfJs();
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy so the caller's bytes stay usable.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // pdfjs's own files: the 14 standard fonts (Courier in our PDFs), and the CJK character maps
    // without which text in PDFs from elsewhere (evidence included as is) would come back empty.
    standardFontDataUrl: join(root, 'standard_fonts') + sep,
    cMapUrl: join(root, 'cmaps') + sep,
    cMapPacked: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let text = pageText(content.items as TextItemLike[]);
      const annotations = (await page.getAnnotations()) as Array<Record<string, unknown>>;
      for (const annotation of annotations) {
        const strings = ANNOTATION_TEXT_KEYS.flatMap((key) => stringsOf(annotation[key]));
        if (strings.length > 0) text += `\n${strings.join('\n')}`;
      }
      pages.push(text);
      page.cleanup();
    }

    const metadata: ExtractedPdfText['metadata'] = [];
    const { info, metadata: xmp } = await pdf.getMetadata();
    const visit = (prefix: string, value: unknown): void => {
      if (typeof value === 'string') metadata.push({ field: prefix, text: value });
      else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const [key, inner] of Object.entries(value)) visit(`${prefix}.${key}`, inner);
      }
    };
    visit('Info', info);
    const raw: unknown = xmp?.getRaw();
    if (typeof raw === 'string' && raw) metadata.push({ field: 'XMP', text: raw });
    for (const title of outlineTitles(await pdf.getOutline())) metadata.push({ field: 'Outline', text: title });
    const attachments = (await pdf.getAttachments()) as Record<string, { filename?: string }> | null;
    for (const [key, attachment] of Object.entries(attachments ?? {})) {
      metadata.push({ field: 'Attachment', text: attachment.filename ?? key });
    }
    return { pages, metadata };
  } finally {
    await pdf.destroy();
  }
}
