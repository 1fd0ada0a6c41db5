import { Command, CommanderError } from 'commander';
import { toAppError } from '../services/errors/to-app-error';
import { registerVaultCommands } from './commands/vault';
import { registerRecordCommands } from './commands/records';
import { registerSearchCommand } from './commands/search';
import { registerPacketCommands } from './commands/packets';
import { packageVersion } from './version';
import { registerBackupCommands } from './commands/backup';
import { CliExit, EXIT_CODES, exitCodeFor, type ExitCode } from './exit-codes';
import { EXIT_CODES_HELP } from './help-text';

/**
 * `casekeeper` — the command-line tool over the same services the app uses,
 * for administrators and automation. Plain Node: no Electron, no network.
 */
export function buildProgram(): Command {
  const program = new Command('casekeeper')
    .description('Casekeeper command-line tool: create, check and look after encrypted case vaults; export and import their records; make demo vaults; verify the audit history.\nWorks offline and makes no network connections.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    // Set before adding subcommands, which inherit these settings.
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ outputError: (text, write) => write(`casekeeper: ${text.replace(/^error: /, '')}`) })
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n`);
  registerVaultCommands(program);
  registerRecordCommands(program);
  registerSearchCommand(program);
  registerPacketCommands(program);
  registerBackupCommands(program);
  return program;
}

/** Runs one command line (without the node and script arguments) and returns the exit code. */
export async function runCli(args: string[]): Promise<ExitCode> {
  try {
    await buildProgram().parseAsync(args, { from: 'user' });
    return EXIT_CODES.OK;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): ExitCode {
  if (error instanceof CommanderError) {
    // Commander has already printed help or its message.
    return error.exitCode === 0 ? EXIT_CODES.OK : EXIT_CODES.USAGE;
  }
  if (error instanceof CliExit) {
    process.stderr.write(`casekeeper: ${error.message}\n`);
    return error.exitCode;
  }
  const known = toAppError(error);
  // Only the message written for a caseworker: never a stack, a raw SQLite text or a secret.
  process.stderr.write(`casekeeper: ${known.message}\n`);
  return exitCodeFor(known.code);
}
