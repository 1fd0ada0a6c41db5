import { join } from 'node:path';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type AppServices } from '../../electron/main/compose';
import { KDF_FLOOR } from '../../electron/services/vault/kdf';
import { CHANNELS, contract, type Channel } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/envelope';
import { mulberry32 } from '../../shared/seeded-random';
import { testSeed } from '../support/prng';
import { makeTempDir, snapshotFiles } from '../support/temp';

/**
 * Hostile IPC: for every channel of the contract, generated malformed
 * payloads (wrong types, missing and extra keys, 1 MiB strings, 10,000 levels
 * of nesting, arrays for objects, prototype keys, NaN/±Infinity/-0,
 * BigInt-like strings, lone surrogates, null bytes) go through the real
 * dispatch of a composed app with a real, open, encrypted vault. Every one
 * must come back as a VALIDATION envelope without throwing, without
 * polluting any prototype, and without changing one byte of the vault or one
 * record in it. Unknown channel names get dispatch's documented refusal
 * (VALIDATION, "That action is not available.").
 *
 * Replay a failure with CK_TEST_SEED=<seed> (printed in each test's name).
 */

const SEED = testSeed();
const PER_CHANNEL = Number(process.env.CK_FUZZ_PER_CHANNEL ?? 60);
const PASSPHRASE = 'harbour lantern quietly mango';
/** Submitted values carry this marker; an error message must never echo it back. */
const MARK = 'CANARY-VALUE-7f3a';

// ---- hostile material (built once, shared: 1 MiB strings are not cheap) ----

const MIB = 1024 * 1024;
const HUGE_ASCII = `${MARK}${'A'.repeat(MIB)}`;
const HUGE_UNICODE = `${MARK}${'é漢\u{1F600}'.repeat(MIB / 3)}`;
const HUGE_KEY = `k${'K'.repeat(MIB)}`;

function nested(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = wrap(value);
  return value;
}
const DEEP_OBJECT = nested(10_000, MARK, (inner) => ({ a: inner }));
const DEEP_ARRAY = nested(10_000, MARK, (inner) => [inner]);
/** Own `__proto__` keys, as JSON.parse (and structured clone) produce them. */
const PROTO_OWN = (): Record<string, unknown> => JSON.parse(`{"__proto__": {"polluted": "${MARK}"}, "constructor": {"prototype": {"polluted": "${MARK}"}}}`) as Record<string, unknown>;

