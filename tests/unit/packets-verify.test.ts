import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assemblePacket,
  buildManifest,
  CHECKSUMS_FILE,
  MANIFEST_FILE,
  renderReadme,
  renderSha256Sums,
  type ManifestInput,
  type PacketFileInput,
} from '../../electron/services/packets/manifest';
import { SEAL_INSTRUCTIONS, sealPacket, unsealPacket } from '../../electron/services/packets/seal';
import { manifestSha256, verifyPacket } from '../../electron/services/packets/verify';
import { listPacketZip, readPacketZip, writePacketZip, type ZipEntryData } from '../../electron/services/packets/zip';

const GENERATED = new Date('2026-05-04T09:30:00Z');
const PASSPHRASE = 'fictional quiet harbour 2026';
const enc = (s: string) => new TextEncoder().encode(s);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

// Fictional content only: a fake PDF, fake JSON and fake evidence bytes.
const contentFiles: PacketFileInput[] = [
  { path: 'referral.pdf', data: enc('%PDF-1.7\nfictional referral for CK-2026-0042\n%%EOF\n'), mediaType: 'application/pdf', role: 'pdf' },
  { path: 'referral.json', data: enc('{"format":"casekeeper-referral-packet","caseCode":"CK-2026-0042"}\n'), mediaType: 'application/json', role: 'json' },
  { path: 'evidence/E01.jpg', data: new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)), mediaType: 'image/jpeg', role: 'evidence', treatment: 're_encoded', ref: 'E1' },
  { path: 'evidence/E02.pdf', data: enc('%PDF-1.4 fictional summons, included unchanged'), mediaType: 'application/pdf', role: 'evidence', treatment: 'included_as_is', ref: 'E2' },
];

const manifestInput: ManifestInput = {
  packetId: 'pkt-2026-05-04-7f3a9c',
  generatedAt: GENERATED,
  generatorVersion: '0.1.0',
  caseCode: 'CK-2026-0042',
  recipient: { type: 'lawyer', organisation: 'Fictional Chambers LLP' },
  profile: { id: 'lawyer', label: 'Lawyer' },
  template: 'general',
  consent: { kind: 'consent', consentId: '00000000-0000-4000-8000-0000000000c1', givenOn: '2026-04-20', expiresOn: null, scopeIdentity: 'pseudonymised', scopeEvidence: true },
  files: contentFiles,
  redactions: [
    { label: 'Relative A (mother)', sensitivityClass: 'third_party', count: 3 },
    { label: '[phone of Relative A]', sensitivityClass: 'contact_details', count: 1 },
  ],
};

async function freshPacket() {
  const assembled = assemblePacket(manifestInput);
  return { ...assembled, zip: await writePacketZip(assembled.entries, { modified: GENERATED }) };
}

async function rebuilt(entries: ZipEntryData[]) {
  return writePacketZip(entries, { modified: GENERATED });
}

