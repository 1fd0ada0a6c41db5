import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { RecipientType } from '../../../shared/domain/enums';
import type { SensitivityClass } from '../../../shared/domain/field-sensitivity';
import { EVIDENCE_TREATMENTS, type EvidenceTreatment, type PacketTemplate } from '../../../shared/domain/packet';
import { AppError } from '../../../shared/errors';
import { entryPathProblem, type ZipEntryData } from './zip';

/**
 * manifest.json, SHA256SUMS and README.txt: what lets a recipient check that a
 * packet is complete and unchanged with nothing but standard tools.
 *
 * Enumerations that grow between releases (recipient types, templates,
 * sensitivity classes) are plain strings here and unknown keys are ignored, so
 * an older Casekeeper can still verify a newer packet. A change in meaning
 * bumps formatVersion.
 */

export const MANIFEST_FORMAT = 'casekeeper-packet-manifest';
export const MANIFEST_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const CHECKSUMS_FILE = 'SHA256SUMS';
export const README_FILE = 'README.txt';

export const PACKET_FILE_ROLES = ['pdf', 'json', 'evidence', 'readme', 'checksums'] as const;
export type PacketFileRole = (typeof PACKET_FILE_ROLES)[number];

const text = z.string().min(1).max(2000);

const packetPath = z
  .string()
  .superRefine((path, ctx) => {
    const problem = entryPathProblem(path) ?? (path.endsWith('/') ? 'is a folder' : null);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: `the name ${problem}` });
    if (path === MANIFEST_FILE || path === CHECKSUMS_FILE) ctx.addIssue({ code: 'custom', message: `${path} is never listed in the manifest` });
  });

export const manifestFile = z.object({
  path: packetPath,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
  sizeBytes: z.number().int().min(0),
  mediaType: text,
  role: z.enum(PACKET_FILE_ROLES),
  treatment: z.enum(EVIDENCE_TREATMENTS).optional(),
});
export type ManifestFile = z.infer<typeof manifestFile>;

export const manifestConsent = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('consent'),
    consentId: text,
    givenOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    scopeIdentity: z.enum(['named', 'pseudonymised']),
    scopeEvidence: z.boolean(),
  }),
  /** Exported without valid consent; the reason is already scrubbed like every other text. */
  z.object({ kind: z.literal('override'), reason: z.string().min(1).max(5000) }),
]);
export type ManifestConsent = z.infer<typeof manifestConsent>;

export const packetManifest = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
    packetId: text,
    generatedAt: z.iso.datetime(),
    generator: z.object({ name: z.literal('Casekeeper'), version: text }),
    caseCode: text,
    recipient: z.object({ type: text, organisation: z.string().max(2000) }),
    profile: z.object({ id: text, label: text }),
    template: text,
    consent: manifestConsent,
    files: z.array(manifestFile),
    /** What was replaced, by label and class. Never the values. */
    redactions: z.array(z.object({ label: text, sensitivityClass: text, count: z.number().int().min(1) })),
    evidenceIncludedAsIs: z.array(z.object({ path: packetPath, ref: text })),
  })
  .superRefine((manifest, ctx) => {
    const seen = new Set<string>();
    manifest.files.forEach((file, index) => {
      const key = file.path.normalize('NFC').toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['files', index, 'path'], message: `"${file.path}" is listed twice` });
      seen.add(key);
      if ((file.role === 'evidence') !== (file.treatment !== undefined)) {
        ctx.addIssue({ code: 'custom', path: ['files', index, 'treatment'], message: 'evidence files, and only they, have a treatment' });
      }
    });
    const asIsFiles = manifest.files.filter((f) => f.treatment === 'included_as_is').map((f) => f.path);
    const asIsListed = manifest.evidenceIncludedAsIs.map((e) => e.path);
    if (asIsFiles.length !== asIsListed.length || asIsFiles.some((p) => !asIsListed.includes(p))) {
      ctx.addIssue({ code: 'custom', path: ['evidenceIncludedAsIs'], message: 'must list exactly the evidence files included as is' });
    }
  });
export type PacketManifest = z.infer<typeof packetManifest>;

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface PacketFileInput {
  path: string;
  data: Uint8Array;
  mediaType: string;
  role: PacketFileRole;
  /** Evidence only. */
  treatment?: EvidenceTreatment;
  /** Evidence only: "E1", "E2"…, recorded for files included as is. */
  ref?: string;
}

export interface ManifestInput {
  packetId: string;
  generatedAt: Date;
  generatorVersion: string;
  caseCode: string;
  recipient: { type: RecipientType; organisation: string };
  profile: { id: string; label: string };
  template: PacketTemplate;
  consent: ManifestConsent;
  /** Every file of the packet except manifest.json and SHA256SUMS, in packet order. */
  files: ReadonlyArray<PacketFileInput>;
  redactions: ReadonlyArray<{ label: string; sensitivityClass: SensitivityClass; count: number }>;
}

