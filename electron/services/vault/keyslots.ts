import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { corruptVault } from '../errors/to-app-error';
import { checkKdfParams, deriveKey, type KdfParams } from './kdf';
import { dirname, join } from 'node:path';
import { atomicWriteFile } from '../files/atomic-write';
import { DATABASE_FILE, notAVault, statOrNull } from './vault-files';

/**
 * keyslots.json: the vault's random 256-bit data key, wrapped (AES-256-GCM)
 * once per way of unlocking it — the passphrase (Argon2id) and optionally a
 * recovery key (HKDF; it already carries 200 random bits). Changing the
 * passphrase rewraps the data key; the database is never re-encrypted.
 * A SHA-256 checksum over the file's content tells a damaged file apart
 * from a wrong passphrase.
 */
export const KEYSLOTS_FORMAT = 'casekeeper-vault';
export const KEYSLOTS_FORMAT_VERSION = 1;
export const VAULT_CIPHER = 'aegis-256';
const DATA_KEY_BYTES = 32;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const wrapSchema = z.strictObject({
  algorithm: z.literal('aes-256-gcm'),
  iv: b64,
  ciphertext: b64,
  tag: b64,
});

const passphraseSlotSchema = z.strictObject({
  kind: z.literal('passphrase'),
  createdAt: z.string(),
  kdf: z.strictObject({
    algorithm: z.literal('argon2id'),
    memoryKiB: z.number().int(),
    iterations: z.number().int(),
    parallelism: z.number().int(),
    salt: b64,
  }),
  wrap: wrapSchema,
});

const recoverySlotSchema = z.strictObject({
  kind: z.literal('recovery'),
  createdAt: z.string(),
  kdf: z.strictObject({ algorithm: z.literal('hkdf-sha256'), salt: b64 }),
  wrap: wrapSchema,
});

const slotSchema = z.discriminatedUnion('kind', [passphraseSlotSchema, recoverySlotSchema]);

const bodySchema = z.strictObject({
  format: z.literal(KEYSLOTS_FORMAT),
  formatVersion: z.literal(KEYSLOTS_FORMAT_VERSION),
  vaultId: z.string().uuid(),
  createdAt: z.string(),
  cipher: z.literal(VAULT_CIPHER),
  slots: z.array(slotSchema).min(1).max(8),
});

export type KeyslotFile = z.infer<typeof bodySchema>;
export type PassphraseSlot = z.infer<typeof passphraseSlotSchema>;
export type RecoverySlot = z.infer<typeof recoverySlotSchema>;

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

export function newKeyslotFile(): KeyslotFile {
  return {
    format: KEYSLOTS_FORMAT,
    formatVersion: KEYSLOTS_FORMAT_VERSION,
    vaultId: randomUUID(),
    createdAt: new Date().toISOString(),
    cipher: VAULT_CIPHER,
    slots: [],
  };
}

// ---- reading and writing -------------------------------------------------

export function readKeyslots(path: string): KeyslotFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw corruptVault(error);
  }
  // A file that does not parse or lacks the marker is someone else's folder,
  // unless the vault database sits beside it: then it is a damaged key file.
  const damagedOrForeign = (): AppError =>
    statOrNull(join(dirname(path), DATABASE_FILE))?.isFile() || text.includes(KEYSLOTS_FORMAT) ? corruptVault() : notAVault();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damagedOrForeign();
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== KEYSLOTS_FORMAT) {
    throw damagedOrForeign();
  }
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > KEYSLOTS_FORMAT_VERSION) {
    throw newerVersion();
  }
  const { checksum, ...body } = json as { checksum?: unknown };
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success || typeof checksum !== 'string' || checksum !== checksumOf(parsed.data)) {
    throw corruptVault();
  }
  // KDF settings outside the allowed range can only come from a damaged or tampered file.
  for (const slot of parsed.data.slots) {
    if (slot.kind !== 'passphrase') continue;
    try {
      checkKdfParams(slot.kdf);
    } catch {
      throw corruptVault();
    }
  }
  return parsed.data;
}

export function writeKeyslots(path: string, file: KeyslotFile): void {
  const checked = bodySchema.parse(file);
  atomicWriteFile(path, `${JSON.stringify({ ...checked, checksum: checksumOf(checked) }, null, 2)}\n`, { mode: 'replace' });
}

