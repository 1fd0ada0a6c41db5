import { dirname, join, sep } from 'node:path';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { importModuleFile, resolvePackageFile } from './package-files';

type PdfJs = typeof PdfJsModule;

/**
 * Reads a finished PDF back the way a recipient's viewer would, so the leak
 * scan checks what is really in the file rather than what we meant to write:
 * the text of every page (in the order drawn, items joined, and in reading
 * order), annotations, form fields, alt text, page labels, the Info
 * dictionary, the XMP packet, outlines, JavaScript and attachments (with
 * their content, for the scan to read by its own type). One pdf.js load.
 *
 * pdfjs-dist's legacy build runs in Node; without a worker it falls back to
 * its in-process "fake worker", which is what we want in the main process.
 */

export interface ExtractedPdfText {
  /** One string per page, lines separated by "\n". */
  pages: string[];
  /** Every metadata string, by where it was found: "Info.Title", "XMP", "Outline", … */
  metadata: Array<{ field: string; text: string }>;
  /** Everything else a reader can see or a viewer shows on request, by where: "page 2 (items joined)", "annotation on page 2", "form field name"… */
  texts: Array<{ field: string; text: string }>;
  /** Embedded files, with their bytes. */
  attachments: Array<{ name: string; data: Uint8Array }>;
}

interface TextItemLike {
  str?: unknown;
  hasEOL?: unknown;
  transform?: unknown;
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

/** Every string in what pdf.js reports (structural ones such as "Link" too: harmless to search). */
function stringsOf(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  if (depth > 8 || value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return [];
  if (Array.isArray(value)) return value.flatMap((v) => stringsOf(v, depth + 1));
  return Object.values(value as Record<string, unknown>).flatMap((v) => stringsOf(v, depth + 1));
}

interface OutlineNode {
  title: string;
  url?: string | null;
  unsafeUrl?: string;
  items: unknown[];
}

function outlineTitles(nodes: readonly OutlineNode[] | null): string[] {
  if (!nodes) return [];
  return nodes.flatMap((node) => [node.title, ...outlineTitles(node.items as OutlineNode[])]);
}

function outlineLinks(nodes: readonly OutlineNode[] | null): string[] {
  if (!nodes) return [];
  return nodes.flatMap((node) => [...[node.url, node.unsafeUrl].filter((u): u is string => typeof u === 'string' && u !== ''), ...outlineLinks(node.items as OutlineNode[])]);
}

/**
 * The page's strings with no joining assumptions: concatenated as drawn,
 * with and without a space between items (a name split over items is whole
 * in one of them), and in reading order (top to bottom, left
 * to right), which differs when a writer drew the pieces out of order.
 */
function pageVariants(items: readonly TextItemLike[]): { joined: string; spaced: string; readingOrder: string } {
  const strings = items.filter((item): item is TextItemLike & { str: string } => typeof item.str === 'string' && item.str !== '');
  const joined = strings.map((item) => item.str).join('');
  const spaced = strings.map((item) => item.str).join(' ');
  const placed = strings.map((item, index) => {
    const t = Array.isArray(item.transform) ? (item.transform as number[]) : [];
    return { str: item.str, x: Number(t[4] ?? 0), y: Number(t[5] ?? 0), index };
  });
  placed.sort((a, b) => (Math.abs(a.y - b.y) > 2 ? b.y - a.y : a.x - b.x || a.index - b.index));
  let readingOrder = '';
  let lineY: number | null = null;
  for (const item of placed) {
    if (lineY !== null && Math.abs(item.y - lineY) > 2) readingOrder += '\n';
    readingOrder += item.str;
    lineY = item.y;
  }
  return { joined, spaced, readingOrder };
}

interface StructNode {
  role?: unknown;
  alt?: unknown;
  lang?: unknown;
  children?: unknown;
}

/** Alternative text of every structure element (figures, formulas): read aloud by screen readers. */
function structTexts(node: unknown, depth = 0): string[] {
  if (depth > 64 || node === null || typeof node !== 'object') return [];
  const { alt, children } = node as StructNode;
  const own = typeof alt === 'string' && alt !== '' ? [alt] : [];
  return [...own, ...(Array.isArray(children) ? children.flatMap((child) => structTexts(child, depth + 1)) : [])];
}

/** Form fields: names, values, defaults, export values and choices, as pdf.js reports them. */
function fieldTexts(fields: Record<string, unknown[]> | null): Array<{ field: string; text: string }> {
  const texts: Array<{ field: string; text: string }> = [];
  for (const [name, widgets] of Object.entries(fields ?? {})) {
    texts.push({ field: 'form field name', text: name });
    for (const widget of widgets) {
      const strings = stringsOf(widget).filter((text) => text !== name);
      if (strings.length > 0) texts.push({ field: `form field ${name}`, text: strings.join('\n') });
    }
  }
  return texts;
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
    const texts: ExtractedPdfText['texts'] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const items = content.items as TextItemLike[];
      pages.push(pageText(items));
      const { joined, spaced, readingOrder } = pageVariants(items);
      texts.push(
        { field: `page ${number} (items joined)`, text: joined },
        { field: `page ${number} (items spaced)`, text: spaced },
        { field: `page ${number} (reading order)`, text: readingOrder },
      );
      const annotations = (await page.getAnnotations()) as Array<Record<string, unknown>>;
      for (const annotation of annotations) {
        const strings = stringsOf(annotation);
        if (strings.length > 0) texts.push({ field: `annotation on page ${number}`, text: strings.join('\n') });
      }
      const alt = structTexts(await page.getStructTree().catch(() => null));
      if (alt.length > 0) texts.push({ field: `alt text on page ${number}`, text: alt.join('\n') });
      page.cleanup();
    }
    texts.push(...fieldTexts((await pdf.getFieldObjects()) as Record<string, unknown[]> | null));
    const labels = await pdf.getPageLabels();
    if (labels) texts.push({ field: 'page labels', text: labels.join('\n') });
    const actions = stringsOf(await pdf.getJSActions());
    if (actions.length > 0) texts.push({ field: 'JavaScript', text: actions.join('\n') });

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
    const outline = (await pdf.getOutline()) as OutlineNode[] | null;
    for (const title of outlineTitles(outline)) metadata.push({ field: 'Outline', text: title });
    for (const link of outlineLinks(outline)) metadata.push({ field: 'Outline link', text: link });
    const attachments = (await pdf.getAttachments()) as Record<string, { filename?: string; description?: string; content?: Uint8Array }> | null;
    const files: ExtractedPdfText['attachments'] = [];
    for (const [key, attachment] of Object.entries(attachments ?? {})) {
      const name = attachment.filename ?? key;
      metadata.push({ field: 'Attachment', text: name });
      if (attachment.description) metadata.push({ field: `Attachment ${name} description`, text: attachment.description });
      if (attachment.content) files.push({ name, data: attachment.content });
    }
    return { pages, metadata, texts, attachments: files };
  } finally {
    await pdf.destroy();
  }
}
