/**
 * How the viewer may show a media type. Only passive formats the browser
 * decodes itself are rendered; SVG, HTML, XML and everything else are never
 * rendered as active content (at most shown as text).
 */
export type MediaKind = 'image' | 'audio' | 'video' | 'pdf' | 'text' | 'none';

const IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);
const AUDIO = new Set(['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/ogg', 'audio/wav', 'audio/x-wav', 'audio/webm', 'audio/flac', 'audio/x-m4a']);
const VIDEO = new Set(['video/mp4', 'video/webm', 'video/ogg', 'video/quicktime']);
const TEXT = /^(text\/.+|application\/(json|xml|xhtml\+xml|javascript|x-javascript|ecmascript|csv|rtf)|image\/svg\+xml|message\/rfc822|.+\+(xml|json))$/;

export function mediaKindOf(mediaType: string): MediaKind {
  const type = mediaType.toLowerCase().split(';')[0]!.trim();
  if (IMAGES.has(type)) return 'image';
  if (AUDIO.has(type)) return 'audio';
  if (VIDEO.has(type)) return 'video';
  if (type === 'application/pdf') return 'pdf';
  if (TEXT.test(type)) return 'text';
  return 'none';
}

/** The browser's guess can be empty; the vault needs some type. */
export function mediaTypeOf(file: File): string {
  if (file.type) return file.type;
  const extension = file.name.toLowerCase().split('.').pop() ?? '';
  const byExtension: Record<string, string> = {
    jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf', txt: 'text/plain', svg: 'image/svg+xml',
    html: 'text/html', htm: 'text/html', mp3: 'audio/mpeg', m4a: 'audio/mp4', mp4: 'video/mp4', webm: 'video/webm', json: 'application/json',
  };
  return byExtension[extension] ?? 'application/octet-stream';
}
