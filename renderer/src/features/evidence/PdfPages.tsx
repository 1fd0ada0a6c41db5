import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';

const PAGE_BATCH = 20;
const CSS_WIDTH = 760;

async function loadPdfJs() {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?worker&url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs;
}

/**
 * A PDF drawn page by page onto canvases by pdf.js, from bytes in memory.
 * No eval, no XFA, no scripting, no font-face injection, nothing fetched.
 */
export function PdfPages({ bytes, fileName }: { bytes: Uint8Array; fileName: string }) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [shown, setShown] = useState(PAGE_BATCH);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    void (async () => {
      try {
        const pdfjs = await loadPdfJs();
        if (cancelled) return;
        const task = pdfjs.getDocument({
          data: bytes.slice(), // pdf.js takes ownership of the buffer it gets
          isEvalSupported: false,
          enableXfa: false,
          disableFontFace: true,
          useSystemFonts: false,
          useWasm: false,
          stopAtErrors: false,
          verbosity: 0,
        });
        destroy = () => task.destroy();
        const loaded = await task.promise;
        if (!cancelled) setDoc(loaded);
      } catch {
        if (!cancelled) setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      void destroy?.();
    };
  }, [bytes]);

  if (failed) return <Alert tone="warning">{t('evidence.viewer.pdfFailed')}</Alert>;
  if (!doc) return <p className="muted">{t('evidence.viewer.pdfLoading')}</p>;
  const count = doc.numPages;
  const pages = Array.from({ length: Math.min(count, shown) }, (_, i) => i + 1);
  return (
    <div className="pdf-pages" aria-label={t('evidence.viewer.pdfLabel', { name: fileName, count })} role="document">
      <p className="muted small">{t('evidence.viewer.pageCount', { count })}</p>
      {pages.map((n) => (
        <PdfPage key={n} doc={doc} pageNumber={n} count={count} />
      ))}
      {count > shown ? (
        <Button variant="secondary" onClick={() => setShown((s) => s + PAGE_BATCH)}>
          {t('evidence.viewer.morePages', { count: Math.min(PAGE_BATCH, count - shown) })}
        </Button>
      ) : null}
    </div>
  );
}

function PdfPage({ doc, pageNumber, count }: { doc: PDFDocumentProxy; pageNumber: number; count: number }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'done' | 'failed'>('loading');

  useEffect(() => {
    let cancelled = false;
    let cancelRender: (() => void) | null = null;
    void (async () => {
      try {
        const page = await doc.getPage(pageNumber);
        const canvas = canvasRef.current;
        if (cancelled || !canvas) return;
        const base = page.getViewport({ scale: 1 });
        const scale = CSS_WIDTH / base.width;
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: scale * ratio });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
        canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
        const task = page.render({ canvas, viewport });
        cancelRender = () => task.cancel();
        await task.promise;
        if (!cancelled) setState('done');
      } catch {
        if (!cancelled) setState('failed');
      }
    })();
    return () => {
      cancelled = true;
      cancelRender?.();
    };
  }, [doc, pageNumber]);

  return (
    <figure className="pdf-page">
      <canvas ref={canvasRef} className="pdf-page__canvas" role="img" aria-label={t('evidence.viewer.pageOf', { n: pageNumber, count })} data-rendered={state === 'done' || undefined} />
      <figcaption className="muted small">
        {state === 'failed' ? t('evidence.viewer.pageFailed', { n: pageNumber }) : t('evidence.viewer.pageOf', { n: pageNumber, count })}
      </figcaption>
    </figure>
  );
}
