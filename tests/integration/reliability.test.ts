import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRawDatabase, type RawDatabase } from '../../electron/db/connection';
import { createCase, eraseCase, listCases } from '../../electron/services/cases/cases.service';
import { exportVault } from '../../electron/services/interchange/export.service';
import { importDocument } from '../../electron/services/interchange/import.service';
import type { RecordContext } from '../../electron/services/records/context';
import { KEYSLOTS_LOCK_FILE } from '../../electron/services/vault/keyslot-lock';
import { readKeyslots, makePassphraseSlot, withSlot, writeKeyslots } from '../../electron/services/vault/keyslots';
import { changePassphrase, closeVault, unlockVault } from '../../electron/services/vault/vault.service';
import { KDF_FLOOR } from '../../electron/services/vault/kdf';
import { makeCanaries, testVaultDeps } from '../support/temp';
import { openTestVault, TEST_PASSPHRASE, type TestVault } from '../support/vault';

/**
 * Faults found by the reliability probe of issue 14, each as the caseworker
 * meets it: work after a commit that must not turn success into failure, a
 * second process holding the vault, leftovers of a killed process.
 */

let t: TestVault;
const extra: RawDatabase[] = [];
beforeEach(async () => {
  t = await openTestVault('Mariam Test');
});
afterEach(() => {
  for (const db of extra.splice(0)) if (db.open) db.close();
  t.close();
});

/** A second connection to the same vault file, as another process (the CLI, a backup tool) would hold it. */
function secondConnection(): RawDatabase {
  const db = openRawDatabase(t.vault.paths.database, t.vault.dataKey, { skipIntegrityCheck: true });
  extra.push(db);
  return db;
}

