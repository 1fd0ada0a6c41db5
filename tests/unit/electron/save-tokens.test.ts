import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeApp, type AppServices } from '../../../electron/main/compose';
import type { SaveFilePurpose } from '../../../electron/main/ipc/handlers';
import { SaveGrants } from '../../../electron/main/ipc/save-grants';
import { KDF_FLOOR } from '../../../electron/services/vault/kdf';
import type { Envelope } from '../../../shared/ipc/envelope';
import { makeTempDir } from '../../support/temp';

/**
 * Issue 14.15: a compromised renderer must not be able to write case data
 * wherever it likes. 'reports:exportCsv' and 'packets:export' take a one-time
 * token that the main process issued for the path its save dialog returned,
 * never a path. The app is composed as Electron's main process composes it,
 * with the dialog answered by a stand-in, and a real encrypted vault.
 */

const PASSPHRASE = 'harbour lantern quietly mango';
let temp: ReturnType<typeof makeTempDir>;
let app: AppServices;
/** What the caseworker picks in the next save dialog. */
let dialogAnswer: string | null = null;
const chooseSaveFile = vi.fn(async (_suggested: string, _purpose: SaveFilePurpose) => dialogAnswer);

async function ok<T>(pending: Promise<Envelope<unknown>>): Promise<T> {
  const envelope = await pending;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.data as T;
}

async function refusal(pending: Promise<Envelope<unknown>>): Promise<{ code: string; message: string }> {
  const envelope = await pending;
  if (envelope.ok) throw new Error('expected a refusal');
  return envelope.error;
}

async function choose(path: string, purpose: SaveFilePurpose): Promise<string> {
  dialogAnswer = path;
  const chosen = await ok<{ path: string | null; token: string | null }>(app.dispatch('dialog:chooseSaveFile', { suggestedName: 'casekeeper-report.csv', purpose }));
  expect(chosen.path).toBe(path);
  return chosen.token!;
}

const csv = (name: string) => join(temp.path, name);

beforeAll(async () => {
  temp = makeTempDir('ck-save-tokens-');
  app = composeApp({
    configDir: join(temp.path, 'config'),
    kdfParams: async () => KDF_FLOOR,
    app: { version: 'test', platform: process.platform, nativeDialogs: true, defaultVaultFolder: temp.path },
    chooseVaultLocation: async () => null,
    chooseSaveFile,
    emit: () => undefined,
  });
  await ok(app.dispatch('vault:create', { path: join(temp.path, 'Casework'), passphrase: PASSPHRASE, withRecoveryKey: false }));
});
afterAll(async () => {
  await app.session.lock('user');
  temp.remove();
});

describe('exports write only where the save dialog was', () => {
  it('a path chosen in the dialog is written once with its token', async () => {
    const token = await choose(csv('threats.csv'), 'report-csv');
    expect(await ok(app.dispatch('reports:exportCsv', { table: 'threats-by-tactic', saveToken: token }))).toMatchObject({ path: csv('threats.csv') });
    expect(readFileSync(csv('threats.csv'), 'utf8')).toContain(',');
  });

  it('a path sent instead of a token is refused by the contract', async () => {
    const error = await refusal(app.dispatch('reports:exportCsv', { table: 'threats-by-tactic', path: csv('anywhere.csv') }));
    expect(error.code).toBe('VALIDATION');
    expect(existsSync(csv('anywhere.csv'))).toBe(false);
  });

  it('an unknown token is refused with VALIDATION and writes nothing', async () => {
    const error = await refusal(app.dispatch('reports:exportCsv', { table: 'threats-by-tactic', saveToken: 'made-up-by-the-renderer' }));
    expect(error).toEqual({ code: 'VALIDATION', message: 'Casekeeper saves only to a place you chose in its save dialog just before. Choose where to save the file again.' });
  });

  it('a token is good for one export only', async () => {
    const token = await choose(csv('once.csv'), 'report-csv');
    await ok(app.dispatch('reports:exportCsv', { table: 'threats-by-country', saveToken: token }));
    const again = await refusal(app.dispatch('reports:exportCsv', { table: 'threats-by-channel', saveToken: token }));
    expect(again.code).toBe('VALIDATION');
    expect(readFileSync(csv('once.csv'), 'utf8')).toContain('Country,Threats');
  });

  it('a token issued for a report does not let a packet be written, and is spent by the attempt', async () => {
    const token = await choose(csv('report-not-packet.zip'), 'report-csv');
    const error = await refusal(app.dispatch('packets:export', { request: { referralId: '00000000-0000-4000-8000-000000000001', threatIds: [], evidenceIds: [] }, saveToken: token, sealPassphrase: null }));
    expect(error.code).toBe('VALIDATION');
    expect(existsSync(csv('report-not-packet.zip'))).toBe(false);
    expect((await refusal(app.dispatch('reports:exportCsv', { table: 'threats-by-tactic', saveToken: token }))).code).toBe('VALIDATION');
  });

  it('a cancelled dialog gives no token', async () => {
    dialogAnswer = null;
    expect(await ok(app.dispatch('dialog:chooseSaveFile', { suggestedName: 'x.csv', purpose: 'report-csv' }))).toEqual({ path: null, token: null });
  });

  it('locking the vault forgets every token', async () => {
    const token = await choose(csv('before-lock.csv'), 'report-csv');
    await ok(app.dispatch('vault:lock', {}));
    await ok(app.dispatch('vault:unlock', { path: join(temp.path, 'Casework.ckvault'), passphrase: PASSPHRASE }));
    expect((await refusal(app.dispatch('reports:exportCsv', { table: 'threats-by-tactic', saveToken: token }))).code).toBe('VALIDATION');
    expect(existsSync(csv('before-lock.csv'))).toBe(false);
  });
});

describe('SaveGrants', () => {
  it('a token expires after an hour', () => {
    let now = 0;
    const grants = new SaveGrants(() => now);
    const token = grants.issue('/home/caseworker/report.csv', 'report-csv');
    now = 61 * 60_000;
    expect(() => grants.redeem(token, 'report-csv')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
