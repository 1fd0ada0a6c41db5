/**
 * Randomised tests draw from `mulberry32` (shared/seeded-random.ts) with this
 * seed and print it, so a failure replays exactly:
 * `CK_TEST_SEED=<seed> npx vitest run <file>`.
 */

/** The seed from CK_TEST_SEED, or a fresh one. */
export function testSeed(): number {
  const fromEnv = process.env.CK_TEST_SEED;
  if (fromEnv !== undefined && fromEnv !== '') return Number(fromEnv) >>> 0;
  return (Date.now() ^ Math.floor(Math.random() * 2 ** 32)) >>> 0;
}
