import { InvalidArgumentError } from 'commander';
import { AppError } from '../../shared/errors';
import type { KdfParams } from '../services/vault/kdf';

export interface KdfOverrideOptions {
  kdfMemoryMib?: number;
  kdfIterations?: number;
}

export function kdfWarning(memoryMib: number, passes: number): string {
  return (
    `Argon2id ${memoryMib} MiB × ${passes} ${passes === 1 ? 'pass' : 'passes'} is below the recommended minimum (64 MiB × 3 passes) ` +
    'and weaker than the setting Casekeeper calibrates for this computer: a stolen vault is cheaper to attack. ' +
    'Use it for tests only; leave out --kdf-memory-mib and --kdf-iterations for real vaults.'
  );
}

function warn(text: string): void {
  process.stderr.write(`casekeeper: warning: ${text}\n`);
}

/** Commander argument parser for a positive whole number. */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Expected a whole number.');
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new InvalidArgumentError('Expected a whole number of at least 1.');
  return parsed;
}

/**
 * The Argon2id settings for a new passphrase slot: fixed ones when the caller
 * gave both overrides (automation, tests), else calibrated on this machine.
 * Overrides are checked against the floor before any passphrase is read, so
 * a weak setting is refused before anything happens.
 */
export async function kdfParamsSource(options: KdfOverrideOptions): Promise<() => Promise<KdfParams>> {
  const { kdfMemoryMib, kdfIterations } = options;
  const kdf = await import('../services/vault/kdf');
  if (kdfMemoryMib === undefined && kdfIterations === undefined) {
    let calibrated: Promise<KdfParams> | undefined;
    return () => (calibrated ??= kdf.calibrateKdf());
  }
  if (kdfMemoryMib === undefined || kdfIterations === undefined) {
    throw new AppError('VALIDATION', 'Give --kdf-memory-mib and --kdf-iterations together, or neither (then Casekeeper calibrates them for this computer).');
  }
  const params = kdf.checkKdfParams({ algorithm: 'argon2id', memoryKiB: kdfMemoryMib * 1024, iterations: kdfIterations, parallelism: 1 });
  if (kdf.belowRecommended(params)) warn(kdfWarning(kdfMemoryMib, kdfIterations));
  return async () => params;
}