function invalidManifest(error: z.ZodError): AppError {
  const first = error.issues[0];
  const where = first ? first.path.join('.') : '';
  return new AppError('INTERNAL', `Casekeeper could not describe this packet (${where}: ${first?.message ?? 'invalid'}). Nothing was exported; please report this problem.`);
}

/** Hashes and sizes every file and validates the result. The list of files included as is comes from the files themselves. */
export function buildManifest(input: ManifestInput): PacketManifest {
  const missingRef = input.files.find((f) => f.treatment === 'included_as_is' && !f.ref);
  if (missingRef) throw new AppError('INTERNAL', `Evidence "${missingRef.path}" is included as is but has no reference. Nothing was exported; please report this problem.`);
  const parsed = packetManifest.safeParse({
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_FORMAT_VERSION,
    packetId: input.packetId,
    generatedAt: input.generatedAt.toISOString(),
    generator: { name: 'Casekeeper', version: input.generatorVersion },
    caseCode: input.caseCode,
    recipient: input.recipient,
    profile: input.profile,
    template: input.template,
    consent: input.consent,
    files: input.files.map((f) => ({
      path: f.path,
      sha256: sha256Hex(f.data),
      sizeBytes: f.data.byteLength,
      mediaType: f.mediaType,
      role: f.role,
      ...(f.treatment ? { treatment: f.treatment } : {}),
    })),
    redactions: input.redactions.map((r) => ({ label: r.label, sensitivityClass: r.sensitivityClass, count: r.count })),
    evidenceIncludedAsIs: input.files.filter((f) => f.treatment === 'included_as_is').map((f) => ({ path: f.path, ref: f.ref })),
  });
  if (!parsed.success) throw invalidManifest(parsed.error);
  return parsed.data;
}

export function serialiseManifest(manifest: PacketManifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}

export type ParsedManifest = { ok: true; manifest: PacketManifest } | { ok: false; problem: string };

/** Reads manifest.json from a packet; a problem is worded for the caseworker checking the packet. */
export function parseManifest(bytes: Uint8Array): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, problem: 'manifest.json is not valid JSON, so the packet cannot be checked.' };
  }
  const head = z.object({ format: z.unknown(), formatVersion: z.unknown() }).safeParse(json);
  if (!head.success || head.data.format !== MANIFEST_FORMAT) {
    return { ok: false, problem: 'manifest.json is not a Casekeeper packet manifest, so the packet cannot be checked.' };
  }
  if (typeof head.data.formatVersion === 'number' && head.data.formatVersion > MANIFEST_FORMAT_VERSION) {
    return { ok: false, problem: 'This packet was made by a newer version of Casekeeper. Update Casekeeper to check it.' };
  }
  const parsed = packetManifest.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, problem: `manifest.json is damaged (${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}), so the packet cannot be checked.` };
  }
  return { ok: true, manifest: parsed.data };
}

/**
 * SHA256SUMS in the GNU coreutils text format, one `<hex>␠␠<path>` line per
 * file, so `sha256sum -c SHA256SUMS` and `shasum -a 256 -c SHA256SUMS` check
 * the unpacked folder. Paths never hold a backslash or a newline (the manifest
 * refuses them), so no line needs coreutils' escaping.
 */
export function renderSha256Sums(files: ReadonlyArray<Pick<ManifestFile, 'path' | 'sha256'>>): string {
  return files
    .map(({ path, sha256 }) => {
      // eslint-disable-next-line no-control-regex -- coreutils would need its escaped form for these
      if (/[\\\n\r\u0000]/.test(path)) throw new AppError('INTERNAL', `"${path}" cannot be listed in SHA256SUMS.`);
      return `${sha256}  ${path}\n`;
    })
    .join('');
}

function describeFile(file: ManifestFile): string {
  switch (file.role) {
    case 'pdf':
      return 'the referral, to read and print';
    case 'json':
      return 'the same referral in machine-readable JSON';
    case 'evidence':
      return file.treatment === 'included_as_is' ? 'evidence, exact copy of the original (included as is)' : 'evidence, copy re-encoded without metadata';
    case 'readme':
      return 'this file';
    case 'checksums':
      return 'checksums';
    default: {
      const never: never = file.role;
      return never;
    }
  }
}

/**
 * README.txt for the recipient (police, lawyer, UN): what the packet is, its
 * files and how to check them. It names the packet only by case code and
 * packet id. Its text does not depend on whether README.txt itself is already
 * in manifest.files, so it can be rendered before its own hash is known.
 */
