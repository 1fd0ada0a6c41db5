import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'ascii');

/**
 * Gives SQLite3 Multiple Ciphers the vault's raw 256-bit key through
 * sqlite3_key with a Buffer, instead of `PRAGMA key = "x'…'"`: that pragma
 * needs the key as hex inside a JavaScript string, which JS cannot wipe
 * (strings are immutable and live until the garbage collector reuses their
 * memory). The key material `x'<64 hex digits>'` (the form SQLite3MC reads
 * as a raw key, skipping its own KDF) is built byte by byte in a Buffer and
 * zeroed as soon as SQLite has taken it. Set the cipher pragmas first.
 */
export function applyRawKey(db: BetterSqlite3.Database, dataKey: Buffer): void {
  const material = Buffer.alloc(3 + dataKey.length * 2);
  try {
    material[0] = 0x78; // x
    material[1] = 0x27; // '
    for (let i = 0; i < dataKey.length; i += 1) {
      const byte = dataKey[i]!;
      material[2 + 2 * i] = HEX_DIGITS[byte >> 4]!;
      material[3 + 2 * i] = HEX_DIGITS[byte & 0x0f]!;
    }
    material[material.length - 1] = 0x27;
    db.key(material);
  } finally {
    material.fill(0);
  }
}
