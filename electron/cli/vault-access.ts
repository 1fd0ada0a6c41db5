import type { OpenVault, VaultDeps } from '../services/vault/vault.service';
import { kdfParamsSource } from './kdf-options';
import { readPassphrase } from './passphrase-input';

/** Where a command writes: stdout for results a script may capture, stderr for warnings and problems. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CommandIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  // Indented lines continue a message (one problem per line): no prefix, so they line up.
  err: (text) => process.stderr.write(text.startsWith(' ') ? `${text}\n` : `casekeeper: ${text}\n`),
};

export interface PassphraseOptions {
  passphraseFile?: string;
}

/** The vault folder as typed ("Casework" for "Casework.ckvault"), checked before a passphrase is asked for. */
export async function locateVaultPath(path: string): Promise<string> {
  const { locateVault, statOrNull, withVaultExtension } = await import('../services/vault/vault-files');
  const withExtension = withVaultExtension(path);
  const typed = !statOrNull(path) && statOrNull(withExtension) ? withExtension : path;
  return locateVault(typed).folder;
}

/** Unlocks the vault for one command and always closes it again. */
export async function withVault<T>(typedPath: string, options: PassphraseOptions, use: (vault: OpenVault) => Promise<T>): Promise<T> {
  const path = await locateVaultPath(typedPath);
  const passphrase = await readPassphrase(options.passphraseFile);
  const service = await import('../services/vault/vault.service');
  const deps: VaultDeps = { kdfParams: await kdfParamsSource({}) };
  const vault = await service.unlockVault(path, passphrase, deps);
  try {
    return await use(vault);
  } finally {
    service.closeVault(vault);
  }
}

/** The caseworker name from the vault's Settings, as the app records it. */
export async function actorOf(vault: OpenVault): Promise<string> {
  const { getSettings } = await import('../services/settings/settings.service');
  const name = (await getSettings(vault.db)).caseworkerName.trim();
  return name || 'Casekeeper command line';
}
