import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceDto } from '../../../../shared/domain/records';
import type { AppError } from '../../../../shared/errors';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError, invoke } from '../../lib/api';
import { mediaKindOf } from './media-kind';
import { PdfPages } from './PdfPages';
import { base64ToBytes } from './read-file';

const TEXT_PREVIEW_CHARS = 200_000;

interface Loaded {
  bytes: Uint8Array<ArrayBuffer>;
  mediaType: string;
}

/**
 * Shows one piece of evidence, decrypted in memory only: never written to
 * disk, never cached by react-query; the blob URL is revoked on close.
 */
export function EvidenceViewer({ evidence, onClose }: { evidence: EvidenceDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={evidence !== null}
      title={evidence ? <span dir="auto">{evidence.fileName}</span> : ''}
      onClose={onClose}
      footer={
        <Button variant="secondary" onClick={onClose}>
          {t('evidence.viewer.close')}
        </Button>
      }
    >
      {evidence ? <ViewerBody key={evidence.id} evidence={evidence} /> : null}
    </Dialog>
  );
}

function ViewerBody({ evidence }: { evidence: EvidenceDto }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    let cancelled = false;
    invoke('evidence:content', { id: evidence.id })
      .then((content) => {
        if (!cancelled) setLoaded({ bytes: base64ToBytes(content.dataBase64), mediaType: content.mediaType });
      })
      .catch((caught: unknown) => {
        if (!cancelled) setError(asAppError(caught));
      });
    return () => {
      cancelled = true;
    };
  }, [evidence.id]);

  if (error) return <ErrorAlert error={error} />;
  if (!loaded) return <p className="muted" aria-busy="true">{t('evidence.viewer.decrypting')}</p>;

  const kind = mediaKindOf(loaded.mediaType);
  return (
    <div className="evidence-viewer">
      {kind === 'pdf' ? <PdfPages bytes={loaded.bytes} fileName={evidence.fileName} /> : null}
      {kind === 'image' || kind === 'audio' || kind === 'video' ? <MediaView kind={kind} loaded={loaded} fileName={evidence.fileName} /> : null}
      {kind === 'text' || kind === 'none' ? <NoPreview kind={kind} loaded={loaded} /> : null}
    </div>
  );
}

function MediaView({ kind, loaded, fileName }: { kind: 'image' | 'audio' | 'video'; loaded: Loaded; fileName: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(new Blob([loaded.bytes], { type: loaded.mediaType }));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [loaded]);
  if (!url) return null;
  switch (kind) {
    case 'image':
      return <img className="evidence-viewer__image" src={url} alt={t('evidence.viewer.imageAlt', { name: fileName })} />;
    case 'audio':
      return <audio className="evidence-viewer__media" src={url} controls aria-label={t('evidence.viewer.audioLabel', { name: fileName })} />;
    case 'video':
      return <video className="evidence-viewer__media" src={url} controls aria-label={t('evidence.viewer.videoLabel', { name: fileName })} />;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** SVG, HTML, XML and unknown types are never rendered; text-like ones are shown as plain text. */
function NoPreview({ kind, loaded }: { kind: 'text' | 'none'; loaded: Loaded }) {
  const { t } = useTranslation();
  const text = kind === 'text' ? new TextDecoder('utf-8', { fatal: false }).decode(loaded.bytes.subarray(0, TEXT_PREVIEW_CHARS * 4)) : null;
  return (
    <div className="stack stack--md">
      <Alert tone="info" title={t('evidence.viewer.noPreview')}>
        {kind === 'text' ? t('evidence.viewer.noPreviewText') : t('evidence.viewer.noPreviewBinary')}
      </Alert>
      {text !== null ? (
        <pre className="evidence-viewer__text" dir="auto" aria-label={t('evidence.viewer.textLabel')} tabIndex={0}>
          {text.length > TEXT_PREVIEW_CHARS ? `${text.slice(0, TEXT_PREVIEW_CHARS)}\n…` : text}
        </pre>
      ) : null}
    </div>
  );
}