describe('the manifest, SHA256SUMS and README of a packet', () => {
  it('lists every file with its SHA-256 and size, except manifest.json and SHA256SUMS themselves', async () => {
    const { manifest, entries } = await freshPacket();
    expect(manifest.format).toBe('casekeeper-packet-manifest');
    expect(manifest.formatVersion).toBe(1);
    expect(entries.map((e) => e.path)).toEqual(['README.txt', 'referral.pdf', 'referral.json', 'evidence/E01.jpg', 'evidence/E02.pdf', CHECKSUMS_FILE, MANIFEST_FILE]);
    expect(manifest.files.map((f) => f.path)).toEqual(['README.txt', 'referral.pdf', 'referral.json', 'evidence/E01.jpg', 'evidence/E02.pdf']);
    for (const file of manifest.files) {
      const data = entries.find((e) => e.path === file.path)!.data;
      expect(file.sha256).toBe(sha256(data));
      expect(file.sizeBytes).toBe(data.byteLength);
    }
    expect(manifest.files.find((f) => f.path === 'README.txt')?.role).toBe('readme');
    expect(manifest.evidenceIncludedAsIs).toEqual([{ path: 'evidence/E02.pdf', ref: 'E2' }]);
    expect(manifest.redactions).toEqual(manifestInput.redactions);
  });

  it('SHA256SUMS is in the GNU coreutils format and agrees with the manifest', async () => {
    const { manifest, entries } = await freshPacket();
    const sums = new TextDecoder().decode(entries.find((e) => e.path === CHECKSUMS_FILE)!.data);
    expect(sums).toBe(renderSha256Sums(manifest.files));
    expect(sums.endsWith('\n')).toBe(true);
    const lines = sums.trimEnd().split('\n');
    expect(lines).toHaveLength(manifest.files.length);
    lines.forEach((line, i) => expect(line).toBe(`${manifest.files[i]!.sha256}  ${manifest.files[i]!.path}`));
  });

  it('the README tells a recipient what the packet is and how to check it on Linux, macOS and Windows', async () => {
    const { manifest, entries } = await freshPacket();
    const readme = new TextDecoder().decode(entries[0]!.data);
    expect(readme).toBe(renderReadme(manifest));
    for (const expected of [
      manifest.packetId,
      'CK-2026-0042',
      'sha256sum -c SHA256SUMS',
      'shasum -a 256 -c SHA256SUMS',
      'Get-FileHash -Algorithm SHA256 referral.pdf',
      're-encoded',
      'evidence/E02.pdf (E2)',
      'referral.json',
    ]) {
      expect(readme).toContain(expected);
    }
    // Nothing about the case beyond its code and the packet id: no recipient, consent or redaction details.
    for (const absent of ['Fictional Chambers', 'Relative A (mother)', 'phone of', manifestInput.consent.kind === 'consent' ? manifestInput.consent.consentId : '']) {
      expect(readme).not.toContain(absent);
    }
  });

  it('refuses a manifest that lists manifest.json, a duplicate, or evidence without a treatment', () => {
    const withFiles = (files: PacketFileInput[]) => () => buildManifest({ ...manifestInput, files });
    const pdf = contentFiles[0]!;
    expect(withFiles([...contentFiles, { ...pdf, path: MANIFEST_FILE }])).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(withFiles([...contentFiles, { ...pdf, path: 'Referral.PDF' }])).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(withFiles([{ ...pdf, role: 'evidence', path: 'evidence/E09.jpg' }])).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(withFiles([{ ...pdf, path: '../referral.pdf' }])).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('manifestSha256 is the SHA-256 of manifest.json as stored in the packet', async () => {
    const { manifestBytes, zip } = await freshPacket();
    const stored = (await readPacketZip(zip)).find((e) => e.path === MANIFEST_FILE)!.data;
    expect(manifestSha256(stored)).toBe(sha256(manifestBytes));
    expect(manifestSha256(stored)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('verifying a packet', () => {
  it('a freshly made packet verifies', async () => {
    const { zip, manifest } = await freshPacket();
    const report = await verifyPacket(zip);
    expect(report).toMatchObject({ ok: true, packetId: manifest.packetId, sealed: false, problems: [] });
    expect(report.files.map((f) => [f.path, f.status])).toEqual(manifest.files.map((f) => [f.path, 'ok']));
  });

  it('fails when one byte of one evidence file changes, naming that file', async () => {
    const { entries } = await freshPacket();
    const tampered = entries.map((e) => {
      if (e.path !== 'evidence/E01.jpg') return e;
      const data = new Uint8Array(e.data);
      data[100] = data[100]! ^ 0x01;
      return { path: e.path, data };
    });
    const report = await verifyPacket(await rebuilt(tampered));
    expect(report.ok).toBe(false);
    expect(report.files.filter((f) => f.status !== 'ok')).toEqual([expect.objectContaining({ path: 'evidence/E01.jpg', status: 'mismatch' })]);
    expect(report.problems).toEqual([expect.stringContaining('evidence/E01.jpg does not match its recorded SHA-256')]);
  });

  it('fails when a byte of the ZIP itself is damaged', async () => {
    const { zip } = await freshPacket();
    const damaged = new Uint8Array(zip);
    const at = Buffer.from(zip).indexOf(Buffer.from('evidence/E01.jpg')) + 'evidence/E01.jpg'.length + 40;
    damaged[at] = damaged[at]! ^ 0xff;
    const report = await verifyPacket(damaged);
    expect(report.ok).toBe(false);
    expect(report.problems.join(' ')).toMatch(/damaged|changed/);
  });

  it('fails when a file is missing', async () => {
    const { entries } = await freshPacket();
    const report = await verifyPacket(await rebuilt(entries.filter((e) => e.path !== 'evidence/E02.pdf')));
    expect(report.ok).toBe(false);
    expect(report.files.find((f) => f.path === 'evidence/E02.pdf')?.status).toBe('missing');
    expect(report.problems).toEqual(['evidence/E02.pdf is missing from the packet.']);
  });

  it('fails when a file was added', async () => {
    const { entries } = await freshPacket();
    const report = await verifyPacket(await rebuilt([...entries, { path: 'evidence/E03.jpg', data: enc('added later') }]));
    expect(report.ok).toBe(false);
    expect(report.files.find((f) => f.path === 'evidence/E03.jpg')).toMatchObject({ status: 'unexpected', expectedSha256: null });
    expect(report.problems).toEqual([expect.stringContaining('evidence/E03.jpg is in the packet but not in its manifest')]);
  });

  it('fails when SHA256SUMS disagrees with the manifest, or is missing', async () => {
    const { entries, manifest } = await freshPacket();
    const forged = renderSha256Sums(manifest.files.map((f) => (f.path === 'referral.pdf' ? { ...f, sha256: '0'.repeat(64) } : f)));
    const swapped = entries.map((e) => (e.path === CHECKSUMS_FILE ? { path: e.path, data: enc(forged) } : e));
    const report = await verifyPacket(await rebuilt(swapped));
    expect(report).toMatchObject({ ok: false, problems: ['SHA256SUMS and manifest.json give different checksums for referral.pdf.'] });
    const without = await verifyPacket(await rebuilt(entries.filter((e) => e.path !== CHECKSUMS_FILE)));
    expect(without).toMatchObject({ ok: false, problems: ['SHA256SUMS is missing from the packet.'] });
  });

  it('fails without a manifest, with a damaged one, or with one from a newer version', async () => {
    const { entries, manifest } = await freshPacket();
    const withManifest = async (data: Uint8Array | null) =>
      verifyPacket(await rebuilt(entries.filter((e) => e.path !== MANIFEST_FILE).concat(data ? [{ path: MANIFEST_FILE, data }] : [])));
    expect(await withManifest(null)).toMatchObject({ ok: false, packetId: null, problems: [expect.stringContaining('manifest.json is missing')] });
    expect(await withManifest(enc('{not json'))).toMatchObject({ ok: false, problems: [expect.stringContaining('not valid JSON')] });
    expect(await withManifest(enc(JSON.stringify({ ...manifest, files: 'none' })))).toMatchObject({ ok: false, problems: [expect.stringContaining('damaged')] });
    expect(await withManifest(enc(JSON.stringify({ ...manifest, formatVersion: 2 })))).toMatchObject({ ok: false, problems: [expect.stringContaining('newer version of Casekeeper')] });
  });

  it('refuses a hostile ZIP with a report rather than unpacking it', async () => {
    const { entries } = await freshPacket();
    const zip = await rebuilt(entries);
    const report = await verifyPacket(new Uint8Array([...zip, ...enc('trailing data')]));
    expect(report.ok).toBe(false);
  });
});

describe('sealed packets', () => {
  it('a sealed packet hides the file names, unseals to the same bytes and verifies with its passphrase', async () => {
    const { zip, manifest } = await freshPacket();
    const sealed = await sealPacket('packet-7f3a9c.zip', zip, PASSPHRASE);
    expect(await listPacketZip(sealed)).toEqual([{ path: 'packet-7f3a9c.zip', directory: false, encrypted: true, sizeBytes: zip.byteLength }]);
    for (const hidden of ['manifest.json', 'evidence/E01.jpg', 'README.txt', 'CK-2026-0042']) expect(Buffer.from(sealed).includes(hidden)).toBe(false);

    const unsealed = await unsealPacket(sealed, PASSPHRASE);
    expect(unsealed.innerFileName).toBe('packet-7f3a9c.zip');
    expect(Buffer.from(unsealed.innerZip).equals(Buffer.from(zip))).toBe(true);
    expect(await verifyPacket(sealed, { passphrase: PASSPHRASE })).toMatchObject({ ok: true, sealed: true, packetId: manifest.packetId });
  });

  it('without the passphrase it asks for one; with a wrong one it says so', async () => {
    const sealed = await sealPacket('packet.zip', (await freshPacket()).zip, PASSPHRASE);
    await expect(verifyPacket(sealed)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('passphrase') });
    await expect(verifyPacket(sealed, { passphrase: 'fictional wrong guess' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(unsealPacket(sealed, 'fictional wrong guess')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  it('a tampered sealed packet fails verification', async () => {
    const { entries } = await freshPacket();
    const tampered = entries.map((e) => (e.path === 'referral.pdf' ? { path: e.path, data: enc('%PDF-1.7 altered') } : e));
    const sealed = await sealPacket('packet.zip', await rebuilt(tampered), PASSPHRASE);
    const report = await verifyPacket(sealed, { passphrase: PASSPHRASE });
    expect(report).toMatchObject({ ok: false, sealed: true });
    expect(report.files.find((f) => f.path === 'referral.pdf')?.status).toBe('mismatch');
  });

  it('the seal instructions name the free tools and warn about Windows Explorer', () => {
    for (const expected of ['7-Zip', '7z x', '7zz x', 'Keka', 'apt install 7zip', 'Windows Explorer', 'cannot open AES-encrypted']) {
      expect(SEAL_INSTRUCTIONS).toContain(expected);
    }
  });
});

// ---- interoperability with the tools recipients use ---------------------------------

function tool(command: string, probe: string[]): string | null {
  return spawnSync(command, probe, { stdio: 'ignore' }).error ? null : command;
}

const sevenZip = tool('7zz', ['i']) ?? tool('7z', ['i']);
const unzip = tool('unzip', ['-v']);
const python = tool('python3', ['-c', 'import zipfile']);
const sha256sum = tool('sha256sum', ['--version']);
const shasum = tool('shasum', ['--version']);
for (const [name, found, hint] of [
  ['7-Zip (7zz or 7z)', sevenZip, 'apt-get install 7zip'],
  ['unzip', unzip, 'apt-get install unzip'],
  ['python3', python, 'install Python 3'],
  ['sha256sum', sha256sum, 'coreutils'],
  ['shasum', shasum, 'perl'],
] as const) {
  if (!found) console.warn(`packets-verify interop: ${name} not found (${hint}); its tests are SKIPPED.`);
}
const skipped = (found: string | null, what: string) => (found ? '' : ` (SKIPPED: ${what} not installed)`);

describe('recipients open and check packets with standard tools', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });
  const workDir = () => (dir = mkdtempSync(join(tmpdir(), 'ck-packet-')));

  const checkSums = (folder: string) => {
    if (sha256sum) expect(execFileSync('sha256sum', ['-c', CHECKSUMS_FILE], { cwd: folder, encoding: 'utf8' })).toMatch(/evidence\/E01\.jpg: OK/);
    if (shasum) expect(execFileSync('shasum', ['-a', '256', '-c', CHECKSUMS_FILE], { cwd: folder, encoding: 'utf8' })).toMatch(/evidence\/E01\.jpg: OK/);
  };

  it.skipIf(!unzip || !sha256sum)(`unzip extracts a plain packet and sha256sum -c passes, then fails after a change${skipped(unzip && sha256sum, 'unzip or sha256sum')}`, async () => {
    const d = workDir();
    writeFileSync(join(d, 'packet.zip'), (await freshPacket()).zip);
    execFileSync('unzip', ['-q', join(d, 'packet.zip'), '-d', join(d, 'out')]);
    checkSums(join(d, 'out'));
    const evidence = join(d, 'out', 'evidence', 'E01.jpg');
    const bytes = readFileSync(evidence);
    bytes[0] = bytes[0]! ^ 0x01;
    writeFileSync(evidence, bytes);
    const result = spawnSync('sha256sum', ['-c', CHECKSUMS_FILE], { cwd: join(d, 'out'), encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/evidence\/E01\.jpg: FAILED/);
  });

  it.skipIf(!python || !sha256sum)(`python3 zipfile extracts a plain packet and sha256sum -c passes${skipped(python && sha256sum, 'python3 or sha256sum')}`, async () => {
    const d = workDir();
    writeFileSync(join(d, 'packet.zip'), (await freshPacket()).zip);
    const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nz.extractall(sys.argv[2])';
    execFileSync('python3', ['-c', script, join(d, 'packet.zip'), join(d, 'out')]);
    checkSums(join(d, 'out'));
  });

  it.skipIf(!sevenZip)(`7-Zip opens a sealed packet with the passphrase, and the packet inside checks out${skipped(sevenZip, '7-Zip (apt-get install 7zip)')}`, async () => {
    const d = workDir();
    const { zip } = await freshPacket();
    writeFileSync(join(d, 'sealed.zip'), await sealPacket('packet.zip', zip, PASSPHRASE));
    execFileSync(sevenZip!, ['x', `-p${PASSPHRASE}`, `-o${join(d, 'outer')}`, '-y', join(d, 'sealed.zip')], { stdio: 'pipe' });
    expect(readFileSync(join(d, 'outer', 'packet.zip')).equals(Buffer.from(zip))).toBe(true);
    execFileSync(sevenZip!, ['x', `-o${join(d, 'inner')}`, '-y', join(d, 'outer', 'packet.zip')], { stdio: 'pipe' });
    checkSums(join(d, 'inner'));
    const wrong = spawnSync(sevenZip!, ['x', '-pfictional-wrong', `-o${join(d, 'wrong')}`, '-y', join(d, 'sealed.zip')], { encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
  });

  it.skipIf(!unzip)(`unzip cannot open a sealed packet, as SEAL_INSTRUCTIONS says${skipped(unzip, 'unzip')}`, async () => {
    const d = workDir();
    writeFileSync(join(d, 'sealed.zip'), await sealPacket('packet.zip', (await freshPacket()).zip, PASSPHRASE));
    const result = spawnSync('unzip', ['-P', PASSPHRASE, join(d, 'sealed.zip'), '-d', join(d, 'out')], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
  });
});
