import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffFileType } from '../../electron/services/packets/sniff';
import { decodeTextAll, markupTexts, textEncodingsOf } from '../../electron/services/packets/text-encodings';
import { writePacketZip } from '../../electron/services/packets/zip';

/** 王芳 ("Wang Fang") as a Chinese Windows or Taiwanese editor saves it. */
const WANG_FANG_GB18030 = Buffer.from('cdf5b7bc', 'hex');
const WANG_FANG_BIG5 = Buffer.from('a4fdaada', 'hex');

function ftyp(major: string, ...compatible: string[]): Buffer {
  const brands = Buffer.from([major, '\0\0\0\0', ...compatible].join(''), 'latin1');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + brands.length);
  return Buffer.concat([size, Buffer.from('ftyp', 'latin1'), brands, Buffer.alloc(16)]);
}

describe('what a file is, from its bytes alone', () => {
  it('names images by their magic numbers, whatever the recorded type claims', async () => {
    const pixel = sharp({ create: { width: 2, height: 2, channels: 3, background: '#808080' } });
    const cases: Array<[Buffer, string]> = [
      [await pixel.clone().jpeg().toBuffer(), 'image/jpeg'],
      [await pixel.clone().png().toBuffer(), 'image/png'],
      [await pixel.clone().gif().toBuffer(), 'image/gif'],
      [await pixel.clone().webp().toBuffer(), 'image/webp'],
      [await pixel.clone().tiff().toBuffer(), 'image/tiff'],
      [ftyp('heic', 'mif1'), 'image/heic'],
      [ftyp('avif', 'mif1'), 'image/avif'],
    ];
    for (const [bytes, mediaType] of cases) expect(sniffFileType(bytes, 'text/plain').mediaType, mediaType).toBe(mediaType);
  });

  it('tells PDFs, ZIPs and gzip apart from what they are called', async () => {
    expect(sniffFileType(Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj', 'latin1'), 'image/jpeg')).toMatchObject({ mediaType: 'application/pdf', extension: 'pdf' });
    const zip = await writePacketZip([{ path: 'a.txt', data: Buffer.from('hello') }], { modified: new Date('2026-01-01T00:00:00Z') });
    expect(sniffFileType(zip, 'image/png')).toMatchObject({ mediaType: 'application/zip', extension: 'zip' });
    expect(sniffFileType(gzipSync(Buffer.from('hello')), 'text/plain')).toMatchObject({ mediaType: 'application/gzip' });
  });

  it('recognises SVG, HTML and XML text even when recorded as a photo', () => {
    expect(sniffFileType(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'image/png').mediaType).toBe('image/svg+xml');
    expect(sniffFileType(Buffer.from('<!DOCTYPE html><html><body>hi</body></html>'), 'image/png').mediaType).toBe('text/html');
    expect(sniffFileType(Buffer.from('<?xml version="1.0"?><note>hi</note>'), 'image/png').mediaType).toBe('application/xml');
    // A recorded text type is believed for text: the bytes cannot tell a .csv from a .txt.
    expect(sniffFileType(Buffer.from('name,city\nA,B\n'), 'text/csv').mediaType).toBe('text/csv');
  });

  it('knows text in UTF-16 (with or without a byte-order mark), GB18030 and Big5 is text, and random bytes are not', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Wang Fang called.', 'utf16le')]);
    expect(sniffFileType(utf16, '').mediaType).toBe('text/plain');
    expect(sniffFileType(Buffer.from('Wang Fang called.', 'utf16le'), '').mediaType).toBe('text/plain');
    expect(sniffFileType(Buffer.concat([Buffer.from('Caller: '), WANG_FANG_GB18030, Buffer.from('\r\n')]), '').mediaType).toBe('text/plain');
    expect(sniffFileType(Buffer.concat([Buffer.from('Caller: '), WANG_FANG_BIG5, Buffer.from('\r\n')]), '').mediaType).toBe('text/plain');
    expect(sniffFileType(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0x00, 0x99, 0x10, 0x05]), 'text/plain')).toMatchObject({ mediaType: 'application/octet-stream', extension: 'bin' });
  });
});

describe('text in whatever encoding it was saved in', () => {
  it('reads a GB18030 file and a Big5 file so that the Chinese name is whole in one of the readings', () => {
    for (const name of [WANG_FANG_GB18030, WANG_FANG_BIG5]) {
      const bytes = Buffer.concat([Buffer.from('Caller: '), name, Buffer.from(' (sister)\n')]);
      expect(textEncodingsOf(bytes)).not.toContain('utf-16le');
      expect(decodeTextAll(bytes).map((r) => r.text).join('\n')).toContain('Caller: 王芳 (sister)');
    }
  });

  it('reads UTF-8 once and UTF-16 by its byte-order mark', () => {
    expect(decodeTextAll(Buffer.from('王芳 called'))).toEqual([{ encoding: 'utf-8', text: '王芳 called' }]);
    expect(decodeTextAll(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('王芳', 'utf16le').swap16()]))).toEqual([{ encoding: 'utf-16be', text: '王芳' }]);
  });

  it('shows markup as a reader sees it: tags gone, entities decoded, attributes and comments kept', () => {
    const texts = markupTexts('<p title="Wang&#32;Fang">W<b>ang</b>&#x20;&#x82B3;<!-- note: Li Wei --></p>');
    expect(texts.joined).toContain('Wang 芳');
    expect(texts.attributes).toContain('Wang Fang');
    expect(texts.comments.join(' ')).toContain('Li Wei');
  });
});
