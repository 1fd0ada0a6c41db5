import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import type * as VaultServiceModule from '../../services/vault/vault.service';
import type { OpenVault, VaultDeps } from '../../services/vault/vault.service';
import { EXIT_CODES_SHORT_HELP, PASSPHRASE_HELP } from '../help-text';
import { kdfParamsSource, positiveInteger, type KdfOverrideOptions } from '../kdf-options';
import { readChosenPassphrase, readNewPassphrase, readPassphrase, readRecoveryKey } from '../passphrase-input';
import { formatCreated, formatVaultInfo } from '../vault-output';

interface PassphraseOptions {
  passphraseFile?: string;
}
interface NewPassphraseOptions extends KdfOverrideOptions {
  newPassphraseFile?: string;
}
type CreateOptions = PassphraseOptions & KdfOverrideOptions & { recoveryKey: boolean };
type InfoOptions = PassphraseOptions & { json?: boolean };
type PasswdOptions = PassphraseOptions & NewPassphraseOptions;
type RecoverOptions = NewPassphraseOptions & { recoveryKeyFile?: string };

type VaultService = typeof VaultServiceModule;

export function registerVaultCommands(program: Command): void {
  const vault = program
    .command('vault')
    .description('create, check and look after encrypted vaults')
    .addHelpText('after', `\n${PASSPHRASE_HELP}\n\n${EXIT_CODES_SHORT_HELP}\n`);

  subcommand(vault, 'create <path>', 'create a new, empty vault (".ckvault" is added to the name if missing) and show its recovery key once')
    .option('--no-recovery-key', 'make no recovery key: a forgotten passphrase then means lost data')
    .addOption(passphraseFileOption())
    .addOption(kdfMemoryOption())
    .addOption(kdfIterationsOption())
    .action(createCommand);

  subcommand(vault, 'check <path>', 'unlock the vault and run a full integrity check; exits non-zero on any problem')
    .addOption(passphraseFileOption())
    .action(checkCommand);

  subcommand(vault, 'info <path>', 'show schema version, key-derivation settings, cipher and creation date (nothing from the records)')
    .addOption(passphraseFileOption())
    .option('--json', 'print the information as JSON')
    .action(infoCommand);

  subcommand(vault, 'passwd <path>', 'change the passphrase (the data is not re-encrypted; the recovery key keeps working)')
    .addOption(passphraseFileOption())
    .addOption(newPassphraseFileOption())
    .addOption(kdfMemoryOption())
    .addOption(kdfIterationsOption())
    .action(passwdCommand);

  subcommand(vault, 'recover <path>', 'open the vault with its recovery key and set a new passphrase')
    .addOption(new Option('--recovery-key-file <file>', 'read the recovery key from the first line of FILE (default: ask at the terminal)'))
    .addOption(newPassphraseFileOption())
    .addOption(kdfMemoryOption())
    .addOption(kdfIterationsOption())
    .action(recoverCommand);
}

function subcommand(parent: Command, nameAndArgs: string, description: string): Command {
  return parent.command(nameAndArgs).description(description).addHelpText('after', `\nPassphrase sources: see "casekeeper vault --help".\n${EXIT_CODES_SHORT_HELP}\n`);
}

function passphraseFileOption(): Option {
  return new Option('--passphrase-file <file>', 'read the passphrase from the first line of FILE (else $CASEKEEPER_PASSPHRASE, else ask)');
}

function newPassphraseFileOption(): Option {
  return new Option('--new-passphrase-file <file>', 'read the new passphrase from the first line of FILE (else $CASEKEEPER_NEW_PASSPHRASE, else ask twice)');
}

function kdfMemoryOption(): Option {
  return new Option('--kdf-memory-mib <MiB>', 'Argon2id memory for the passphrase, for automation (at least 64; default: calibrated to ~0.75 s)').argParser(positiveInteger);
}

function kdfIterationsOption(): Option {
  return new Option('--kdf-iterations <n>', 'Argon2id passes, given together with --kdf-memory-mib').argParser(positiveInteger);
}

// The vault services pull in SQLite and Argon2: loaded only when a command runs, so --help stays quick.
function loadVaultService(): Promise<VaultService> {
  return import('../../services/vault/vault.service');
}

/**
 * Resolves the path as typed (accepting "Casework" for "Casework.ckvault", as
 * create names it) and fails on a missing path or one that is not a vault
 * before anyone is asked for a passphrase.
 */
