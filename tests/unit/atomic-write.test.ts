import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWriteFile, partialPath, removeLeftoverPartials, writeTempFile, forgetTemp, type AtomicFs } from '../../electron/services/files/atomic-write';
import { makeTempDir } from '../support/temp';

/**
 * Issue 14.1 / 16: every file Casekeeper writes is written whole or not at
 * all, owner-only, never replacing a file the caller must not replace, and
 * also on FAT/exFAT USB sticks that refuse hard links. The file system here
 * is real; only the failures (short writes, a full disk, a refused link) are
 * injected.
 */

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('ck-atomic-');
});
afterEach(() => temp.remove());

const realFs: AtomicFs = {
  openSync: fs.openSync,
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  linkSync: fs.linkSync,
  renameSync: fs.renameSync,
  rmSync: fs.rmSync,
};
const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
const packetBytes = () => Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
const folderListing = () => fs.readdirSync(temp.path).sort();
const modeOf = (path: string) => fs.statSync(path).mode & 0o777;

describe('writing a file whole or not at all', () => {
  it('a file system that accepts a few bytes per write still gets every byte', () => {
    const target = join(temp.path, 'CK-2026-0042_police_2026-05-04.zip');
    const data = packetBytes();
    let calls = 0;
    const trickle: AtomicFs = { ...realFs, writeSync: (fd, buffer, offset, length) => (calls++, fs.writeSync(fd, buffer, offset, Math.min(length, 4093))) };
    atomicWriteFile(target, data, { mode: 'exclusive', noun: 'the packet', fs: trickle });
    expect(calls).toBeGreaterThan(20);
    expect(fs.readFileSync(target).equals(data)).toBe(true);
    expect(modeOf(target)).toBe(0o600);
    expect(folderListing()).toEqual(['CK-2026-0042_police_2026-05-04.zip']);
  });

  it('a disk that fills up half-way: DISK_FULL with a plain message, no file under the name, no temp file left', () => {
    const target = join(temp.path, 'casework-export.json');
    let written = 0;
    const filling: AtomicFs = {
      ...realFs,
      writeSync: (fd, buffer, offset, length) => {
        if (written >= 50_000) throw errno('ENOSPC');
        const n = fs.writeSync(fd, buffer, offset, Math.min(length, 50_000 - written));
        written += n;
        return n;
      },
    };
    expect(() => atomicWriteFile(target, packetBytes(), { mode: 'replace', noun: 'the export file', fs: filling })).toThrow(
      expect.objectContaining({ code: 'DISK_FULL', message: 'The disk is full, so the export file was not saved. Free some space or choose another drive.' }),
    );
    expect(folderListing()).toEqual([]);
  });

  it('a write that moves no bytes at all is a full disk, not an endless loop', () => {
    const target = join(temp.path, 'report.csv');
    const stuck: AtomicFs = { ...realFs, writeSync: () => 0 };
    expect(() => atomicWriteFile(target, 'a,b\n1,2\n', { mode: 'replace', noun: 'the report', fs: stuck })).toThrow(expect.objectContaining({ code: 'DISK_FULL' }));
    expect(folderListing()).toEqual([]);
  });

  it('a failed replace leaves the earlier file exactly as it was', () => {
    const target = join(temp.path, 'keyslots.json');
    fs.writeFileSync(target, 'the earlier key slots');
    const failing: AtomicFs = { ...realFs, fsyncSync: () => { throw errno('EIO'); } };
    expect(() => atomicWriteFile(target, 'new key slots', { mode: 'replace', fs: failing })).toThrow(expect.objectContaining({ code: 'EIO' }));
    expect(fs.readFileSync(target, 'utf8')).toBe('the earlier key slots');
    expect(folderListing()).toEqual(['keyslots.json']);
  });

  it('exclusive never replaces a file that is already there', () => {
    const target = join(temp.path, 'packet.zip');
    fs.writeFileSync(target, 'somebody else’s file');
    expect(() => atomicWriteFile(target, packetBytes(), { mode: 'exclusive', noun: 'the packet' })).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }));
    expect(fs.readFileSync(target, 'utf8')).toBe('somebody else’s file');
    expect(folderListing()).toEqual(['packet.zip']);
  });

  it('replace puts the whole new file in place, owner-only', () => {
    const target = join(temp.path, 'report.csv');
    fs.writeFileSync(target, 'old', { mode: 0o644 });
    atomicWriteFile(target, 'new,table\n', { mode: 'replace', noun: 'the report' });
    expect(fs.readFileSync(target, 'utf8')).toBe('new,table\n');
    expect(modeOf(target)).toBe(0o600);
  });
});