export function renderReadme(manifest: PacketManifest): string {
  const listed = manifest.files.filter((f) => f.path !== README_FILE);
  const rows: Array<[string, string]> = [
    [README_FILE, 'this file'],
    ...listed.map((f): [string, string] => [f.path, describeFile(f)]),
    [CHECKSUMS_FILE, 'SHA-256 checksum of every file above'],
    [MANIFEST_FILE, 'technical description of the packet, with the same checksums'],
  ];
  const width = Math.min(40, Math.max(...rows.map(([path]) => path.length)));
  const evidence = listed.filter((f) => f.role === 'evidence');
  const reEncoded = evidence.filter((f) => f.treatment === 're_encoded');
  const example = listed.find((f) => f.role === 'pdf')?.path ?? listed[0]?.path ?? README_FILE;

  const lines = [
    'CASEKEEPER REFERRAL PACKET',
    '',
    `Packet ID:  ${manifest.packetId}`,
    `Case code:  ${manifest.caseCode}`,
    `Created:    ${manifest.generatedAt} (UTC), with Casekeeper ${manifest.generator.version}`,
    '',
    'WHAT THIS IS',
    '',
    'A referral of one case, prepared by a caseworker with Casekeeper, a case',
    'management tool used by organisations that support people targeted by',
    'transnational repression. It holds only what the referring organisation',
    'decided to share with you; some names and details are replaced by labels',
    'that describe a person\'s role instead. The PDF says on what basis the',
    'information is shared. Please handle it as confidential.',
    '',
    'FILES',
    '',
    ...rows.map(([path, description]) => `  ${path.padEnd(width)}  ${description}`),
    '',
    'CHECKING THAT NOTHING WAS CHANGED',
    '',
    'SHA256SUMS and manifest.json list the SHA-256 checksum of every file. Unpack',
    'the packet into a folder, open a terminal in that folder and run:',
    '',
    '  Linux:  sha256sum -c SHA256SUMS',
    '  macOS:  shasum -a 256 -c SHA256SUMS',
    '',
    'Every file should be reported "OK". A "FAILED" line means that file is not',
    'the one that was sent.',
    '',
    'Windows: open PowerShell in that folder and run, for each file,',
    '',
    `  Get-FileHash -Algorithm SHA256 ${example}`,
    '',
    'and compare the Hash it shows with the line for that file in SHA256SUMS or',
    'manifest.json (upper or lower case does not matter). To check all files at',
    'once, paste this into the same PowerShell window:',
    '',
    "  Get-Content SHA256SUMS | ForEach-Object { $h, $f = $_ -split '  ', 2; if ((Get-FileHash -Algorithm SHA256 -LiteralPath $f).Hash -eq $h) { \"OK      $f\" } else { \"FAILED  $f\" } }",
    '',
    'EVIDENCE',
    '',
  ];
  if (evidence.length === 0) {
    lines.push('This packet contains no evidence files.');
  } else {
    if (reEncoded.length > 0) {
      lines.push(
        'Evidence images are re-encoded copies: their metadata (EXIF, GPS location,',
        'XMP, embedded thumbnails) was removed, so their checksums differ from those',
        'of the originals, which the referring organisation keeps. The checksums of',
        'the originals are listed in the JSON file.',
        '',
      );
    }
    if (manifest.evidenceIncludedAsIs.length > 0) {
      lines.push(
        'These files were included as is, at the caseworker\'s explicit choice: they',
        'are exact copies of the originals and may still contain metadata.',
        '',
        ...manifest.evidenceIncludedAsIs.map((e) => `  ${e.path} (${e.ref})`),
      );
    } else {
      lines.push('No evidence file was included as is.');
    }
  }
  lines.push('', `Please quote the packet ID ${manifest.packetId} in any reply about this packet.`, '');
  return lines.join('\n');
}

export interface AssembledPacket {
  manifest: PacketManifest;
  manifestBytes: Uint8Array;
  /** README.txt, the given files, SHA256SUMS, manifest.json: ready for writePacketZip. */
  entries: ZipEntryData[];
}

/** Adds README.txt, SHA256SUMS and manifest.json to the packet's files. */
export function assemblePacket(input: ManifestInput): AssembledPacket {
  const files = input.files.filter((f) => f.path !== README_FILE);
  const readme = new TextEncoder().encode(renderReadme(buildManifest({ ...input, files })));
  const withReadme: PacketFileInput[] = [{ path: README_FILE, data: readme, mediaType: 'text/plain; charset=utf-8', role: 'readme' }, ...files];
  const manifest = buildManifest({ ...input, files: withReadme });
  const manifestBytes = serialiseManifest(manifest);
  return {
    manifest,
    manifestBytes,
    entries: [
      ...withReadme.map(({ path, data }) => ({ path, data })),
      { path: CHECKSUMS_FILE, data: new TextEncoder().encode(renderSha256Sums(manifest.files)) },
      { path: MANIFEST_FILE, data: manifestBytes },
    ],
  };
}
