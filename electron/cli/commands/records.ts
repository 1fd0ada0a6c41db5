import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/errors';
import type { AuditVerifyResult } from '../../../shared/domain/records';
import { atomicWriteFile } from '../../services/files/atomic-write';
import type { OpenVault } from '../../services/vault/vault.service';
import type { ImportProblem, ImportSummary } from '../../services/interchange/import.service';
import { parseStrictJson } from '../../services/interchange/strict-json';
import { CliExit, EXIT_CODES } from '../exit-codes';
import { EXIT_CODES_SHORT_HELP } from '../help-text';
import { kdfParamsSource, positiveInteger, type KdfOverrideOptions } from '../kdf-options';
import { readChosenPassphrase } from '../passphrase-input';
import { actorOf, processIo, withVault, type CommandIo, type PassphraseOptions } from '../vault-access';

export interface ExportCommandOptions extends PassphraseOptions {
  out: string;
  force?: boolean;
}
export type ImportCommandResult = { ok: true; summary: ImportSummary } | { ok: false; problems: ImportProblem[] };
export type DemoCommandOptions = PassphraseOptions & KdfOverrideOptions & { size?: 'small' | 'large' };

/**
 * A failure that should end the command with exit code 1 and this message.
 * main.ts maps error codes to exit codes and has no code for "the input file
 * is invalid" or "the audit chain is broken" that gives 1 (VALIDATION means
 * usage, 2), so this uses INTERNAL, which maps to 1, with our own message.
 */

const PLAINTEXT_WARNING =
  'warning: the export file holds ALL case data in plaintext: names, relatives, addresses and evidence. Keep it only on an encrypted disk or in an encrypted container, and delete it securely when done.';

const IMPORT_HELP = `
The file must be a "casekeeper-export" document (format version 2, or 1 from an
older Casekeeper; see docs/interchange-format.md and
resources/schemas/casekeeper-export.v2.schema.json).
Everything is checked before anything is written: the schema, taxonomy ids,
links between records, each evidence file against its SHA-256, and ids or case
codes already in the vault. Any problem: each is printed with its JSON path
(e.g. $.cases[3].threats[0].tacticId), nothing is imported, and the exit code
is ${EXIT_CODES.ERROR}.`;

export function registerRecordCommands(program: Command): void {
  program
    .command('export <vault>')
    .description('write every record of the vault, evidence included, to a JSON file (plaintext: store it encrypted)')
    .requiredOption('--out <file>', 'the JSON file to write (not overwritten unless --force)')
    .option('--force', 'replace the file if it exists')
    .addOption(passphraseFileOption())
    .addHelpText('after', `\n${EXIT_CODES_SHORT_HELP}\n`)
    .action(async (vault: string, options: ExportCommandOptions) => {
      await exportCommand(vault, options);
    });

  program
    .command('import <vault> <file>')
    .description('add all records of an export file to the vault, all or nothing')
    .addOption(passphraseFileOption())
    .addHelpText('after', `${IMPORT_HELP}\n\n${EXIT_CODES_SHORT_HELP}\n`)
    .action(async (vault: string, file: string, options: PassphraseOptions) => {
      const result = await importCommand(vault, file, options);
      if (!result.ok) {
        throw new CliExit(EXIT_CODES.ERROR, `The file was not imported: ${countOf(result.problems.length, 'problem')} (listed above). Nothing was changed.`);
      }
    });

  program
    .command('demo <vault>')
    .description('create a NEW vault filled with fictional demo cases (for exploring and training; never for real cases)')
    .addOption(new Option('--passphrase-file <file>', 'use the passphrase on the first line of FILE instead of the published demo passphrase'))
    .addOption(new Option('--kdf-memory-mib <MiB>', 'Argon2id memory, for automation (at least 64; default: calibrated)').argParser(positiveInteger))
    .addOption(new Option('--kdf-iterations <n>', 'Argon2id passes, given together with --kdf-memory-mib').argParser(positiveInteger))
    .addOption(new Option('--size <size>', 'small: a handful of detailed cases; large: about 20,000 cases with 200,000 threats (takes a few minutes)').choices(['small', 'large']).default('small'))
    .addHelpText('after', `\n${EXIT_CODES_SHORT_HELP}\n`)
    .action(async (vault: string, options: DemoCommandOptions) => {
      await demoCommand(vault, options);
    });

  const audit = program.command('audit').description('check the audit log');
  audit
    .command('verify <vault>')
    .description(`check that no audit entry was altered or removed; exit ${EXIT_CODES.ERROR} naming the first broken entry`)
    .addOption(passphraseFileOption())
    .addHelpText('after', `\n${EXIT_CODES_SHORT_HELP}\n`)
    .action(async (vault: string, options: PassphraseOptions) => {
      const result = await auditVerifyCommand(vault, options);
      if (!result.ok) {
        throw new CliExit(EXIT_CODES.ERROR, `audit chain broken at entry ${result.firstBrokenSeq ?? '?'}: ${result.problem ?? 'it does not verify'} (${countOf(result.entries, 'entry', 'entries')} before it verified).`);
      }
    });
}

function passphraseFileOption(): Option {
  return new Option('--passphrase-file <file>', 'read the passphrase from the first line of FILE (else $CASEKEEPER_PASSPHRASE, else ask)');
}

