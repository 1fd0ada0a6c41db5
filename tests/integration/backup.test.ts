import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createBackupHandlers } from '../../electron/main/ipc/backup-handlers';
import { BACKUP_EXTENSION, encodeFooterHead, encodeFooterTail, FOOTER_BYTES, readBackupInfo } from '../../electron/services/backup/backup-format';
import { listBackups } from '../../electron/services/backup/backup-folder';
import { getLastBackup } from '../../electron/services/backup/backup-record';
import { previewBackup, restoreBackup } from '../../electron/services/backup/backup-restore';
import { backUpVault } from '../../electron/services/backup/backup.service';
import { createCase, listCases } from '../../electron/services/cases/cases.service';
import { addEvidenceBytes } from '../../electron/services/evidence/evidence.service';
import { RecentVaults } from '../../electron/services/recent/recent-vaults';
import type { RecordContext } from '../../electron/services/records/context';
import { VaultSession } from '../../electron/services/session/session.service';
import { changePassphrase, checkVault, closeVault, createVault, unlockVault, type OpenVault } from '../../electron/services/vault/vault.service';
import { findCanaries, makeCanaries, makeTempDir, snapshotFiles, testVaultDeps as deps } from '../support/temp';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSPHRASE = 'harbour lantern quietly mango';
const NEW_PASSPHRASE = 'seventeen paper kites over Ürümqi';

let temp: ReturnType<typeof makeTempDir>;
let backups: string;
const open: OpenVault[] = [];

beforeEach(() => {
  temp = makeTempDir('ck-backup-');
  backups = join(temp.path, 'backups');
  mkdirSync(backups);
});
afterEach(() => {
  for (const vault of open.splice(0)) {
    if (vault.raw.open) closeVault(vault);
  }
  temp.remove();
});

async function newVault(name = 'Casework'): Promise<{ vault: OpenVault; recoveryKey: string; ctx: RecordContext }> {
  const { vault, recoveryKey } = await createVault(join(temp.path, name), PASSPHRASE, { withRecoveryKey: true }, deps);
  open.push(vault);
  return { vault, recoveryKey: recoveryKey!, ctx: { db: vault.db, actor: 'Mariam Test', now: () => new Date() } };
}

async function unlockTracked(path: string, passphrase = PASSPHRASE): Promise<OpenVault> {
  const vault = await unlockVault(path, passphrase, deps);
  open.push(vault);
  return vault;
}

async function caseNames(vault: OpenVault): Promise<string[]> {
  return (await listCases(vault.db, { sort: 'client', direction: 'asc' })).items.map((c) => c.clientName);
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but it succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message.length).toBeGreaterThan(20);
  return error as AppError;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Rewrites a backup's metadata and re-seals the footer's checksum (as someone without the key could), keeping the old HMAC. */
function rewriteMeta(file: string, change: (meta: Record<string, unknown>) => void, footerVersion?: number): void {
  const bytes = readFileSync(file);
  const footer = bytes.subarray(bytes.length - FOOTER_BYTES);
  const metaBytes = footer.readUInt32BE(4);
  const dbBytes = Number(footer.readBigUInt64BE(8));
  const meta = JSON.parse(bytes.subarray(dbBytes, dbBytes + metaBytes).toString('utf8')) as Record<string, unknown>;
  change(meta);
  const newMeta = Buffer.from(JSON.stringify(meta), 'utf8');
  const head = encodeFooterHead(newMeta.length, dbBytes, footer.subarray(16, 48));
  if (footerVersion !== undefined) head.writeUInt32BE(footerVersion, 0);
  const body = Buffer.concat([bytes.subarray(0, dbBytes), newMeta, head]);
  writeFileSync(file, Buffer.concat([body, encodeFooterTail(createHash('sha256').update(body).digest())]));
}

function flipByte(file: string, offset: number): void {
  const fd = openSync(file, 'r+');
  const one = Buffer.alloc(1);
  readSync(fd, one, 0, 1, offset);
  one[0] = one[0]! ^ 0x10;
  writeSync(fd, one, 0, 1, offset);
  closeSync(fd);
}

