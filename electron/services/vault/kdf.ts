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

/**
 * The weakest setting Casekeeper chooses by itself (RFC 9106's second
 * recommendation: 64 MiB × 3 passes, counted as memory × passes, so 128 MiB ×
 * 2 also qualifies). Calibration never goes below it; only the CLI's explicit
 * --kdf-* options (meant for tests and automation) may, down to KDF_FLOOR,
 * and then with a warning.
 */
export const KDF_RECOMMENDED_MIN_MIB_PASSES = 64 * 3;

export function belowRecommended(params: KdfParams): boolean {
  return (params.memoryKiB / 1024) * params.iterations < KDF_RECOMMENDED_MIN_MIB_PASSES;
}

/** Upper bounds so a tampered key-slot file cannot make unlocking hang or exhaust memory. */
const KDF_CEILING = { memoryKiB: 4 * 1024 * 1024, iterations: 64, parallelism: 16 };

export const KDF_TARGET_MS = 750;
/** Calibration stops growing memory here: laptops also run the app in the same memory. */
const KDF_MAX_CALIBRATED_MEMORY_KIB = 256 * 1024;

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
    throw new AppError(
      'VALIDATION',
      `Key-derivation settings must use Argon2id with ${KDF_FLOOR.memoryKiB / 1024} MiB to ${KDF_CEILING.memoryKiB / 1024} MiB of memory, ${KDF_FLOOR.iterations} to ${KDF_CEILING.iterations} passes and ${KDF_FLOOR.parallelism} to ${KDF_CEILING.parallelism} lanes.`,
    );
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
 * preferring more memory (harder for GPU crackers) over more passes: memory
 * grows in powers of two from 64 MiB up to 256 MiB while two passes still fit,
 * then the pass count is measured at that memory size.
 */
export async function calibrateKdf(targetMs: number = KDF_TARGET_MS): Promise<KdfParams> {
  const salt = Buffer.alloc(16, 7);
  // Best of two: the first run at a new memory size also pays for page faults.
  const measure = async (params: KdfParams, runs = 2): Promise<number> => {
    let best = Infinity;
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      await deriveKey('calibration', salt, params);
      best = Math.min(best, performance.now() - started);
    }
    return Math.max(1, best);
  };
  await measure(KDF_FLOOR); // warm-up: the first call pays for the thread pool

  let memoryKiB = KDF_FLOOR.memoryKiB;
  let onePass = await measure({ ...KDF_FLOOR, memoryKiB, iterations: 1 });
  while (memoryKiB < KDF_MAX_CALIBRATED_MEMORY_KIB && onePass * 2 * 2 <= targetMs) {
    memoryKiB *= 2;
    onePass = await measure({ ...KDF_FLOOR, memoryKiB, iterations: 1 });
  }
  // Never below the recommended minimum (64 MiB × 3 passes), however slow the machine.
  const minimumPasses = Math.max(2, Math.ceil(KDF_RECOMMENDED_MIN_MIB_PASSES / (memoryKiB / 1024)));
  const clampPasses = (n: number): number => Math.min(KDF_CEILING.iterations, Math.max(minimumPasses, n));
  const first: KdfParams = { algorithm: 'argon2id', memoryKiB, iterations: clampPasses(Math.floor(targetMs / onePass)), parallelism: 1 };
  // One check of the real thing: passes do not scale perfectly linearly.
  const actual = await measure(first, 1);
  return { ...first, iterations: clampPasses(Math.round((first.iterations * targetMs) / actual)) };
}
