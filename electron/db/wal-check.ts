import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { corruptVault } from '../services/errors/to-app-error';

/**
 * A write-ahead log left by a crash holds committed transactions that are
 * not in vault.db yet. SQLite replays it up to the first frame whose
 * checksum fails and silently treats the rest as never written; closing then
 * deletes it. A crash can only tear the *end* of the log, so a damaged frame
 * followed by a later commit frame of the same log generation means the file
 * itself was damaged and committed work would be lost: refuse to open
 * instead (CORRUPT), leaving every file as it is so it can be recovered from
 * a backup or by a specialist.
 *
 * Format: https://sqlite.org/fileformat2.html#walformat (frame headers are
 * plaintext; the cipher encrypts page images before SQLite checksums them).
 */

const HEADER = 32;
const FRAME_HEADER = 24;
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;

function checksum(data: Buffer, bigEndian: boolean, s0: number, s1: number): [number, number] {
  let a = s0;
  let b = s1;
  for (let i = 0; i + 8 <= data.length; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    a = (a + x0 + b) >>> 0;
    b = (b + x1 + a) >>> 0;
  }
  return [a, b];
}

export function assertWalIntact(walPath: string): void {
  let size: number;
  try {
    size = statSync(walPath).size;
  } catch {
    return; // no log: nothing to replay
  }
  if (size < HEADER) return; // SQLite ignores a log shorter than its header
  const fd = openSync(walPath, 'r');
  try {
    const header = Buffer.alloc(HEADER);
    readSync(fd, header, 0, HEADER, 0);
    const magic = header.readUInt32BE(0);
    if (magic !== MAGIC_LE && magic !== MAGIC_BE) throw corruptVault();
    const bigEndian = magic === MAGIC_BE;
    const pageSize = header.readUInt32BE(8) === 1 ? 65536 : header.readUInt32BE(8);
    const salt1 = header.readUInt32BE(16);
    const salt2 = header.readUInt32BE(20);
    let [s0, s1] = checksum(header.subarray(0, 24), bigEndian, 0, 0);
    // A header whose checksum fails makes SQLite ignore the whole log: every commit in it would be lost.
    if (s0 !== header.readUInt32BE(24) || s1 !== header.readUInt32BE(28)) throw corruptVault();

    const frame = Buffer.alloc(FRAME_HEADER + pageSize);
    let broken = false;
    for (let offset = HEADER; offset + frame.length <= size; offset += frame.length) {
      readSync(fd, frame, 0, frame.length, offset);
      const sameGeneration = frame.readUInt32BE(8) === salt1 && frame.readUInt32BE(12) === salt2;
      if (!sameGeneration) {
        // Frames from an earlier generation of the log: SQLite stops here, and so may we.
        if (!broken) return;
        continue;
      }
      const isCommit = frame.readUInt32BE(4) !== 0;
      if (broken) {
        if (isCommit) throw corruptVault();
        continue;
      }
      const head = checksum(frame.subarray(0, 8), bigEndian, s0, s1);
      const [c0, c1] = checksum(frame.subarray(FRAME_HEADER), bigEndian, head[0], head[1]);
      if (c0 !== frame.readUInt32BE(16) || c1 !== frame.readUInt32BE(20)) {
        broken = true;
        continue;
      }
      s0 = c0;
      s1 = c1;
    }
  } finally {
    closeSync(fd);
  }
}