function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export async function exportCommand(typedPath: string, options: ExportCommandOptions, io: CommandIo = processIo): Promise<ImportSummary> {
  const out = resolve(options.out);
  // Checked before the passphrase is asked for, so nobody types it for nothing.
  if (existsSync(out) && !options.force) {
    throw new AppError('ALREADY_EXISTS', `${out} already exists. Choose another file name, or add --force to replace it.`);
  }
  if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) {
    throw new AppError('NOT_FOUND', `The folder ${dirname(out)} does not exist. Choose an existing folder for the export file.`);
  }
  const { exportVault, summariseDocument } = await import('../../services/interchange/export.service');
  return withVault(typedPath, options, async (vault) => {
    const doc = await exportVault(vault.db, { generator: 'Casekeeper command-line tool' });
    io.err(PLAINTEXT_WARNING);
    writeAtomically(out, `${JSON.stringify(doc, null, 2)}\n`, Boolean(options.force));
    const summary = summariseDocument(doc);
    io.out(`Exported ${countOf(summary.cases, 'case')}, ${countOf(summary.contacts, 'contact')} and ${countOf(summary.evidence, 'evidence file')} to ${out}`);
    return summary;
  });
}

/** All bytes or an error (a full disk is DISK_FULL, exit non-zero); without --force an existing file is never replaced. */
function writeAtomically(path: string, text: string, replace: boolean): void {
  try {
    atomicWriteFile(path, text, { mode: replace ? 'replace' : 'exclusive', noun: 'the export file' });
  } catch (error) {
    if (error instanceof AppError && error.code === 'ALREADY_EXISTS') throw new AppError('ALREADY_EXISTS', `${path} already exists. Choose another file name, or add --force to replace it.`);
    throw error;
  }
}

function readImportFile(file: string): { ok: true; value: unknown } | { ok: false; problems: ImportProblem[] } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new AppError('NOT_FOUND', `Cannot read ${file}. Check the path and that you may read it.`);
  }
  // Broken UTF-8 and fields named twice are refused with their JSON paths, never silently "fixed".
  return parseStrictJson(bytes);
}

export async function importCommand(typedPath: string, file: string, options: PassphraseOptions, io: CommandIo = processIo): Promise<ImportCommandResult> {
  const read = readImportFile(file);
  const report = (problems: ImportProblem[]): ImportCommandResult => {
    io.err(`${file} was not imported (${countOf(problems.length, 'problem')}); nothing was changed:`);
    for (const problem of problems) io.err(`  ${problem.path}: ${problem.message}`);
    return { ok: false, problems };
  };
  if (!read.ok) return report(read.problems);
  const { importDocument, ImportRejectedError } = await import('../../services/interchange/import.service');
  return withVault(typedPath, options, async (vault) => {
    try {
      const summary = await importDocument({ db: vault.db, actor: await actorOf(vault), now: () => new Date() }, read.value);
      io.out(`Imported ${countOf(summary.cases, 'case')}, ${countOf(summary.contacts, 'contact')} and ${countOf(summary.evidence, 'evidence file')} into ${vault.paths.folder}`);
      return { ok: true, summary };
    } catch (error) {
      if (error instanceof ImportRejectedError) return report([...error.problems]);
      throw error;
    }
  });
}

export async function demoCommand(path: string, options: DemoCommandOptions, io: CommandIo = processIo): Promise<{ folder: string; cases: number }> {
  const kdfParams = await kdfParamsSource(options);
  const { createDemoVault, DEMO_PASSPHRASE } = await import('../../services/demo/demo.service');
  const { closeVault, assertPassphraseAcceptable } = await import('../../services/vault/vault.service');
  const passphrase = options.passphraseFile === undefined ? DEMO_PASSPHRASE : await readChosenPassphrase(options.passphraseFile, assertPassphraseAcceptable);
  let created: { vault: OpenVault; summary: { cases: number } };
  if (options.size === 'large') {
    const { createLargeDemoVault } = await import('../../services/demo/demo-large');
    io.err('Creating the large demo (about 20,000 cases); this takes a few minutes.');
    created = await createLargeDemoVault(path, passphrase, { kdfParams });
  } else {
    created = await createDemoVault(path, passphrase, { kdfParams });
  }
  const { vault, summary } = created;
  const folder = vault.paths.folder;
  closeVault(vault);
  io.out(`Created demo vault ${folder} with ${countOf(summary.cases, 'fictional case')}.`);
  io.out(options.passphraseFile === undefined ? `Passphrase: ${DEMO_PASSPHRASE}` : `Passphrase: the one in ${options.passphraseFile}`);
  io.out('It holds only fictional data. Never put real cases in a demo vault.');
  return { folder, cases: summary.cases };
}

export async function auditVerifyCommand(typedPath: string, options: PassphraseOptions, io: CommandIo = processIo): Promise<AuditVerifyResult> {
  const { verifyAuditChain } = await import('../../services/audit/audit.service');
  return withVault(typedPath, options, async (vault) => {
    const result = await verifyAuditChain(vault.db);
    if (result.ok) io.out(`audit chain ok (${countOf(result.entries, 'entry', 'entries')})`);
    return result;
  });
}