/** Values a renderer (or a compromised one) can put through structured clone or JSON. */
function hostileValues(): Array<[string, () => unknown]> {
  return [
    ['null', () => null],
    ['undefined', () => undefined],
    ['true', () => true],
    ['0', () => 0],
    ['-0', () => -0],
    ['NaN', () => NaN],
    ['Infinity', () => Infinity],
    ['-Infinity', () => -Infinity],
    ['1e308', () => 1e308],
    ['unsafe integer', () => Number.MAX_SAFE_INTEGER + 2],
    ['negative', () => -1],
    ['fraction', () => 1.5],
    ['BigInt', () => 12345678901234567890n],
    ['BigInt-like string', () => '12345678901234567890123456789'],
    ['numeric strings', () => pickOf(['-0', 'NaN', 'Infinity', '1e999', '0x1F', '9007199254740993'])],
    ['empty string', () => ''],
    ['whitespace', () => ' \t\n '],
    ['null byte', () => `a\u0000${MARK}`],
    ['lone high surrogate', () => `\uD800${MARK}`],
    ['lone low surrogate', () => `${MARK}\uDC00`],
    ['bidi override', () => `\u202E${MARK}gpj.exe`],
    ['SQL', () => `'; DROP TABLE case_file; -- ${MARK}`],
    ['markup', () => `<img src=x onerror=alert(1)>${MARK}`],
    ['path traversal', () => `../../../../etc/passwd${MARK}`],
    ['prototype words', () => pickOf(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'])],
    ['1 MiB ASCII', () => HUGE_ASCII],
    ['1 MiB Unicode', () => HUGE_UNICODE],
    ['10,000-deep object', () => DEEP_OBJECT],
    ['10,000-deep array', () => DEEP_ARRAY],
    ['empty array', () => []],
    ['array of nulls', () => [null, null]],
    ['array of marks', () => [MARK, MARK]],
    ['empty object', () => ({})],
    ['own __proto__ object', PROTO_OWN],
    ['Date', () => new Date(0)],
    ['invalid Date', () => new Date(NaN)],
    ['Map', () => new Map([['polluted', MARK]])],
    ['Set', () => new Set([MARK])],
    ['bytes', () => new Uint8Array([0, 255, 1])],
  ];
}

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'polluted', '', '\u0000', '\uD800', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', HUGE_KEY, 'sql', 'id ', 'ID'];

let pickOf: <T>(items: readonly T[]) => T = (items) => items[0]!;

// ---- plausible payloads from the contract's own schemas ----------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking zod's internal definition tree
type AnyDef = any;
const defOf = (schema: z.ZodType): AnyDef => (schema as unknown as { _zod: { def: AnyDef } })._zod.def;

/**
 * A best-effort valid value for a schema (the base that malformations are
 * applied to, so each payload is "almost right" and differs in one place).
 * Leaves try candidates until the schema accepts one.
 */
function sample(schema: z.ZodType, ids: string[], depth = 0): unknown {
  const def = defOf(schema);
  const firstAccepted = (candidates: unknown[]): unknown => candidates.find((c) => schema.safeParse(c).success) ?? candidates[0];
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) out[key] = sample(value, ids, depth + 1);
      return out;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return sample(def.innerType, ids, depth + 1);
    case 'pipe':
      return sample(def.in, ids, depth + 1);
    case 'union':
      return sample(def.options[0], ids, depth + 1);
    case 'array':
      return depth > 6 ? [] : firstAccepted([[sample(def.element, ids, depth + 1)], []]);
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'boolean':
      return true;
    case 'number':
      return firstAccepted([1, 10, 0, 30]);
    case 'string':
      return firstAccepted([...ids, 'Field office', '2026-03-14', '2026-03-14T10:00:00Z', 'a long enough passphrase here', 'application/pdf', 'custom_profile', 'x']);
    case 'record':
      return {};
    default:
      return null;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Object paths inside a value (for nested malformations), nearest first. */
function objectPaths(value: unknown, path: string[] = [], out: string[][] = []): string[][] {
  if (!isPlainObject(value)) return out;
  out.push(path);
  for (const [key, child] of Object.entries(value)) objectPaths(child, [...path, key], out);
  return out;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function at(root: unknown, path: string[]): Record<string, unknown> {
  let node = root as Record<string, unknown>;
  for (const key of path) node = node[key] as Record<string, unknown>;
  return node;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, not assignment: `obj.__proto__ = …` would change the prototype instead of adding a key.
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

interface Payload {
  label: string;
  value: unknown;
}

/** Malformed variants of a channel's plausible payload. */
function malformed(channel: Channel, base: unknown, random: () => number): Payload[] {
  const values = hostileValues();
  const hostile = (): [string, unknown] => {
    const [label, make] = pickOf(values);
    return [label, make()];
  };
  const out: Payload[] = [];
  const paths = objectPaths(base);
  const mutators: Array<() => Payload> = [
    () => {
      const [label, value] = hostile();
      return { label: `whole payload is ${label}`, value };
    },
    () => {
      const value = clone(base);
      const path = pickOf(paths);
      const node = at(value, path);
      const keys = Object.keys(node);
      if (keys.length === 0) return { label: 'array where the object goes', value: [value] };
      const key = pickOf(keys);
      delete node[key];
      return { label: `missing ${[...path, key].join('.')}`, value };
    },
    () => {
      const value = clone(base);
      const path = pickOf(paths);
      const key = pickOf(HOSTILE_KEYS);
      const [label, extra] = hostile();
      setOwn(at(value, path), key, extra);
      return { label: `extra key ${JSON.stringify(key.slice(0, 20))} (${label}) at ${path.join('.') || 'top'}`, value };
    },
    () => {
      const value = clone(base);
      const path = pickOf(paths);
      const node = at(value, path);
      const keys = Object.keys(node);
      const key = keys.length > 0 ? pickOf(keys) : 'missing';
      const [label, wrong] = hostile();
      setOwn(node, key, wrong);
      return { label: `${[...path, key].join('.')} is ${label}`, value };
    },
    () => {
      const value = clone(base);
      const path = pickOf(paths.filter((p) => p.length > 0));
      if (!path) return { label: 'array instead of the payload object', value: [value] };
      const parent = at(value, path.slice(0, -1));
      const key = path[path.length - 1]!;
      setOwn(parent, key, random() < 0.5 ? [parent[key]] : Object.entries(parent[key] as object));
      return { label: `array where the object ${path.join('.')} goes`, value };
    },
    () => {
      const value = clone(base);
      const proto = PROTO_OWN();
      const node = at(value, pickOf(paths));
      for (const key of Object.keys(proto)) setOwn(node, key, proto[key]);
      return { label: 'own __proto__ and constructor.prototype keys', value };
    },
    () => {
      const value = clone(base);
      const node = at(value, pickOf(paths));
      for (const key of Object.keys(node)) {
        const [, wrong] = hostile();
        setOwn(node, key, wrong);
      }
      return { label: 'every field hostile', value };
    },
    () => {
      // Objects where arrays go, and arrays of the wrong things.
      const value = clone(base);
      const node = at(value, pickOf(paths));
      for (const key of Object.keys(node)) if (Array.isArray(node[key])) setOwn(node, key, random() < 0.5 ? { 0: MARK, length: 1 } : [DEEP_ARRAY, HUGE_ASCII, NaN]);
      setOwn(node, pickOf(HOSTILE_KEYS), MARK);
      return { label: 'objects for arrays, plus an extra key', value };
    },
  ];
  for (let i = 0; i < PER_CHANNEL; i += 1) {
    const payload = pickOf(mutators)();
    out.push({ ...payload, label: `${channel}: ${payload.label}` });
  }
  return out;
}

function rejectedByContract(channel: Channel, value: unknown): boolean {
  try {
    return !contract[channel].input.safeParse(value === undefined ? {} : value).success;
  } catch {
    return true; // a throwing schema is exactly what dispatch must survive: keep it
  }
}

// ---- a real, open vault behind the real dispatch ------------------------------

let temp: ReturnType<typeof makeTempDir>;
let app: AppServices;
let vaultFolder: string;
const ids: string[] = [];

function recordCounts(): Record<string, number> {
  const raw = app.session.current().raw;
  const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
  return Object.fromEntries(tables.map(({ name }) => [name, (raw.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n]));
}

async function ok<T>(promise: Promise<Envelope<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`setup call failed: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

beforeAll(async () => {
  temp = makeTempDir('ck-fuzz-');
  app = composeApp({
    configDir: join(temp.path, 'config'),
    kdfParams: async () => KDF_FLOOR,
    app: { version: 'fuzz', platform: process.platform, nativeDialogs: false, defaultVaultFolder: temp.path },
    chooseVaultLocation: async () => null,
    chooseSaveFile: async () => null,
    emit: () => undefined,
  });
  const d = app.dispatch;
  const created = await ok<{ status: { path: string } }>(d('vault:create', { path: join(temp.path, 'Fuzz'), passphrase: PASSPHRASE, withRecoveryKey: true }));
  vaultFolder = created.status.path;
  await ok(d('settings:update', { caseworkerName: 'Fuzz Tester' }));
  const kase = await ok<{ id: string }>(d('cases:create', { client: { legalName: 'Fictional Client' } }));
  const contact = await ok<{ id: string }>(d('contacts:create', { caseId: kase.id, role: 'witness', contact: { name: 'Fictional Witness' } }));
  const threat = await ok<{ id: string }>(
    d('threats:create', {
      caseId: kase.id,
      threat: {
        tacticId: 'threats_from_distance.coercion_by_proxy',
        tacticOther: '',
        datePrecision: 'exact',
        occurredFrom: '2026-03-14',
        occurredTo: null,
        country: 'Fictionland',
        city: '',
        channel: 'phone',
        targetContactId: null,
        perpetratorIds: [],
        evidenceIds: [],
        description: 'Fictional threat for the fuzz test.',
        severity: 3,
        verification: 'unverified',
      },
    }),
  );
  const evidence = await ok<{ id: string }>(
    d('evidence:add', {
      caseId: kase.id,
      evidence: { fileName: 'note.txt', mediaType: 'text/plain', collectedAt: '2026-03-14T10:00:00Z', collectedHow: '', collectedBy: '', collectedFrom: '', description: '' },
      dataBase64: Buffer.from('fictional evidence').toString('base64'),
    }),
  );
  const referral = await ok<{ id: string }>(d('referrals:create', { caseId: kase.id, referral: { recipientType: 'police', recipientOrg: 'Fictional Police' } }));
  await ok(d('notes:create', { caseId: kase.id, body: 'Fictional note.' }));
  await ok(d('tasks:create', { caseId: kase.id, task: { title: 'Call back', dueOn: '2026-03-20' } }));
  ids.push(kase.id, contact.id, threat.id, evidence.id, referral.id);
  // Fold the setup writes into the database file so the snapshot is of a settled vault.
  app.session.current().raw.pragma('wal_checkpoint(TRUNCATE)');
});

afterAll(async () => {
  await app?.session.lock('user');
  temp?.remove();
});

function expectRefusal(result: unknown, label: string): void {
  expect(result, label).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.any(String) } });
  const envelope = result as { error: { message: string } };
  expect(Object.keys(result as object).sort(), label).toEqual(['error', 'ok']);
  expect(Object.keys(envelope.error).sort(), label).toEqual(['code', 'message']);
  // Values may be secrets (passphrases): they are never echoed back.
  expect(envelope.error.message.includes(MARK), `${label}: the message echoes a submitted value`).toBe(false);
}

describe('hostile IPC against a real open vault', () => {
  it(`every channel refuses thousands of malformed payloads with VALIDATION and changes nothing (seed ${SEED})`, { timeout: 240_000 }, async () => {
    const random = mulberry32(SEED);
    pickOf = (items) => items[Math.floor(random() * items.length)]!;
    const protoNamesBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const arrayProtoBefore = Object.getOwnPropertyNames(Array.prototype).sort();
    const filesBefore = snapshotFiles(temp.path);
    const countsBefore = recordCounts();
    expect(countsBefore.case_file).toBe(1);

    const perChannel = new Map<string, number>();
    const failures: string[] = [];
    let sent = 0;
    for (const channel of CHANNELS) {
      const base = sample(contract[channel].input, ids);
      let refused = 0;
      for (const payload of malformed(channel, base, random)) {
        if (!rejectedByContract(channel, payload.value)) continue; // the mutation happened to be valid: not a malformed payload
        sent += 1;
        let result: unknown;
        try {
          result = await app.dispatch(channel, payload.value);
        } catch (error) {
          failures.push(`${payload.label}: dispatch threw ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`);
          continue;
        }
        try {
          expectRefusal(result, payload.label);
          refused += 1;
        } catch (error) {
          failures.push(`${payload.label}: ${error instanceof Error ? error.message.slice(0, 400) : String(error)}`);
        }
      }
      perChannel.set(channel, refused);
    }

    expect(failures, `seed ${SEED}`).toEqual([]);
    expect(({} as Record<string, unknown>).polluted, `seed ${SEED}: Object.prototype polluted`).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort(), `seed ${SEED}`).toEqual(protoNamesBefore);
    expect(Object.getOwnPropertyNames(Array.prototype).sort(), `seed ${SEED}`).toEqual(arrayProtoBefore);
    // Every channel got a real share of the malformed payloads, and thousands were sent in all.
    const thin = [...perChannel].filter(([, n]) => n < PER_CHANNEL / 3);
    expect(thin, `seed ${SEED}: channels that received too few malformed payloads`).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(Math.min(2000, CHANNELS.length * PER_CHANNEL * 0.6));

    expect(app.session.status().state, `seed ${SEED}: the vault is still open`).toBe('unlocked');
    expect(recordCounts(), `seed ${SEED}: record counts`).toEqual(countsBefore);
    expect(snapshotFiles(temp.path), `seed ${SEED}: vault and config files`).toEqual(filesBefore);
    console.info(`ipc fuzz (seed ${SEED}): ${sent} malformed payloads over ${CHANNELS.length} channels, all refused; vault at ${vaultFolder} unchanged`);
  });

  it('a refusal stays a short message: a 1 MiB unknown key is not echoed back to the renderer', async () => {
    // The renderer shows this message to the caseworker; keys come from the sender like values do.
    for (const channel of ['vault:lock', 'settings:update', 'cases:create', 'vault:unlock'] as const) {
      const payload: Record<string, unknown> = {};
      setOwn(payload, HUGE_KEY, 1);
      const result = await app.dispatch(channel, payload);
      expectRefusal(result, channel);
      const { message } = (result as { error: { message: string } }).error;
      expect(message.length, `${channel}: a ${message.length}-character message`).toBeLessThanOrEqual(2000);
      expect(message, channel).not.toContain('K'.repeat(1000));
    }
  });

  it(`unknown channel names get dispatch's documented refusal (seed ${SEED})`, async () => {
    const random = mulberry32(SEED ^ 0x5eed);
    pickOf = (items) => items[Math.floor(random() * items.length)]!;
    const filesBefore = snapshotFiles(temp.path);
    const names: unknown[] = [
      'vault:dropTables',
      'VAULT:STATUS',
      'vault:status ',
      ' vault:status',
      'vault:status\u0000',
      'vault:\uD800',
      'vault',
      '',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '__defineGetter__',
      'shell:openExternal',
      'ELECTRON_BROWSER_REQUIRE',
      HUGE_KEY,
      null,
      undefined,
      42,
      NaN,
      12345678901234567890n,
      true,
      ['vault:status'],
      { toString: () => 'vault:status' },
      new String('vault:status'),
      PROTO_OWN(),
    ];
    for (let i = 0; i < 300; i += 1) {
      const known = pickOf(CHANNELS);
      const length = Math.floor(random() * 40);
      const noise = Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('');
      names.push(pickOf([noise, `${known}${noise}`, `${noise}${known}`, known.toUpperCase(), known.replace(':', '.'), known.normalize('NFKD') + '\u0301']));
    }
    let sent = 0;
    for (const name of names) {
      if (typeof name === 'string' && (CHANNELS as readonly string[]).includes(name)) continue;
      const [, payload] = [0, pickOf(hostileValues())[1]()];
      const label = `channel ${typeof name === 'string' ? JSON.stringify(name.slice(0, 40)) : typeof name}`;
      let result: unknown;
      try {
        result = await app.dispatch(name, payload);
      } catch (error) {
        throw new Error(`seed ${SEED}: ${label}: dispatch threw ${String(error)}`);
      }
      expect(result, label).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'That action is not available.' } });
      sent += 1;
    }
    expect(sent).toBeGreaterThan(300);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(snapshotFiles(temp.path)).toEqual(filesBefore);
  });
});
