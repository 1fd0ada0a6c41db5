import { hashRaw, type Algorithm } from '@node-rs/argon2';
import { AppError } from '../../../shared/errors';

export interface KdfParams {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** Never weaker than this, whatever a caller or a key-slot file asks for. */
export const KDF_FLOOR: KdfParams = Object.freeze({
  algorithm: 'argon2id',
  memoryKiB: 64 * 1024,
  iterations: 1,
  parallelism: 1,
});

/** Upper bounds so a tampered key-slot file cannot make unlocking hang or exhaust memory. */
const KDF_CEILING = { memoryKiB: 4 * 1024 * 1024, iterations: 64, parallelism: 16 };

export const KDF_TARGET_MS = 750;

// @node-rs/argon2 exports Algorithm as a const enum, which isolated modules cannot read; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

export function checkKdfParams(params: KdfParams): KdfParams {
  const ok =
    params.algorithm === 'argon2id' &&
    Number.isInteger(params.memoryKiB) &&
    Number.isInteger(params.iterations) &&
    Number.isInteger(params.parallelism) &&
    params.memoryKiB >= KDF_FLOOR.memoryKiB &&
    params.memoryKiB <= KDF_CEILING.memoryKiB &&
    params.iterations >= KDF_FLOOR.iterations &&
    params.iterations <= KDF_CEILING.iterations &&
    params.parallelism >= KDF_FLOOR.parallelism &&
    params.parallelism <= KDF_CEILING.parallelism;
  if (!ok) {
    throw new AppError('VALIDATION', `Key-derivation settings must use Argon2id with at least ${KDF_FLOOR.memoryKiB / 1024} MiB of memory.`);
  }
  return params;
}

/** Passphrases are NFC-normalised so the same words typed through different keyboards or IMEs unlock the vault. */
export function normalisePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

export async function deriveKey(passphrase: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  checkKdfParams(params);
  return hashRaw(normalisePassphrase(passphrase), {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    outputLen: 32,
    salt,
  });
}

/**
 * Picks Argon2id settings that take about `targetMs` on this machine,
 * preferring more memory (harder for GPU crackers) over more passes.
 * Memory grows in powers of two from 64 MiB up to 512 MiB; passes fill the rest.
 */
export async function calibrateKdf(targetMs: number = KDF_TARGET_MS): Promise<KdfParams> {
  const probe: KdfParams = { ...KDF_FLOOR, iterations: 2 };
  const salt = Buffer.alloc(16, 7);
  await deriveKey('calibration', salt, probe); // warm-up: first call pays for thread-pool start
  const started = performance.now();
  await deriveKey('calibration', salt, probe);
  const elapsed = Math.max(1, performance.now() - started);

  const affordable = (targetMs / elapsed) * probe.memoryKiB * probe.iterations; // KiB × passes
  let memoryKiB = KDF_FLOOR.memoryKiB;
  while (memoryKiB * 2 * 3 <= affordable && memoryKiB * 2 <= 512 * 1024) memoryKiB *= 2;
  const iterations = Math.min(KDF_CEILING.iterations, Math.max(2, Math.round(affordable / memoryKiB)));
  return { algorithm: 'argon2id', memoryKiB, iterations, parallelism: 1 };
}
