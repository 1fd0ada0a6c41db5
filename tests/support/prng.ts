/**
 * A small seeded PRNG (mulberry32) so randomised tests can print their seed
 * and be replayed exactly: `CK_TEST_SEED=<seed> npx vitest run <file>`.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed from CK_TEST_SEED, or a fresh one. */
export function testSeed(): number {
  const fromEnv = process.env.CK_TEST_SEED;
  if (fromEnv !== undefined && fromEnv !== '') return Number(fromEnv) >>> 0;
  return (Date.now() ^ Math.floor(Math.random() * 2 ** 32)) >>> 0;
}
