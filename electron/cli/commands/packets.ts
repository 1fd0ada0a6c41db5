import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { CCF_REQUEST_TYPES, templateAnswers } from '../../../shared/domain/packet';
import type { ProfileDto } from '../../../shared/ipc/packets-contract';
import type { PacketHistoryEntry } from '../../../shared/ipc/packets-contract';
import type { ReferralDto } from '../../../shared/domain/records';
import { CliExit, EXIT_CODES } from '../exit-codes';
import { EXIT_CODES_SHORT_HELP } from '../help-text';
import { packageVersion } from '../version';
import { actorOf, processIo, withVault, type CommandIo, type PassphraseOptions } from '../vault-access';

/**
 * `referral list`, `profile list`, `packet export`, `packet verify`: referral
 * packets from the command line, through the same services as the app.
 */

interface ListOptions extends PassphraseOptions {
  json?: boolean;
}

export interface PacketExportOptions extends PassphraseOptions {
  referral: string;
  profile?: string;
  out: string;
  threat?: string[];
  evidence?: string[];
  includeAsIs?: string[];
  overrideReasonFile?: string;
  ccfRequest?: (typeof CCF_REQUEST_TYPES)[number];
  sealPassphraseFile?: string;
}

interface VerifyOptions {
  passphraseFile?: string;
  json?: boolean;
}

const passphraseFileOption = () => new Option('--passphrase-file <file>', 'read the vault passphrase from the first line of FILE (else $CASEKEEPER_PASSPHRASE, else ask)');
const collect = (value: string, previous: string[] = []) => [...previous, value];

function firstLine(file: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch {
    throw new AppError('VALIDATION', `Cannot read ${what} from ${file}. Check the path and that you may read the file.`);
  }
  const line = text.split(/\r?\n/u)[0] ?? '';
  if (line.trim() === '') throw new AppError('VALIDATION', `${file} is empty: put ${what} on its first line.`);
  return line;
}

export function registerPacketCommands(program: Command): void {
  const referral = program.command('referral').description('referrals of a vault');
  referral
    .command('list <vault>')
    .description('list referrals with their case code, recipient and status (prints case data: handle the output with care)')
    .option('--json', 'print JSON')
    .addOption(passphraseFileOption())
    .addHelpText('after', `\n${EXIT_CODES_SHORT_HELP}\n`)
    .action(async (vault: string, options: ListOptions) => {
      await referralListCommand(vault, options);
    });

  const profile = program.command('profile').description('disclosure profiles of a vault');
  profile
    .command('list <vault>')
    .description('list disclosure profiles: shipped, edited in this vault, or custom, and which recipient types use each by default')
    .option('--json', 'print JSON')
    .addOption(passphraseFileOption())
    .addHelpText('after', `\n${EXIT_CODES_SHORT_HELP}\n`)
    .action(async (vault: string, options: ListOptions) => {
      await profileListCommand(vault, options);
    });

  const packet = program.command('packet').description('sanitised referral packets');
  packet
    .command('export <vault>')
    .description('build, leak-check and write a referral packet (a ZIP) for one referral')
    .requiredOption('--referral <id>', 'the referral (ids: `casekeeper referral list`)')
    .option('--profile <id>', "disclosure profile (default: the one for the referral's recipient type)")
    .requiredOption('--out <dir>', 'folder to write the ZIP into; its name is made from the case code, recipient type and date')
    .option('--threat <id>', "include this threat (repeat; default: the referral's linked threats)", collect)
    .option('--evidence <id>', 'include this evidence file (repeat; default: images linked to the included threats that the profile allows)', collect)
    .option('--include-as-is <id>', 'send this evidence file unchanged although its metadata cannot be removed (repeat; recorded in the manifest)', collect)
    .option('--override-reason-file <file>', 'export without a valid consent, for the reason on the first line of FILE (printed in the packet and recorded)')
    .addOption(new Option('--ccf-request <type>', 'Interpol CCF packets: what the request is for').choices([...CCF_REQUEST_TYPES]))
    .option('--seal-passphrase-file <file>', 'seal the packet into an AES-256 ZIP with the passphrase on the first line of FILE (open with 7-Zip)')
    .addOption(passphraseFileOption())
    .addHelpText(
      'after',
      `\nNothing is written when the client's consent is missing (and no override reason is given) or when the\nleak scan finds a withheld value in the finished packet: the command then exits with ${EXIT_CODES.BLOCKED} and says why.\n\n${EXIT_CODES_SHORT_HELP} ${EXIT_CODES.BLOCKED} blocked (no consent, or a leak found).\n`,
    )
    .action(async (vault: string, options: PacketExportOptions) => {
      await packetExportCommand(vault, options);
    });

  packet
    .command('verify <zip>')
    .description('recompute the SHA-256 of every file of a packet against its manifest')
    .option('--passphrase-file <file>', 'for a sealed packet: the passphrase on the first line of FILE')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', `\nExit codes: ${EXIT_CODES.OK} every file matches, ${EXIT_CODES.ERROR} a file is changed, missing or extra, or the packet cannot be read, ${EXIT_CODES.USAGE} usage, ${EXIT_CODES.WRONG_PASSPHRASE} wrong passphrase.\n`)
    .action(async (zip: string, options: VerifyOptions) => {
      await packetVerifyCommand(zip, options);
    });
}