/** Runs `before` just before the first statement whose SQL starts with `prefix` is sent to SQLite. */
function onStatement(prefix: RegExp, before: () => void): KyselyPlugin {
  let fired = false;
  return {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      const node = args.node as RootOperationNode & { kind: string; sqlFragments?: readonly string[] };
      if (!fired && node.kind === 'RawNode' && prefix.test((node.sqlFragments ?? []).join('?').trim())) {
        fired = true;
        before();
      }
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
}

/** vault.db alone (without its WAL), decrypted, as anyone with the key reading the file would see it. */
function mainFilePlaintext(vault = t.vault): Buffer {
  const copy = join(t.temp.path, `main-only-${Date.now()}.db`);
  copyFileSync(vault.paths.database, copy);
  const db = new BetterSqlite3(copy);
  try {
    db.pragma(`cipher = 'aegis'`);
    db.pragma(`key = "x'${vault.dataKey.toString('hex')}'"`);
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = ''`);
  } finally {
    db.close();
  }
  const bytes = readFileSync(copy);
  rmSync(copy, { force: true });
  return bytes;
}

describe('work after a commit never turns a success into a failure', () => {
  it('an import that committed is reported as imported, even when refreshing statistics afterwards finds the vault busy', async () => {
    const source = await openTestVault('Source');
    try {
      await createCase(source.ctx, { client: { legalName: 'Zhang Min', originalNames: ['张敏'] } });
      const doc = JSON.parse(JSON.stringify(await exportVault(source.vault.db))) as unknown;
      const other = secondConnection();
      // Right after the commit, another process takes the write lock; ANALYZE then meets SQLITE_BUSY.
      t.vault.raw.pragma('busy_timeout = 100');
      const ctx: RecordContext = { ...t.ctx, db: t.vault.db.withPlugin(onStatement(/^ANALYZE/i, () => other.exec('BEGIN IMMEDIATE'))) };
      const summary = await importDocument(ctx, doc);
      expect(summary.cases).toBe(1);
      // The other process really held the write lock while ANALYZE ran.
      expect(other.inTransaction).toBe(true);
      other.exec('ROLLBACK');
      expect((await listCases(t.vault.db, {})).items.map((c) => c.clientName)).toEqual(['Zhang Min']);
    } finally {
      source.close();
    }
  });
});

describe('erasing a case while another program holds the vault', { timeout: 60_000 }, () => {
  it('is refused before anything is erased when another process reads an older snapshot', async () => {
    const { latin } = makeCanaries();
    const kase = await createCase(t.ctx, { client: { legalName: latin } });
    const reader = secondConnection();
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM case_file').get();
    t.vault.raw.pragma('busy_timeout = 200');

    const error = await eraseCase(t.ctx, { id: kase.id, confirmCode: kase.code }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'BUSY', message: expect.stringMatching(/Another program has this vault open.*Nothing was erased/s) });
    expect((await listCases(t.vault.db, {})).total).toBe(1);

    reader.exec('COMMIT');
    await eraseCase(t.ctx, { id: kase.id, confirmCode: kase.code });
    expect(mainFilePlaintext().includes(Buffer.from(latin))).toBe(false);
  });

  it('says so, instead of reporting success, when a reader arrives during the erase; locking then finishes clearing the file', async () => {
    const { latin } = makeCanaries();
    const kase = await createCase(t.ctx, { client: { legalName: latin } });
    t.vault.raw.pragma('wal_checkpoint(TRUNCATE)');
    expect(mainFilePlaintext().includes(Buffer.from(latin))).toBe(true);
    const reader = secondConnection();
    t.vault.raw.pragma('busy_timeout = 200');
    // The other process starts reading just before the vacuum: its snapshot keeps the old pages alive.
    const ctx: RecordContext = {
      ...t.ctx,
      db: t.vault.db.withPlugin(
        onStatement(/^VACUUM/i, () => {
          reader.exec('BEGIN');
          reader.prepare('SELECT count(*) FROM case_file').get();
        }),
      ),
    };
    const error = await eraseCase(ctx, { id: kase.id, confirmCode: kase.code }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'BUSY', message: expect.stringMatching(/old copies of its pages stay in the vault file/) });
    // The erased case is still in vault.db at this moment: exactly what the caseworker was told.
    expect(mainFilePlaintext().includes(Buffer.from(latin))).toBe(true);

    reader.exec('COMMIT');
    reader.close();
    const folder = t.vault.paths.folder;
    closeVault(t.vault);
    expect(existsSync(join(folder, 'vault.db-wal'))).toBe(false);
    const reopened = await unlockVault(folder, TEST_PASSPHRASE, testVaultDeps);
    try {
      expect((await listCases(reopened.db, {})).total).toBe(0);
      expect(mainFilePlaintext(reopened).includes(Buffer.from(latin))).toBe(false);
    } finally {
      closeVault(reopened);
    }
  });
});

describe('leftovers of a passphrase change killed half-way', { timeout: 60_000 }, () => {
  it('the next start removes the lock of the dead process and the unconfirmed key-slot temp file, and the next change goes through', async () => {
    const folder = t.vault.paths.folder;
    // A process that is certainly gone: it ran and exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    writeFileSync(join(folder, KEYSLOTS_LOCK_FILE), JSON.stringify({ pid: deadPid, host: (await import('node:os')).hostname(), at: Date.now(), token: 'dead' }));
    // The temp file of a key-slot write that never got its final name: it opens the vault with a passphrase nobody confirmed.
    const unconfirmed = 'an unconfirmed passphrase typed once';
    const keyslots = readKeyslots(t.vault.paths.keyslots);
    const unconfirmedSlots = withSlot(keyslots, await makePassphraseSlot(keyslots.vaultId, t.vault.dataKey, unconfirmed, KDF_FLOOR));
    // Named as the shared atomic-write helper names its temp files, and as earlier versions named them.
    for (const name of [`.casekeeper-${deadPid}-0123456789abcdef.partial`, '.keyslots.json.0123456789ab.tmp']) writeKeyslots(join(folder, name), unconfirmedSlots);
    closeVault(t.vault);

    const reopened = await unlockVault(folder, TEST_PASSPHRASE, testVaultDeps);
    try {
      expect(readdirSync(folder).filter((name) => name.startsWith('.') || name.endsWith('.lock'))).toEqual([]);
      await changePassphrase(reopened, TEST_PASSPHRASE, 'a new passphrase after the crash', testVaultDeps);
    } finally {
      closeVault(reopened);
    }
    closeVault((await unlockVault(folder, 'a new passphrase after the crash', testVaultDeps)));
  });

  it('a lock held by a live process makes a second change wait and then give up with BUSY, changing nothing', async () => {
    const folder = t.vault.paths.folder;
    const { withKeyslotLock } = await import('../../electron/services/vault/keyslot-lock');
    const before = readFileSync(t.vault.paths.keyslots);
    let release: () => void = () => undefined;
    const held = withKeyslotLock(folder, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await withKeyslotLock(folder, async () => 'ran', { waitMs: 300 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(second).toMatchObject({ code: 'BUSY', message: expect.stringMatching(/Nothing was changed/) });
    release();
    await held;
    expect(readFileSync(t.vault.paths.keyslots)).toEqual(before);
    expect(existsSync(join(folder, KEYSLOTS_LOCK_FILE))).toBe(false);
  });
});