function checksumOf(body: KeyslotFile): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export function newerVersion(): AppError {
  return new AppError(
    'NEWER_VERSION',
    'This vault was written by a newer version of Casekeeper. Update Casekeeper to open it; this version leaves it untouched.',
  );
}

// ---- wrapping -----------------------------------------------------------

function aad(vaultId: string, kind: 'passphrase' | 'recovery'): Buffer {
  return Buffer.from(`${KEYSLOTS_FORMAT}:v${KEYSLOTS_FORMAT_VERSION}:${vaultId}:${kind}`, 'utf8');
}

function wrap(kek: Buffer, dataKey: Buffer, associated: Buffer): z.infer<typeof wrapSchema> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(associated);
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    algorithm: 'aes-256-gcm',
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Returns null when the key-encryption key is wrong (GCM authentication fails). */
function unwrap(kek: Buffer, wrapped: z.infer<typeof wrapSchema>, associated: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(associated);
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
    return key.length === DATA_KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

export async function makePassphraseSlot(vaultId: string, dataKey: Buffer, passphrase: string, kdf: KdfParams): Promise<PassphraseSlot> {
  checkKdfParams(kdf);
  const salt = randomBytes(16);
  const kek = await deriveKey(passphrase, salt, kdf);
  try {
    return {
      kind: 'passphrase',
      createdAt: new Date().toISOString(),
      kdf: { ...kdf, salt: salt.toString('base64') },
      wrap: wrap(kek, dataKey, aad(vaultId, 'passphrase')),
    };
  } finally {
    kek.fill(0);
  }
}

export function makeRecoverySlot(vaultId: string, dataKey: Buffer, recoveryKey: Buffer): RecoverySlot {
  const salt = randomBytes(16);
  const kek = recoveryKek(recoveryKey, salt);
  try {
    return {
      kind: 'recovery',
      createdAt: new Date().toISOString(),
      kdf: { algorithm: 'hkdf-sha256', salt: salt.toString('base64') },
      wrap: wrap(kek, dataKey, aad(vaultId, 'recovery')),
    };
  } finally {
    kek.fill(0);
  }
}

function recoveryKek(recoveryKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', recoveryKey, salt, 'casekeeper recovery slot v1', 32));
}

export function passphraseSlotOf(file: KeyslotFile): PassphraseSlot {
  const slot = file.slots.find((s): s is PassphraseSlot => s.kind === 'passphrase');
  if (!slot) throw corruptVault();
  return slot;
}

export function recoverySlotOf(file: KeyslotFile): RecoverySlot | undefined {
  return file.slots.find((s): s is RecoverySlot => s.kind === 'recovery');
}

export async function unwrapWithPassphrase(file: KeyslotFile, passphrase: string): Promise<Buffer> {
  const slot = passphraseSlotOf(file);
  const { salt, ...params } = slot.kdf;
  const kek = await deriveKey(passphrase, Buffer.from(salt, 'base64'), params);
  try {
    const key = unwrap(kek, slot.wrap, aad(file.vaultId, 'passphrase'));
    if (!key) {
      throw new AppError('WRONG_PASSPHRASE', 'That passphrase does not open this vault. Check the keyboard layout and Caps Lock, then try again.');
    }
    return key;
  } finally {
    kek.fill(0);
  }
}

export function unwrapWithRecoveryKey(file: KeyslotFile, recoveryKey: Buffer): Buffer {
  const slot = recoverySlotOf(file);
  if (!slot) {
    throw new AppError('WRONG_PASSPHRASE', 'This vault has no recovery key. Only its passphrase can open it.');
  }
  const kek = recoveryKek(recoveryKey, Buffer.from(slot.kdf.salt, 'base64'));
  try {
    const key = unwrap(kek, slot.wrap, aad(file.vaultId, 'recovery'));
    if (!key) {
      throw new AppError('WRONG_PASSPHRASE', 'That recovery key does not open this vault. Check each group against the printed copy.');
    }
    return key;
  } finally {
    kek.fill(0);
  }
}

export function withSlot(file: KeyslotFile, slot: PassphraseSlot | RecoverySlot): KeyslotFile {
  return { ...file, slots: [...file.slots.filter((s) => s.kind !== slot.kind), slot] };
}

export function withoutRecoverySlot(file: KeyslotFile): KeyslotFile {
  return { ...file, slots: file.slots.filter((s) => s.kind !== 'recovery') };
}
