import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { assemblePacket, MANIFEST_FILE, serialiseManifest, type ManifestInput } from '../../electron/services/packets/manifest';
import { verifyPacket } from '../../electron/services/packets/verify';
import { makeTempDir } from '../support/temp';

/**
 * Issue 14.13: a packet handed back on a USB stick may be a ZIP bomb, a few
 * hundred KiB that unpack to gigabytes. `casekeeper packet verify` must read
 * the manifest first, stream what it hashes and refuse what is out of bounds,
 * with a clear message and flat memory (measured in a child process).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = join(ROOT, 'tests', 'support', 'verify-child.ts');
const MiB = 1024 * 1024;
const BOMB_BYTES = 256 * MiB;
const enc = (s: string) => new TextEncoder().encode(s);
const temp = makeTempDir('ck-bomb-');
afterAll(() => temp.remove());

interface BombEntry {
  name: string;
  /** Real content, deflated. */
  data?: Uint8Array;
  /** Or this many zero bytes, deflated as a stream (never held in memory). */
  zeros?: number;
}

async function deflatedZeros(count: number): Promise<{ compressed: Buffer; crc: number }> {
  const chunk = Buffer.alloc(MiB);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  let crc = 0;
  for (let left = count; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  return { compressed: Buffer.concat(out), crc };
}

/** A well-formed deflated ZIP (consistent local and central headers), as a hostile sender would build it. */
async function bombZip(entries: BombEntry[]): Promise<Uint8Array> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const { compressed, crc, size } =
      entry.zeros !== undefined
        ? { ...(await deflatedZeros(entry.zeros)), size: entry.zeros }
        : { compressed: deflateRawSync(entry.data!), crc: crc32(entry.data!), size: entry.data!.byteLength };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

// Fictional content only.
const input: ManifestInput = {
  packetId: 'pkt-2026-05-04-b0b0b0',
  generatedAt: new Date('2026-05-04T09:30:00Z'),
  generatorVersion: '0.1.0',
  caseCode: 'CK-2026-0042',
  recipient: { type: 'lawyer', organisation: 'Fictional Chambers LLP' },
  profile: { id: 'lawyer', label: 'Lawyer' },
  template: 'general',
  consent: { kind: 'consent', consentId: '00000000-0000-4000-8000-0000000000c1', givenOn: '2026-04-20', expiresOn: null, scopeIdentity: 'pseudonymised', scopeEvidence: true },
  files: [
    { path: 'referral.pdf', data: enc('%PDF-1.7\nfictional referral\n%%EOF\n'), mediaType: 'application/pdf', role: 'pdf' },
    { path: 'evidence/E01.bin', data: enc('small fictional evidence'), mediaType: 'application/octet-stream', role: 'evidence', treatment: 'included_as_is', ref: 'E1' },
  ],
  redactions: [],
};

/** The packet's real entries, except that evidence/E01.bin is a bomb the manifest claims has `claimed` bytes. */
function packetEntries(claimed: number): BombEntry[] {
  const assembled = assemblePacket(input);
  const manifest = { ...assembled.manifest, files: assembled.manifest.files.map((f) => (f.path === 'evidence/E01.bin' ? { ...f, sizeBytes: claimed } : f)) };
  return assembled.entries.map((e) =>
    e.path === 'evidence/E01.bin' ? { name: e.path, zeros: claimed } : e.path === MANIFEST_FILE ? { name: e.path, data: serialiseManifest(manifest) } : { name: e.path, data: e.data },
  );
}

function verifyInChild(zip: Uint8Array, name: string): { baseMiB: number; peakMiB: number; report?: Awaited<ReturnType<typeof verifyPacket>>; error?: { code: string; message: string } } {
  const path = join(temp.path, name);
  writeFileSync(path, zip);
  const run = spawnSync(process.execPath, ['--import', 'tsx', CHILD, path], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`verify child failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim());
}

describe('checking a packet that is a ZIP bomb', () => {
  it('a 256 MiB file packed into a few hundred KiB, plus an unlisted one as big, is checked with flat memory and reported as changed and added', async () => {
    const zip = await bombZip([...packetEntries(BOMB_BYTES), { name: 'evidence/added.bin', zeros: BOMB_BYTES }]);
    expect(zip.byteLength).toBeLessThan(2 * MiB);
    const { baseMiB, peakMiB, report } = verifyInChild(zip, 'bomb.zip');
    expect(report?.ok).toBe(false);
    expect(report?.problems).toEqual([
      'evidence/E01.bin does not match its recorded SHA-256 checksum: it was changed.',
      'evidence/added.bin is in the packet but not in its manifest: it was added.',
    ]);
    expect(report?.files.find((f) => f.path === 'evidence/added.bin')).toMatchObject({ status: 'unexpected', actualSizeBytes: BOMB_BYTES, actualSha256: null });
    // Unpacking either file into memory would add at least 256 MiB.
    expect(peakMiB - baseMiB).toBeLessThan(64);
  }, 60_000);

  it('a manifest.json that would unpack to 64 MiB is not opened, with a clear message', async () => {
    const entries = packetEntries(24).map((e) => (e.name === MANIFEST_FILE ? { name: MANIFEST_FILE, zeros: 64 * MiB } : e));
    const report = await verifyPacket(await bombZip(entries));
    expect(report).toMatchObject({ ok: false, packetId: null });
    expect(report.problems).toEqual([
      'manifest.json is far larger than any manifest Casekeeper writes, so it was not opened. Ask the sender for a new copy of the packet.',
    ]);
  });

  it('a listed file whose size in the ZIP differs from the manifest is reported without being unpacked', async () => {
    const entries = packetEntries(24).map((e) => (e.name === 'evidence/E01.bin' ? { name: e.name, zeros: 64 * MiB } : e));
    const report = await verifyPacket(await bombZip(entries));
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(`evidence/E01.bin has a different size from the one recorded (${64 * MiB} bytes instead of 24): it was changed.`);
    expect(report.files.find((f) => f.path === 'evidence/E01.bin')).toMatchObject({ status: 'mismatch', actualSha256: null });
  });
});