describe('a USB stick formatted FAT or exFAT (no hard links)', () => {
  for (const code of ['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV']) {
    it(`link refused with ${code}: the packet is still written, whole, owner-only, with no temp file left`, () => {
      const target = join(temp.path, 'CK-2026-0042_police_2026-05-04.zip');
      const data = packetBytes();
      let links = 0;
      const fat: AtomicFs = { ...realFs, linkSync: () => { links += 1; throw errno(code); } };
      atomicWriteFile(target, data, { mode: 'exclusive', noun: 'the packet', fs: fat });
      expect(links).toBe(1);
      expect(fs.readFileSync(target).equals(data)).toBe(true);
      expect(modeOf(target)).toBe(0o600);
      expect(folderListing()).toEqual(['CK-2026-0042_police_2026-05-04.zip']);
    });
  }

  it('without hard links an existing file is still never replaced', () => {
    const target = join(temp.path, 'packet.zip');
    fs.writeFileSync(target, 'already here');
    const fat: AtomicFs = { ...realFs, linkSync: () => { throw errno('EPERM'); } };
    expect(() => atomicWriteFile(target, packetBytes(), { mode: 'exclusive', noun: 'the packet', fs: fat })).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }));
    expect(fs.readFileSync(target, 'utf8')).toBe('already here');
    expect(folderListing()).toEqual(['packet.zip']);
  });

  it('when the final rename fails too, neither the reserved name nor the temp file stays behind', () => {
    const target = join(temp.path, 'packet.zip');
    const broken: AtomicFs = { ...realFs, linkSync: () => { throw errno('EPERM'); }, renameSync: () => { throw errno('EIO'); } };
    expect(() => atomicWriteFile(target, packetBytes(), { mode: 'exclusive', noun: 'the packet', fs: broken })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(folderListing()).toEqual([]);
  });

  it('a link refused because the folder is not writable is not mistaken for FAT', () => {
    const target = join(temp.path, 'packet.zip');
    const denied: AtomicFs = { ...realFs, linkSync: () => { throw errno('EACCES'); } };
    expect(() => atomicWriteFile(target, packetBytes(), { mode: 'exclusive', noun: 'the packet', fs: denied })).toThrow(expect.objectContaining({ code: 'READ_ONLY' }));
    expect(folderListing()).toEqual([]);
  });
});

describe('temp files left by a killed Casekeeper', () => {
  it('are removed later, unless a running process is still writing them', () => {
    // A process that has exited: its pid is free.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    const leftover = join(temp.path, `.casekeeper-${deadPid}-0123456789abcdef.partial`);
    fs.writeFileSync(leftover, 'half a packet');
    const stranger = join(temp.path, '.casekeeper-notes.partial');
    fs.writeFileSync(stranger, 'not ours: the name does not match');
    const mine = writeTempFile(temp.path, 'being written right now');
    try {
      expect(removeLeftoverPartials(temp.path)).toBe(1);
      expect(fs.existsSync(leftover)).toBe(false);
      expect(fs.existsSync(stranger)).toBe(true);
      expect(fs.existsSync(mine)).toBe(true);
    } finally {
      forgetTemp(mine);
    }
    // Once this process stops writing it, a temp file of its own pid is a leftover too (a crash before clean-up).
    const stale = partialPath(temp.path);
    fs.writeFileSync(stale, 'left over');
    expect(removeLeftoverPartials(temp.path)).toBe(1);
    expect(fs.existsSync(stale)).toBe(false);
  });

  it('a missing folder has nothing to clean', () => {
    expect(removeLeftoverPartials(join(temp.path, 'unplugged-usb'))).toBe(0);
  });
});
