import { describe, expect, it } from 'vitest';
import { belowRecommended, calibrateKdf, checkKdfParams, deriveKey, KDF_FLOOR } from '../../electron/services/vault/kdf';

describe('key derivation', () => {
  it('calibration never goes below Argon2id with 64 MiB and two passes', async () => {
    const params = await calibrateKdf(50);
    expect(params.algorithm).toBe('argon2id');
    expect(params.memoryKiB).toBeGreaterThanOrEqual(64 * 1024);
    expect(params.iterations).toBeGreaterThanOrEqual(2);
  });

  it('even on a machine too slow for the target, calibration stays at or above 64 MiB × 3 passes', async () => {
    // A 1 ms target is unreachable: calibration falls back to its minimum.
    const params = await calibrateKdf(1);
    expect(params).toMatchObject({ memoryKiB: 64 * 1024, iterations: 3 });
    expect(belowRecommended(params)).toBe(false);
    expect(belowRecommended(KDF_FLOOR)).toBe(true);
  });

  it.each([
    { ...KDF_FLOOR, memoryKiB: 8 * 1024 },
    { ...KDF_FLOOR, iterations: 0 },
    { ...KDF_FLOOR, memoryKiB: 64 * 1024 * 1024 },
    { ...KDF_FLOOR, iterations: 1.5 },
    { ...KDF_FLOOR, algorithm: 'pbkdf2' as 'argon2id' },
  ])('settings weaker than the floor, or absurd ones from a tampered file, are refused: %o', (params) => {
    expect(() => checkKdfParams(params)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('the same passphrase and salt give the same key; another salt gives another', async () => {
    const salt = Buffer.alloc(16, 1);
    const a = await deriveKey('correct horse battery staple', salt, KDF_FLOOR);
    const b = await deriveKey('correct horse battery staple', salt, KDF_FLOOR);
    const c = await deriveKey('correct horse battery staple', Buffer.alloc(16, 2), KDF_FLOOR);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(a).toHaveLength(32);
  });
});