async function locateVaultPath(path: string): Promise<string> {
  const { locateVault, statOrNull, withVaultExtension } = await import('../../services/vault/vault-files');
  const withExtension = withVaultExtension(path);
  const typed = !statOrNull(path) && statOrNull(withExtension) ? withExtension : path;
  return locateVault(typed).folder;
}

async function warnIfWeak(passphrase: string, context: string[]): Promise<void> {
  const { weakPassphraseWarning } = await import('../passphrase-strength');
  const warning = weakPassphraseWarning(passphrase, context);
  if (warning) process.stderr.write(`casekeeper: warning: ${warning}\n`);
}

async function withUnlockedVault<T>(
  path: string,
  passphrase: string,
  deps: VaultDeps,
  use: (vault: OpenVault, service: VaultService) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const service = await loadVaultService();
  const vault = await service.unlockVault(path, passphrase, deps, options);
  try {
    return await use(vault, service);
  } finally {
    service.closeVault(vault);
  }
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function createCommand(path: string, options: CreateOptions): Promise<void> {
  const kdfParams = await kdfParamsSource(options);
  const service = await loadVaultService();
  const passphrase = await readChosenPassphrase(options.passphraseFile, service.assertPassphraseAcceptable);
  await warnIfWeak(passphrase, [basename(path)]);
  const { vault, recoveryKey } = await service.createVault(path, passphrase, { withRecoveryKey: options.recoveryKey }, { kdfParams });
  const folder = vault.paths.folder;
  service.closeVault(vault);
  print(formatCreated(folder, recoveryKey));
}

async function checkCommand(typedPath: string, options: PassphraseOptions): Promise<void> {
  const path = await locateVaultPath(typedPath);
  const passphrase = await readPassphrase(options.passphraseFile);
  await withUnlockedVault(path, passphrase, { kdfParams: await kdfParamsSource({}) }, async (vault, service) => {
    const { schemaVersion } = await service.checkVault(vault);
    const { LATEST_SCHEMA_VERSION } = await import('../../db/migrations/index');
    const upgrade = schemaVersion < LATEST_SCHEMA_VERSION ? `; opening it in Casekeeper upgrades it to ${LATEST_SCHEMA_VERSION}` : '';
    print(`ok: ${vault.paths.folder}: integrity and foreign-key checks passed (schema version ${schemaVersion}${upgrade})`);
  }, { migrate: false });
}

async function infoCommand(typedPath: string, options: InfoOptions): Promise<void> {
  const path = await locateVaultPath(typedPath);
  const passphrase = await readPassphrase(options.passphraseFile);
  await withUnlockedVault(path, passphrase, { kdfParams: await kdfParamsSource({}) }, async (vault, service) => {
    const info = await service.describeVault(vault);
    print(options.json ? JSON.stringify(info, null, 2) : formatVaultInfo(info));
  }, { migrate: false });
}

async function passwdCommand(typedPath: string, options: PasswdOptions): Promise<void> {
  const kdfParams = await kdfParamsSource(options);
  const path = await locateVaultPath(typedPath);
  const current = await readPassphrase(options.passphraseFile);
  await withUnlockedVault(path, current, { kdfParams }, async (vault, service) => {
    // Asked only after the current passphrase proved right, so nobody types a new one for nothing.
    const next = await readNewPassphrase(options.newPassphraseFile, service.assertPassphraseAcceptable);
    await warnIfWeak(next, [vault.name]);
    await service.changePassphrase(vault, current, next, { kdfParams });
    print(`Passphrase changed for ${vault.paths.folder}. The old passphrase no longer opens it; a recovery key, if the vault has one, still does.`);
  });
}

async function recoverCommand(typedPath: string, options: RecoverOptions): Promise<void> {
  const kdfParams = await kdfParamsSource(options);
  const path = await locateVaultPath(typedPath);
  const recoveryKey = await readRecoveryKey(options.recoveryKeyFile);
  const service = await loadVaultService();
  const next = await readNewPassphrase(options.newPassphraseFile, service.assertPassphraseAcceptable);
  await warnIfWeak(next, [basename(path, '.ckvault')]);
  const vault = await service.unlockWithRecoveryKey(path, recoveryKey, next, { kdfParams });
  const folder = vault.paths.folder;
  service.closeVault(vault);
  print(`New passphrase set for ${folder}. The recovery key still opens the vault too; keep it safe.`);
}
