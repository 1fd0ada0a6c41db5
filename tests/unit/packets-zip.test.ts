import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { Uint8ArrayReader, ZipReader } from '@zip.js/zip.js';
import { afterEach, describe, expect, it } from 'vitest';
import { listPacketZip, readPacketZip, writePacketZip } from '../../electron/services/packets/zip';

const MODIFIED = new Date('2026-05-04T09:30:00Z');
const enc = (s: string) => new TextEncoder().encode(s);

/**
 * A stored (uncompressed) ZIP written byte by byte, so tests can make what no
 * honest writer makes: duplicate names, escaping names, lying sizes.
 */
function handMadeZip(entries: Array<{ name: string; data?: Uint8Array; claimedSize?: number }>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data = new Uint8Array(0), claimedSize } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const size = claimedSize ?? data.byteLength;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.byteLength, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, Buffer.from(data));
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const samplePacket = [
  { path: 'README.txt', data: enc('Fictional packet for tests.\n'.repeat(50)) },
  { path: 'referral.pdf', data: enc('%PDF-1.7 fictional referral') },
  { path: 'evidence/E01.jpg', data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]) },
  { path: 'evidence/说明 – note.txt', data: enc('UTF-8 名前 in a fictional note') },
];

describe('writing and reading packet ZIPs', () => {
  it('a packet written to a ZIP reads back with the same files, in the same order', async () => {
    const zip = await writePacketZip(samplePacket, { modified: MODIFIED });
    const back = await readPacketZip(zip);
    expect(back.map((e) => e.path)).toEqual(samplePacket.map((e) => e.path));
    back.forEach((entry, i) => expect(Buffer.from(entry.data).equals(Buffer.from(samplePacket[i]!.data))).toBe(true));
  });

  it('the same files and date always give the same bytes, deflated, with UTF-8 names and the given timestamp', async () => {
    const first = await writePacketZip(samplePacket, { modified: MODIFIED });
    const second = await writePacketZip(samplePacket, { modified: MODIFIED });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const entries = await new ZipReader(new Uint8ArrayReader(first)).getEntries();
    for (const entry of entries) {
      expect(entry.compressionMethod).toBe(8);
      expect(entry.bitFlag?.languageEncodingFlag).toBe(true);
      expect(entry.lastModDate.getTime()).toBe(MODIFIED.getTime());
    }
  });

  it('refuses to write names that would escape the folder or collide', async () => {
    for (const path of ['../outside.txt', '/etc/hosts.txt', 'evidence\\E01.jpg', 'C:/x.txt', 'a//b.txt', 'line\nbreak.txt']) {
      await expect(writePacketZip([{ path, data: enc('x') }], { modified: MODIFIED }), path).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    await expect(writePacketZip([{ path: 'a.txt', data: enc('1') }, { path: 'A.txt', data: enc('2') }], { modified: MODIFIED })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('encrypted entries need a passphrase, and only the right one opens them', async () => {
    const zip = await writePacketZip(samplePacket, { modified: MODIFIED, passphrase: 'fictional-passphrase-42' });
    expect((await listPacketZip(zip)).every((e) => e.encrypted)).toBe(true);
    await expect(readPacketZip(zip)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/passphrase/) });
    await expect(readPacketZip(zip, { passphrase: 'not the passphrase' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const back = await readPacketZip(zip, { passphrase: 'fictional-passphrase-42' });
    expect(back.map((e) => e.path)).toEqual(samplePacket.map((e) => e.path));
  });

  it('a hand-made ZIP with honest names and sizes is read (the hostile cases below differ only in what they test)', async () => {
    const back = await readPacketZip(handMadeZip([{ name: 'folder/', data: new Uint8Array(0) }, { name: 'folder/a.txt', data: enc('fine') }]));
    expect(back).toEqual([{ path: 'folder/a.txt', data: enc('fine') }]);
  });
});

describe('hostile ZIPs are refused before anything is unpacked', () => {
  it.each([
    ['a parent-folder name', '../../home/user/.bashrc'],
    ['a parent folder in the middle', 'evidence/../../escape.txt'],
    ['an absolute name', '/etc/cron.d/job'],
    ['backslashes', '..\\..\\Windows\\evil.dll'],
    ['a backslash inside a name', 'evidence\\E01.jpg'],
    ['a drive letter', 'C:/Users/Public/evil.txt'],
    ['a drive letter without slash', 'C:evil.txt'],
    ['a control character', 'evil\u0000.txt'],
  ])('%s', async (_what, name) => {
    const zip = handMadeZip([{ name: 'README.txt', data: enc('hello') }, { name, data: enc('payload') }]);
    await expect(readPacketZip(zip)).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('Ask the sender for a new copy') });
  });

  it.each([
    ['the same name twice', ['evidence/E01.jpg', 'evidence/E01.jpg']],
    ['names differing only by case', ['Referral.pdf', 'referral.pdf']],
    ['names differing only by Unicode form', ['caf\u00e9.txt', 'cafe\u0301.txt']],
    ['a file that is also a folder', ['evidence', 'evidence/E01.jpg']],
  ])('duplicates: %s', async (_what, names) => {
    const zip = handMadeZip(names.map((name) => ({ name, data: enc(name) })));
    await expect(readPacketZip(zip)).rejects.toMatchObject({ code: 'CORRUPT' });
  });

  it('more than 10,000 entries', async () => {
    const names = Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}.txt` }));
    await expect(listPacketZip(handMadeZip(names.slice(0, 10_000)))).resolves.toHaveLength(10_000);
    await expect(readPacketZip(handMadeZip(names))).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('10,000') });
  });

  it('a claimed unpacked size over the 2 GiB default', async () => {
    const zip = handMadeZip([{ name: 'small.txt', data: enc('x') }, { name: 'bomb.bin', data: enc('tiny'), claimedSize: 0xc000_0000 }]);
    await expect(readPacketZip(zip)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('2 GiB') });
  });

  it('a highly compressible bomb over a configured limit', async () => {
    const bomb = await writePacketZip([{ path: 'zeros.bin', data: new Uint8Array(20 * 1024 * 1024) }], { modified: MODIFIED });
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    await expect(readPacketZip(bomb, { maxTotalBytes: 10 * 1024 * 1024 })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('10 MiB') });
  });

  it('an entry that inflates past the size it claims', async () => {
    const zip = await writePacketZip([{ path: 'zeros.bin', data: new Uint8Array(1024 * 1024) }], { modified: MODIFIED });
    const view = Buffer.from(zip);
    const central = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    view.writeUInt32LE(10, 22); // local header: uncompressed size
    view.writeUInt32LE(10, central + 24); // central directory: uncompressed size
    await expect(readPacketZip(new Uint8Array(view))).rejects.toMatchObject({ code: 'CORRUPT' });
  });

  it('data appended or prepended to the ZIP, and files that are not ZIPs at all', async () => {
    const zip = await writePacketZip(samplePacket, { modified: MODIFIED });
    await expect(readPacketZip(new Uint8Array([...zip, ...enc('appended')]))).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(readPacketZip(new Uint8Array([...enc('MZ stub'), ...zip]))).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(readPacketZip(enc('%PDF-1.7 not a zip'))).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(readPacketZip(zip.slice(0, zip.length - 30))).rejects.toMatchObject({ code: 'CORRUPT' });
  });
});

function tool(command: string, probe: string[]): string | null {
  const result = spawnSync(command, probe, { stdio: 'ignore' });
  return result.error ? null : command;
}

const unzip = tool('unzip', ['-v']);
const python = tool('python3', ['-c', 'import zipfile']);
if (!unzip) console.warn('packets-zip interop: unzip is not installed; its test is skipped.');
if (!python) console.warn('packets-zip interop: python3 is not installed; its test is skipped.');

describe('other tools read packet ZIPs with UTF-8 names', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  const setUp = async () => {
    dir = mkdtempSync(join(tmpdir(), 'ck-zip-'));
    writeFileSync(join(dir, 'packet.zip'), await writePacketZip(samplePacket, { modified: MODIFIED }));
    return dir;
  };
  const expectExtracted = (out: string) => {
    for (const { path, data } of samplePacket) expect(readFileSync(join(out, path)).equals(Buffer.from(data)), path).toBe(true);
  };

  it.skipIf(!unzip)(`unzip extracts it${unzip ? '' : ' (SKIPPED: unzip not installed)'}`, async () => {
    const d = await setUp();
    execFileSync('unzip', ['-q', join(d, 'packet.zip'), '-d', join(d, 'out')], { env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    expectExtracted(join(d, 'out'));
  });

  it.skipIf(!python)(`python3 zipfile extracts it${python ? '' : ' (SKIPPED: python3 not installed)'}`, async () => {
    const d = await setUp();
    const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nz.extractall(sys.argv[2])';
    execFileSync('python3', ['-c', script, join(d, 'packet.zip'), join(d, 'out')]);
    expectExtracted(join(d, 'out'));
  });
});