export async function referralListCommand(typedPath: string, options: ListOptions, io: CommandIo = processIo): Promise<ReferralDto[]> {
  const { listReferrals } = await import('../../services/referrals/referrals.service');
  const { localDay } = await import('../../services/records/dates');
  return withVault(typedPath, options, async (vault) => {
    const items: ReferralDto[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await listReferrals(vault.db, { offset, limit: 500 }, localDay());
      items.push(...page.items);
      if (items.length >= page.total || page.items.length === 0) break;
    }
    if (options.json) io.out(JSON.stringify(items, null, 2));
    else if (items.length === 0) io.out('No referrals in this vault.');
    else for (const r of items) io.out(`${r.id}  ${r.caseCode}  ${r.recipientType}  ${r.status}  ${r.recipientOrg}`);
    return items;
  });
}

export async function profileListCommand(typedPath: string, options: ListOptions, io: CommandIo = processIo): Promise<ProfileDto[]> {
  const { listProfiles } = await import('../../services/profiles/profiles.service');
  return withVault(typedPath, options, async (vault) => {
    const profiles = await listProfiles(vault.db);
    if (options.json) io.out(JSON.stringify(profiles, null, 2));
    else for (const p of profiles) io.out(`${p.profile.id}  (${p.source})  ${p.profile.label}${p.profile.recipientTypes.length > 0 ? `  default for: ${p.profile.recipientTypes.join(', ')}` : ''}`);
    return profiles;
  });
}

export async function packetExportCommand(typedPath: string, options: PacketExportOptions, io: CommandIo = processIo): Promise<PacketHistoryEntry> {
  const outDir = resolve(options.out);
  const overrideReason = options.overrideReasonFile ? firstLine(options.overrideReasonFile, 'the override reason') : null;
  const sealPassphrase = options.sealPassphraseFile ? firstLine(options.sealPassphraseFile, 'the sealing passphrase') : null;
  if (sealPassphrase !== null && sealPassphrase.length < 12) throw new AppError('VALIDATION', 'Use a sealing passphrase of at least 12 characters.');
  const { getReferral } = await import('../../services/referrals/referrals.service');
  const { listEvidence } = await import('../../services/evidence/evidence.service');
  const { getSettings } = await import('../../services/settings/settings.service');
  const { localDay } = await import('../../services/records/dates');
  const { exportPacket, packetFileName, previewPacket } = await import('../../services/packets/packets.service');
  return withVault(typedPath, options, async (vault) => {
    const today = localDay();
    const referral = await getReferral(vault.db, options.referral, today);
    const threatIds = options.threat ?? referral.threatIds;
    const env = { today, settings: await getSettings(vault.db), generatorVersion: packageVersion() };
    let evidenceIds = options.evidence;
    if (!evidenceIds) {
      // Default: evidence linked to the included threats that the profile lets through and that can be cleaned.
      const linked = (await listEvidence(vault.db, referral.caseId)).filter((e) => e.threatIds.some((id) => threatIds.includes(id)));
      const preview = await previewPacket(vault.db, packetRequestOf(options, threatIds, [], overrideReason), env, new Date());
      const cleanable = new Set(preview.evidence.filter((o) => o.allowed && (o.treatment === 'clean' || options.includeAsIs?.includes(o.id))).map((o) => o.id));
      evidenceIds = linked.filter((e) => cleanable.has(e.id)).map((e) => e.id);
    }
    const sealed = sealPassphrase !== null;
    const path = join(outDir, packetFileName(referral.caseCode, referral.recipientType, today, sealed));
    const ctx = { db: vault.db, actor: await actorOf(vault), now: () => new Date() };
    const { entry } = await exportPacket(ctx, packetRequestOf(options, threatIds, evidenceIds, overrideReason), env, { path, sealPassphrase });
    io.out(path);
    io.err(
      `packet ${entry.packetId}: ${entry.threatCount} threats, ${entry.evidenceCount} evidence files, ${entry.redactionCount} values replaced; ${entry.consentId ? 'sent under consent' : 'sent WITHOUT consent (override recorded)'}${sealed ? '; sealed (open with 7-Zip)' : ''}.`,
    );
    return entry;
  });
}

function packetRequestOf(options: PacketExportOptions, threatIds: string[], evidenceIds: string[], overrideReason: string | null) {
  return {
    referralId: options.referral,
    ...(options.profile ? { profileId: options.profile } : {}),
    threatIds,
    evidenceIds,
    includeAsIs: options.includeAsIs ?? [],
    overrideReason,
    templateAnswers: templateAnswers.parse({ requestType: options.ccfRequest ?? null }),
  };
}

export async function packetVerifyCommand(zipPath: string, options: VerifyOptions, io: CommandIo = processIo): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(zipPath));
  } catch {
    throw new AppError('VALIDATION', `Cannot read ${zipPath}. Check the path.`);
  }
  const passphrase = options.passphraseFile ? firstLine(options.passphraseFile, 'the packet passphrase') : undefined;
  const { verifyPacket } = await import('../../services/packets/verify');
  const report = await verifyPacket(bytes, { passphrase });
  if (options.json) io.out(JSON.stringify(report, null, 2));
  else {
    for (const f of report.files) io.out(`${f.status.padEnd(10)} ${f.path}`);
    for (const p of report.problems) io.err(p);
  }
  if (!report.ok) throw new CliExit(EXIT_CODES.ERROR, `The packet${report.packetId ? ` ${report.packetId}` : ''} does NOT match its manifest: do not rely on it.`);
  if (!options.json) io.out(`ok: every file of packet ${report.packetId} matches its manifest.`);
}