describe('a backup is one encrypted file', () => {
  it('a caseworker backs up a vault: one file, its pages encrypted, no case data in it or in any temp file', async () => {
    const canaries = makeCanaries();
    const { vault, ctx } = await newVault();
    const since = Date.now() - 1000;
    const created = await createCase(ctx, {
      client: { legalName: canaries.latin, originalNames: [canaries.chinese] },
      case: { summary: `Relatives of ${canaries.latin} questioned in Kashgar.` },
    });
    await addEvidenceBytes(ctx, {
      caseId: created.id,
      evidence: {
        fileName: 'statement.txt',
        mediaType: 'text/plain',
        collectedAt: '2026-10-03T14:20:00Z',
        collectedHow: 'Typed up at intake',
        collectedBy: '',
        collectedFrom: 'Client',
        description: `Statement by ${canaries.latin}`,
      },
      data: Buffer.from(`Statement by ${canaries.latin} (${canaries.chinese})`, 'utf8'),
    });

    const result = await backUpVault(vault, { folder: backups }, { kind: 'manual' });

    // One file, named for the vault and the time, nothing left on the way.
    expect(readdirSync(backups)).toEqual([result.path.slice(backups.length + 1)]);
    expect(result.path).toMatch(/Casework \d{4}-\d{2}-\d{2} \d{6}\.ckbackup$/);
    expect(result.bytes).toBe(statSync(result.path).size);
    // The database pages are encrypted: no SQLite header, no canary in any encoding, unreadable without the key.
    const bytes = readFileSync(result.path);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(findCanaries([backups], [canaries.latin, canaries.chinese])).toEqual([]);
    const keyless = new BetterSqlite3(result.path, { readonly: true });
    expect(() => keyless.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    keyless.close();
    // Nothing plaintext was written to the system temp folder on the way either.
    expect(findCanaries([tmpdir()], [canaries.latin, canaries.chinese], { since })).toEqual([]);
    // Control: the canaries ARE in the backup, and the scan finds them once its database is decrypted with the key.
    const info = await readBackupInfo(result.path);
    const decrypted = join(temp.path, 'control', 'decrypted.db');
    mkdirSync(join(temp.path, 'control'));
    writeFileSync(decrypted, bytes.subarray(0, info.footer.dbBytes));
    const db = new BetterSqlite3(decrypted);
    db.pragma(`cipher = 'aegis'`);
    db.pragma(`key = "x'${vault.dataKey.toString('hex')}'"`);
    db.pragma(`rekey = ''`);
    db.close();
    expect(findCanaries([decrypted], [canaries.latin])).toEqual([decrypted]);
    expect(findCanaries([decrypted], [canaries.chinese])).toEqual([decrypted]);
    // The vault records it.
    expect(await getLastBackup(vault.db)).toEqual({ at: result.createdAt, path: result.path, bytes: result.bytes, kind: 'manual' });
  });

  it('a backup taken while another process keeps writing is a consistent snapshot that holds every committed row', { timeout: 60_000 }, async () => {
    const { vault } = await newVault();
    vault.raw.exec('CREATE TABLE backup_probe (id INTEGER PRIMARY KEY, pair INTEGER NOT NULL, side INTEGER NOT NULL, filler BLOB NOT NULL)');
    // Another connection, in another process, commits pairs of rows (one transaction per pair) without pause.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const Database = require('better-sqlite3-multiple-ciphers');
         const db = new Database(process.env.CK_DB, { fileMustExist: true });
         db.pragma("cipher = 'aegis'"); db.pragma("algorithm = 'aegis-256'"); db.pragma('key = "x\\'' + process.env.CK_KEY + '\\'"');
         db.pragma('busy_timeout = 5000');
         const insert = db.prepare('INSERT INTO backup_probe (pair, side, filler) VALUES (?, ?, randomblob(300))');
         const pair = db.transaction((i) => { insert.run(i, 0); insert.run(i, 1); });
         const until = Date.now() + Number(process.env.CK_MS);
         let i = 0;
         while (Date.now() < until) { pair(i); i += 1; if (i === 300) process.stdout.write('ready\\n'); }
         db.close();
         process.stdout.write('done ' + i + '\\n');`,
      ],
      { cwd: ROOT, env: { ...process.env, CK_DB: vault.paths.database, CK_KEY: vault.dataKey.toString('hex'), CK_MS: '4000' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    const ready = new Promise<void>((resolve) => writer.stdout.on('data', (chunk: Buffer) => ((out += chunk.toString()), out.includes('ready') && resolve())));
    const finished = new Promise<void>((resolve) => writer.on('close', () => resolve()));
    await ready;

    const results = [];
    for (let round = 0; round < 3; round += 1) {
      const committedBefore = (vault.raw.prepare('SELECT count(*) AS n FROM backup_probe').get() as { n: number }).n;
      const result = await backUpVault(vault, { folder: backups }, { kind: 'manual', now: new Date(Date.now() + round * 1000) });
      results.push({ result, committedBefore });
    }
    await finished;
    expect(out).toMatch(/done \d+/);
    const writtenInTotal = Number(/done (\d+)/.exec(out)![1]) * 2;

    for (const { result, committedBefore } of results) {
      const restored = await restoreBackup(result.path, join(temp.path, `Restored ${randomBytes(3).toString('hex')}`), { passphrase: PASSPHRASE }, deps);
      const copy = await unlockTracked(restored.path);
      expect(await checkVault(copy)).toEqual({ schemaVersion: expect.any(Number) });
      const rows = copy.raw.prepare('SELECT pair, count(*) AS n FROM backup_probe GROUP BY pair ORDER BY pair').all() as Array<{ pair: number; n: number }>;
      // Never half a transaction, no gaps, and at least everything committed before the backup began.
      expect(rows.every((row) => row.n === 2)).toBe(true);
      expect(rows.map((row) => row.pair)).toEqual(rows.map((_, i) => i));
      expect(rows.length * 2).toBeGreaterThanOrEqual(committedBefore);
      expect(rows.length * 2).toBeLessThanOrEqual(writtenInTotal);
      closeVault(copy);
    }
  });

  it("the app's own uncommitted transaction is not in the backup; what it had committed is", async () => {
    const { vault } = await newVault();
    vault.raw.exec("CREATE TABLE backup_probe (label TEXT NOT NULL); INSERT INTO backup_probe VALUES ('committed')");
    vault.raw.exec("BEGIN; INSERT INTO backup_probe VALUES ('uncommitted')");
    let result: Awaited<ReturnType<typeof backUpVault>>;
    try {
      // The backup runs while the app's connection holds an open transaction.
      result = await backUpVault(vault, { folder: backups }, { kind: 'manual' });
    } finally {
      vault.raw.exec('ROLLBACK');
    }
    const restored = await restoreBackup(result.path, join(temp.path, 'Restored'), { passphrase: PASSPHRASE }, deps);
    const copy = await unlockTracked(restored.path);
    expect(copy.raw.prepare('SELECT label FROM backup_probe').pluck().all()).toEqual(['committed']);
  });
});

describe('restore', () => {
  it('a caseworker restores a backup with the passphrase into a new vault and finds every case', async () => {
    const { vault, ctx } = await newVault();
    await createCase(ctx, { client: { legalName: 'Gulnar Tursun', originalNames: ['گۈلنار تۇرسۇن'] } });
    await createCase(ctx, { client: { legalName: 'Zhang Min', originalNames: ['张敏'] } });
    const result = await backUpVault(vault, { folder: backups }, { kind: 'manual' });
    await createCase(ctx, { client: { legalName: 'After The Backup' } });

    const restored = await restoreBackup(result.path, join(temp.path, 'Restored'), { passphrase: PASSPHRASE }, deps);
    expect(restored.path).toBe(join(temp.path, 'Restored.ckvault'));
    expect(readdirSync(restored.path).sort()).toEqual(['keyslots.json', 'vault.db']);
    const copy = await unlockTracked(restored.path);
    expect(await caseNames(copy)).toEqual(['Gulnar Tursun', 'Zhang Min']);
    expect(copy.keyslots.vaultId).toBe(vault.keyslots.vaultId);
    await checkVault(copy);
    // The restored vault knows its data is exactly that backup.
    expect(await getLastBackup(copy.db)).toMatchObject({ at: result.createdAt, path: result.path });
  });

  it('a caseworker who forgot the passphrase restores with the recovery key and sets a new passphrase', async () => {
    const { vault, ctx, recoveryKey } = await newVault();
    await createCase(ctx, { client: { legalName: 'Ömer Yılmaz' } });
    const result = await backUpVault(vault, { folder: backups }, { kind: 'automatic' });

    const preview = await previewBackup(result.path, { recoveryKey });
    expect(preview).toMatchObject({ caseCount: 1, kind: 'automatic', vaultName: 'Casework', hasRecoveryKey: true });

    await expectCode(restoreBackup(result.path, join(temp.path, 'Weak'), { recoveryKey, newPassphrase: 'short' }, deps), 'VALIDATION');
    const restored = await restoreBackup(result.path, join(temp.path, 'Recovered'), { recoveryKey, newPassphrase: NEW_PASSPHRASE }, deps);
    expect(restored.passphrase).toBe(NEW_PASSPHRASE);
    await expectCode(unlockVault(restored.path, PASSPHRASE, deps), 'WRONG_PASSPHRASE');
    const copy = await unlockTracked(restored.path, NEW_PASSPHRASE);
    expect(await caseNames(copy)).toEqual(['Ömer Yılmaz']);
  });

  it('a backup opens with the passphrase the vault had when it was made', async () => {
    const { vault } = await newVault();
    const result = await backUpVault(vault, { folder: backups }, { kind: 'manual' });
    await changePassphrase(vault, PASSPHRASE, NEW_PASSPHRASE, deps);
    const error = await expectCode(previewBackup(result.path, { passphrase: NEW_PASSPHRASE }), 'WRONG_PASSPHRASE');
    expect(error.message).toMatch(/passphrase the vault had when the backup was made/);
    expect((await previewBackup(result.path, { passphrase: PASSPHRASE })).vaultName).toBe('Casework');
  });

  it('the preview is read-only: it writes nothing anywhere and leaves the backup byte for byte as it was', async () => {
    const { vault, ctx } = await newVault();
    await createCase(ctx, { client: { legalName: 'Li Wei' } });
    await createCase(ctx, { client: { legalName: 'Anna Petrova' } });
    const result = await backUpVault(vault, { folder: backups }, { kind: 'manual' });
    closeVault(vault);
    const destinationParent = join(temp.path, 'restore-here');
    mkdirSync(destinationParent);
    const before = { backups: snapshotFiles(backups), parent: snapshotFiles(destinationParent), vault: snapshotFiles(vault.paths.folder), hash: sha256(result.path) };
    const mtime = statSync(result.path).mtimeMs;

    const preview = await previewBackup(result.path, { passphrase: PASSPHRASE });

    expect(preview).toMatchObject({ path: result.path, createdAt: result.createdAt, kind: 'manual', vaultName: 'Casework', caseCount: 2, bytes: result.bytes });
    expect(preview.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(Date.parse(preview.newestChangeAt!)).toBeLessThanOrEqual(Date.parse(result.createdAt));
    expect({ backups: snapshotFiles(backups), parent: snapshotFiles(destinationParent), vault: snapshotFiles(vault.paths.folder), hash: sha256(result.path) }).toEqual(before);
    expect(readdirSync(backups)).toHaveLength(1);
    expect(statSync(result.path).mtimeMs).toBe(mtime);
  });
});

describe('refusals', () => {
  let vault: OpenVault;
  let file: string;
  beforeEach(async () => {
    ({ vault } = await newVault());
    await createCase({ db: vault.db, actor: 'Mariam Test', now: () => new Date() }, { client: { legalName: 'Li Wei' } });
    file = (await backUpVault(vault, { folder: backups }, { kind: 'manual' })).path;
  });

  /** Restoring `path` fails with `code` and creates nothing at the destination. */
  async function expectRestoreRefused(path: string, code: string, passphrase = PASSPHRASE): Promise<AppError> {
    const destination = join(temp.path, 'Never');
    const error = await expectCode(restoreBackup(path, destination, { passphrase }, deps), code);
    expect(readdirSync(temp.path).filter((name) => name.startsWith('Never'))).toEqual([]);
    return error;
  }

  it('a wrong passphrase is WRONG_PASSPHRASE, and nothing is written', async () => {
    await expectCode(previewBackup(file, { passphrase: 'harbour lantern quietly melon' }), 'WRONG_PASSPHRASE');
    await expectRestoreRefused(file, 'WRONG_PASSPHRASE', 'harbour lantern quietly melon');
    await expectCode(previewBackup(file, { recoveryKey: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA' }), 'WRONG_PASSPHRASE');
  });

  it('an existing destination is ALREADY_EXISTS and stays exactly as it was', async () => {
    const existing = join(temp.path, 'Existing.ckvault');
    mkdirSync(existing);
    writeFileSync(join(existing, 'notes.txt'), 'keep me');
    const before = snapshotFiles(existing);
    await expectCode(restoreBackup(file, existing, { passphrase: PASSPHRASE }, deps), 'ALREADY_EXISTS');
    // The name without the extension means the same folder.
    await expectCode(restoreBackup(file, join(temp.path, 'Existing'), { passphrase: PASSPHRASE }, deps), 'ALREADY_EXISTS');
    // The vault the backup came from, too.
    await expectCode(restoreBackup(file, vault.paths.folder, { passphrase: PASSPHRASE }, deps), 'ALREADY_EXISTS');
    expect(snapshotFiles(existing)).toEqual(before);
    await expectCode(restoreBackup(file, join(temp.path, 'no-such-folder', 'New'), { passphrase: PASSPHRASE }, deps), 'NOT_FOUND');
  });

  it('a flipped bit in the database part is CORRUPT before any passphrase is tried', async () => {
    flipByte(file, 5000);
    const error = await expectRestoreRefused(file, 'CORRUPT', 'not even the right passphrase');
    expect(error.message).toMatch(/damaged or incomplete/);
  });

  it('a flipped bit in the metadata or the footer is CORRUPT', async () => {
    const size = statSync(file).size;
    const copy = `${file}.copy${BACKUP_EXTENSION}`;
    copyFileSync(file, copy);
    flipByte(copy, size - FOOTER_BYTES - 20);
    await expectRestoreRefused(copy, 'CORRUPT');
    flipByte(file, size - 40);
    await expectRestoreRefused(file, 'CORRUPT');
  });

  it('a truncated backup (cut at the end, or a piece missing) is CORRUPT with a clear message', async () => {
    const size = statSync(file).size;
    const cut = join(backups, `cut${BACKUP_EXTENSION}`);
    copyFileSync(file, cut);
    truncateSync(cut, Math.floor(size / 2));
    const error = await expectRestoreRefused(cut, 'CORRUPT');
    expect(error.message).toMatch(/end is missing/);
    truncateSync(cut, 10);
    await expectRestoreRefused(cut, 'CORRUPT');
    const holed = join(backups, `holed${BACKUP_EXTENSION}`);
    const bytes = readFileSync(file);
    writeFileSync(holed, Buffer.concat([bytes.subarray(0, 4096), bytes.subarray(8192)]));
    await expectRestoreRefused(holed, 'CORRUPT');
  });

  it('metadata altered without the key (checksum re-sealed) is CORRUPT once the key is known', async () => {
    rewriteMeta(file, (meta) => {
      meta.createdAt = '2030-01-01T00:00:00.000Z';
    });
    expect((await readBackupInfo(file)).meta.createdAt).toBe('2030-01-01T00:00:00.000Z');
    const error = await expectRestoreRefused(file, 'CORRUPT');
    expect(error.message).toMatch(/altered/);
  });

  it('a backup from a newer Casekeeper is NEWER_VERSION, whatever the passphrase', async () => {
    const newerSchema = join(backups, `newer-schema${BACKUP_EXTENSION}`);
    copyFileSync(file, newerSchema);
    rewriteMeta(newerSchema, (meta) => {
      meta.schemaVersion = 999;
    });
    await expectRestoreRefused(newerSchema, 'NEWER_VERSION', 'anything at all');
    const newerFormat = join(backups, `newer-format${BACKUP_EXTENSION}`);
    copyFileSync(file, newerFormat);
    rewriteMeta(newerFormat, () => undefined, 2);
    await expectRestoreRefused(newerFormat, 'NEWER_VERSION', 'anything at all');
  });

  it('files that are not backups are refused as such', async () => {
    const random = join(temp.path, 'random.bin');
    writeFileSync(random, randomBytes(8192));
    await expectRestoreRefused(random, 'NOT_A_VAULT');
    const randomBackup = join(temp.path, `random${BACKUP_EXTENSION}`);
    writeFileSync(randomBackup, randomBytes(8192));
    await expectRestoreRefused(randomBackup, 'CORRUPT');
    await expectRestoreRefused(vault.paths.folder, 'NOT_A_VAULT');
    await expectRestoreRefused(vault.paths.database, 'NOT_A_VAULT');
    await expectRestoreRefused(join(temp.path, 'missing.ckbackup'), 'NOT_FOUND');
  });

  it('backing up to an existing file or a missing folder is refused; nothing is overwritten', async () => {
    const before = sha256(file);
    await expectCode(backUpVault(vault, { file }, { kind: 'manual' }), 'ALREADY_EXISTS');
    await expectCode(backUpVault(vault, { file: file.slice(0, -BACKUP_EXTENSION.length) }, { kind: 'manual' }), 'ALREADY_EXISTS');
    await expectCode(backUpVault(vault, { folder: join(temp.path, 'unplugged-drive') }, { kind: 'manual' }), 'NOT_FOUND');
    expect(sha256(file)).toBe(before);
    expect(readdirSync(backups)).toHaveLength(1);
  });
});

describe('rolling automatic backups', () => {
  it('keep-N deletes only this vault’s own oldest backups, never another vault’s, a renamed copy or a damaged file', async () => {
    const { vault } = await newVault('Casework');
    const { vault: other } = await newVault('Other');
    const at = (minute: number) => new Date(2026, 10, 29, 9, minute, 0);
    const otherBackup = await backUpVault(other, { folder: backups }, { kind: 'automatic', keep: 1, now: at(0) });
    const first = await backUpVault(vault, { folder: backups }, { kind: 'automatic', keep: 2, now: at(1) });
    const pinned = join(backups, 'Before the move.ckbackup');
    copyFileSync(first.path, pinned);
    const damaged = join(backups, 'Casework 2026-01-01 000000.ckbackup');
    writeFileSync(damaged, randomBytes(4096));
    const unrelated = join(backups, 'notes.txt');
    writeFileSync(unrelated, 'not a backup');

    const second = await backUpVault(vault, { folder: backups }, { kind: 'automatic', keep: 2, now: at(2) });
    expect(second.pruned).toEqual([]);
    const third = await backUpVault(vault, { folder: backups }, { kind: 'automatic', keep: 2, now: at(3) });
    expect(third.pruned).toEqual([first.path.slice(backups.length + 1)]);
    const fourth = await backUpVault(vault, { folder: backups }, { kind: 'manual', keep: 2, now: at(4) });
    expect(fourth.pruned).toEqual([second.path.slice(backups.length + 1)]);

    expect(readdirSync(backups).sort()).toEqual(
      [otherBackup.path, third.path, fourth.path, pinned, damaged, unrelated].map((p) => p.slice(backups.length + 1)).sort(),
    );
    const listed = await listBackups(backups, vault.keyslots.vaultId);
    expect(listed.map((item) => [item.fileName, item.state, item.thisVault])).toEqual([
      [fourth.path.slice(backups.length + 1), 'ok', true],
      [third.path.slice(backups.length + 1), 'ok', true],
      ['Before the move.ckbackup', 'ok', true],
      [otherBackup.path.slice(backups.length + 1), 'ok', false],
      ['Casework 2026-01-01 000000.ckbackup', 'damaged', false],
    ]);
  });

  it('the session makes an automatic backup when one is due, not again before the interval, and warns when backups are overdue', async () => {
    const session = new VaultSession({ ...deps, recent: new RecentVaults(join(temp.path, 'recent.json')), onLocked: () => undefined });
    try {
      await session.create(join(temp.path, 'Casework'), PASSPHRASE, false);
      const handlers = createBackupHandlers(session);
      // Off until a folder is set; a vault created today is not overdue.
      expect(await handlers['backup:runIfDue']({})).toEqual({ ran: false, backup: null });
      expect(await handlers['backup:status']({})).toMatchObject({ folder: '', keep: 7, intervalHours: 24, warnDays: 7, last: null, daysWithoutBackup: 0, warn: false });
      await expectCode(handlers['backup:create']({}), 'VALIDATION');

      await session.updateSettings({ backupFolder: backups, backupKeep: 2 });
      const firstRun = await handlers['backup:runIfDue']({});
      expect(firstRun).toMatchObject({ ran: true, backup: { kind: 'automatic' } });
      expect(await handlers['backup:runIfDue']({})).toEqual({ ran: false, backup: null });
      const status = await handlers['backup:status']({});
      expect(status).toMatchObject({ folder: backups, last: { at: firstRun.backup!.createdAt, kind: 'automatic' }, warn: false });

      const manual = await handlers['backup:create']({});
      expect(manual.kind).toBe('manual');
      expect((await handlers['backup:list']({})).items.map((item) => item.thisVault)).toEqual([true, true]);

      // Eight days later (the last backup record moved back in time): due again, and overdue.
      const vault = session.current();
      const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600_000).toISOString();
      await vault.db.updateTable('settings').set({ value: JSON.stringify({ at: eightDaysAgo, path: manual.path, bytes: manual.bytes, kind: 'manual' }) }).where('key', '=', 'backup.last').execute();
      expect(await handlers['backup:status']({})).toMatchObject({ daysWithoutBackup: 8, warn: true });
      await session.updateSettings({ backupWarnDays: 0 });
      expect(await handlers['backup:status']({})).toMatchObject({ warn: false });
      const again = await handlers['backup:runIfDue']({});
      expect(again.ran).toBe(true);
      // Keep 2: the first automatic one is gone.
      expect(readdirSync(backups)).toHaveLength(2);
      expect(readdirSync(backups)).not.toContain(firstRun.backup!.path.slice(backups.length + 1));
    } finally {
      await session.lock('user');
    }
  });

  it('restoring through the app opens the restored vault; a locked app can preview but not back up', async () => {
    const session = new VaultSession({ ...deps, recent: new RecentVaults(join(temp.path, 'recent.json')), onLocked: () => undefined });
    try {
      await session.create(join(temp.path, 'Casework'), PASSPHRASE, false);
      await createCase(session.recordContext(), { client: { legalName: 'Tenzin Dolma' } });
      const handlers = createBackupHandlers(session);
      const made = await handlers['backup:create']({ folder: backups });
      await session.lock('user');
      await expectCode(handlers['backup:create']({ folder: backups }), 'LOCKED');

      expect((await handlers['backup:preview']({ path: made.path, passphrase: PASSPHRASE })).caseCount).toBe(1);
      const { path } = await handlers['backup:restore']({ path: made.path, passphrase: PASSPHRASE, destination: join(temp.path, 'Restored') });
      expect(session.status()).toMatchObject({ state: 'unlocked', path, name: 'Restored' });
      expect(await caseNames(session.current())).toEqual(['Tenzin Dolma']);
    } finally {
      await session.lock('user');
    }
  });
});

describe('casekeeper backup / restore from scripts', { timeout: 180_000 }, () => {
  const BIN = join(ROOT, 'bin', 'casekeeper.mjs');
  function casekeeper(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const { CASEKEEPER_PASSPHRASE: _a, CASEKEEPER_NEW_PASSPHRASE: _b, ...env } = process.env;
    return new Promise((resolve, reject) => {
      // No terminal at all, as on a CI runner: stdin ignored, a new session.
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('an administrator backs up with --out, previews and restores into a new vault; mistakes get the documented exit codes', async () => {
    const { vault, ctx } = await newVault();
    await createCase(ctx, { client: { legalName: 'Aziz Tursun' } });
    closeVault(vault);
    const secrets = join(temp.path, 'secrets');
    mkdirSync(secrets, { mode: 0o700 });
    const passFile = join(secrets, 'pass');
    writeFileSync(passFile, `${PASSPHRASE}\n`, { mode: 0o600 });
    const wrongFile = join(secrets, 'wrong');
    writeFileSync(wrongFile, 'harbour lantern quietly melon\n', { mode: 0o600 });

    const out = join(backups, 'nightly');
    const backup = await casekeeper(['backup', vault.paths.folder, '--out', out, '--passphrase-file', passFile]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`${out}.ckbackup`);
    // Into a folder: named for the vault and the time.
    const intoFolder = await casekeeper(['backup', join(temp.path, 'Casework'), '--out', backups, '--passphrase-file', passFile]);
    expect(intoFolder.code).toBe(0);
    expect(readdirSync(backups).filter((name) => /^Casework \d{4}-\d{2}-\d{2} \d{6}\.ckbackup$/.test(name))).toHaveLength(1);
    // Never over an existing file.
    expect((await casekeeper(['backup', vault.paths.folder, '--out', out, '--passphrase-file', passFile])).code).toBe(1);
    // No passphrase source and no terminal: usage.
    expect((await casekeeper(['backup', vault.paths.folder, '--out', join(backups, 'x')])).code).toBe(2);

    const preview = await casekeeper(['restore', `${out}.ckbackup`, '--preview', '--passphrase-file', passFile]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/Cases:\s+1/);

    const target = join(temp.path, 'Restored');
    expect((await casekeeper(['restore', `${out}.ckbackup`, target, '--passphrase-file', wrongFile])).code).toBe(3);
    expect(readdirSync(temp.path)).not.toContain('Restored.ckvault');
    const restore = await casekeeper(['restore', `${out}.ckbackup`, target, '--passphrase-file', passFile]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(await caseNames(await unlockTracked(`${target}.ckvault`))).toEqual(['Aziz Tursun']);

    const again = await casekeeper(['restore', `${out}.ckbackup`, target, '--passphrase-file', passFile]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^casekeeper: Something already exists/);

    const damaged = join(backups, `damaged${BACKUP_EXTENSION}`);
    copyFileSync(`${out}.ckbackup`, damaged);
    flipByte(damaged, 100);
    const corrupt = await casekeeper(['restore', damaged, join(temp.path, 'Other'), '--passphrase-file', passFile]);
    expect(corrupt.code).toBe(4);
    expect(corrupt.stderr).toMatch(/damaged or incomplete/);
    expect(corrupt.stderr).not.toMatch(/\n\s+at /);
    expect((await casekeeper(['restore', `${out}.ckbackup`])).code).toBe(2);

    const help = await casekeeper(['restore', '--help']);
    expect(help.stdout).toMatch(/Restores into a NEW vault folder/);
  });
});

function statOrNullSync(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

describe('backups that must not lie (issue 14)', () => {
  it('files planted in the backup folder, claiming to be newer backups of this vault, make keep-N delete no genuine backup', async () => {
    const { vault } = await newVault('Casework');
    const at = (minute: number) => new Date(2026, 10, 29, 9, minute, 0);
    const genuine = [];
    for (let minute = 1; minute <= 3; minute += 1) genuine.push(await backUpVault(vault, { folder: backups }, { kind: 'automatic', keep: 3, now: at(minute) }));
    // Someone without the key copies a genuine backup under Casekeeper-style names and dates it in the future.
    for (let year = 2090; year < 2095; year += 1) {
      const planted = join(backups, `Casework ${year}-01-01 000000.ckbackup`);
      copyFileSync(genuine[0]!.path, planted);
      rewriteMeta(planted, (meta) => {
        meta.createdAt = `${year}-01-01T00:00:00.000Z`;
      });
    }
    const next = await backUpVault(vault, { folder: backups }, { kind: 'automatic', keep: 3, now: at(4) });
    // Only the oldest genuine backup goes; the planted files count for nothing and are left alone.
    expect(next.pruned).toEqual([genuine[0]!.path.slice(backups.length + 1)]);
    for (const kept of [genuine[1]!, genuine[2]!, next]) expect(readdirSync(backups)).toContain(kept.path.slice(backups.length + 1));
    expect(readdirSync(backups).filter((name) => name.startsWith('Casework 209'))).toHaveLength(5);
  });

  it('a wrong clock never makes keep-N delete the newest genuine backup', async () => {
    const { vault } = await newVault('Casework');
    const early = await backUpVault(vault, { folder: backups }, { kind: 'automatic', keep: 1, now: new Date(2026, 10, 29, 9, 0, 0) });
    // The clock jumps back a year: the new backup looks older than the one before, and both stay.
    const backwards = await backUpVault(vault, { folder: backups }, { kind: 'automatic', keep: 1, now: new Date(2025, 10, 29, 9, 0, 0) });
    expect(backwards.pruned).toEqual([]);
    expect(readdirSync(backups).sort()).toEqual([backwards.path, early.path].map((p) => p.slice(backups.length + 1)).sort());
  });

  it('a backup made by a window that unlocked before a passphrase change elsewhere opens with the new passphrase', async () => {
    const { vault } = await newVault('Casework');
    // A second process (here: a second handle) changes the passphrase while the first stays unlocked.
    const elsewhere = await unlockTracked(vault.paths.folder);
    await changePassphrase(elsewhere, PASSPHRASE, NEW_PASSPHRASE, deps);
    closeVault(elsewhere);

    const result = await backUpVault(vault, { folder: backups }, { kind: 'manual' });
    expect((await previewBackup(result.path, { passphrase: NEW_PASSPHRASE })).vaultName).toBe('Casework');
    await expectCode(previewBackup(result.path, { passphrase: PASSPHRASE }), 'WRONG_PASSPHRASE');
  });

  it('a restore killed half-way leaves a folder that is recognised as unfinished and can be removed; a second restore then works', { timeout: 60_000 }, async () => {
    const { vault, ctx } = await newVault('Casework');
    const kase = await createCase(ctx, { client: { legalName: 'Tenzin Dolma' } });
    // Enough bytes that copying and checking them takes a moment to kill into.
    await addEvidenceBytes(ctx, {
      caseId: kase.id,
      evidence: { fileName: 'scan.bin', mediaType: 'application/octet-stream', collectedAt: '2026-05-03T10:00:00Z', collectedHow: 'USB', collectedBy: '', collectedFrom: 'Client', description: '' },
      data: randomBytes(24 * 1024 * 1024),
    });
    const made = await backUpVault(vault, { folder: backups }, { kind: 'manual' });
    const destination = join(temp.path, 'Restored');
    const folder = `${destination}.ckvault`;
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'support', 'restore-child.ts'), made.path, destination], {
      cwd: ROOT,
      env: { ...process.env, CK_RESTORE_PASSPHRASE: PASSPHRASE },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    // Killed as soon as the restore has started writing the new folder.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (statOrNullSync(join(folder, 'RESTORE-IN-PROGRESS.txt'))) {
          child.kill('SIGKILL');
          clearInterval(poll);
          resolve();
        }
      }, 1);
    });
    await exited;
    expect(readdirSync(folder)).toContain('RESTORE-IN-PROGRESS.txt');
    expect(readdirSync(folder)).not.toContain('keyslots.json');

    const error = await expectCode(unlockVault(folder, PASSPHRASE, deps), 'INCOMPLETE_RESTORE');
    expect(error.message).toMatch(/restore that did not finish.*remove it, then restore the backup again/);
    // The way out the unlock screen offers: remove it (and only a folder like this one).
    const { removeIncompleteRestore } = await import('../../electron/services/vault/incomplete-restore');
    expect(() => removeIncompleteRestore(vault.paths.folder)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    removeIncompleteRestore(folder);
    expect(readdirSync(temp.path)).not.toContain('Restored.ckvault');

    const restored = await restoreBackup(made.path, destination, { passphrase: PASSPHRASE }, deps);
    expect(readdirSync(restored.path).sort()).toEqual(['keyslots.json', 'vault.db']);
    expect(await caseNames(await unlockTracked(restored.path))).toEqual(['Tenzin Dolma']);
  });

  it('after an erase, the app lists this vault’s own earlier backups with their dates and deletes one on request, never any other file', async () => {
    const session = new VaultSession({ ...deps, recent: new RecentVaults(join(temp.path, 'recent.json')), onLocked: () => undefined });
    try {
      await session.create(join(temp.path, 'Casework'), PASSPHRASE, false);
      const handlers = createBackupHandlers(session);
      expect(await handlers['backup:ofThisVault']({})).toEqual({ folder: '', items: [] });
      await session.updateSettings({ backupFolder: backups });
      const older = await backUpVault(session.current(), { folder: backups }, { kind: 'automatic', now: new Date(2026, 10, 28, 9, 0, 0) });
      const newer = await backUpVault(session.current(), { folder: backups }, { kind: 'manual', now: new Date(2026, 10, 29, 9, 0, 0) });
      const { vault: other } = await newVault('Other');
      const othersBackup = await backUpVault(other, { folder: backups }, { kind: 'manual' });
      const planted = join(backups, 'Casework 2099-01-01 000000.ckbackup');
      copyFileSync(older.path, planted);
      rewriteMeta(planted, (meta) => {
        meta.createdAt = '2099-01-01T00:00:00.000Z';
      });

      const listed = await handlers['backup:ofThisVault']({});
      expect(listed.items).toEqual([
        { path: newer.path, fileName: newer.path.slice(backups.length + 1), createdAt: newer.createdAt },
        { path: older.path, fileName: older.path.slice(backups.length + 1), createdAt: older.createdAt },
      ]);

      // The Settings list does not call the planted file a backup of this vault either.
      const all = await handlers['backup:list']({});
      expect(all.items.find((item) => item.path === planted)).toMatchObject({ state: 'ok', thisVault: false });
      expect(all.items.find((item) => item.path === older.path)).toMatchObject({ thisVault: true });

      await expectCode(handlers['backup:delete']({ path: planted }), 'VALIDATION');
      await expectCode(handlers['backup:delete']({ path: othersBackup.path }), 'VALIDATION');
      const notABackup = join(backups, 'notes.txt');
      writeFileSync(notABackup, 'keep me');
      await expectCode(handlers['backup:delete']({ path: notABackup }), 'VALIDATION');
      expect(await handlers['backup:delete']({ path: older.path })).toEqual({ deleted: true });
      expect(readdirSync(backups).sort()).toEqual([newer.path, othersBackup.path, planted, notABackup].map((p) => p.slice(backups.length + 1)).sort());
      expect((await handlers['backup:ofThisVault']({})).items.map((item) => item.path)).toEqual([newer.path]);
    } finally {
      await session.lock('user');
    }
  });
});
