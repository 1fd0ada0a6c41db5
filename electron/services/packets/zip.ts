import {
  configure,
  ERR_AMBIGUOUS_ARCHIVE,
  ERR_INVALID_AUTHENTICATION_CODE,
  ERR_INVALID_PASSWORD,
  ERR_UNSAFE_FILENAME,
  ERR_UNSUPPORTED_COMPRESSION,
  ERR_UNSUPPORTED_ENCRYPTION,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  Writer,
  ZipReader,
  ZipWriter,
  type Entry,
  type FileEntry,
} from '@zip.js/zip.js';
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';

/**
 * Reading and writing packet ZIPs with zip.js, in memory. Reading treats every
 * ZIP as hostile: a packet may come back from a recipient or be handed in on a
 * USB stick, so names, counts and sizes are checked before anything is unpacked.
 */

// The main process has no web workers; zip.js then runs its codecs inline.
configure({ useWebWorkers: false });

export interface ZipEntryData {
  path: string;
  data: Uint8Array;
}

export interface ZipEntryInfo {
  path: string;
  directory: boolean;
  encrypted: boolean;
  /** As claimed by the ZIP; zip.js refuses to inflate an entry past it. */
  sizeBytes: number;
}

export interface ZipLimits {
  /** Most entries (files and folders) a ZIP may hold. */
  maxEntries?: number;
  /** Most bytes all files may add up to once unpacked. */
  maxTotalBytes?: number;
}

export interface ReadZipOptions extends ZipLimits {
  passphrase?: string;
}

export interface WriteZipOptions {
  /** Timestamp of every entry, so the same content gives the same ZIP. */
  modified: Date;
  /** Encrypts every entry with WinZip AES-256 (used by seal.ts). */
  passphrase?: string;
  /** 'store' for content that is already compressed, such as a sealed inner ZIP. */
  compression?: 'deflate' | 'store';
}

export const DEFAULT_MAX_ENTRIES = 10_000;
export const DEFAULT_MAX_TOTAL_BYTES = 2 * 1024 ** 3;

const ASK_FOR_NEW_COPY = 'Casekeeper will not open it. Ask the sender for a new copy of the packet.';

/** Why a name must not be in a packet, or null when it may. Shared by writing, reading and the manifest. */
export function entryPathProblem(path: string): string | null {
  if (path.length === 0) return 'has an empty name';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'contains control characters';
  if (path.includes('\\')) return 'contains a backslash, which Windows reads as a folder separator';
  if (path.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'starts with a drive letter';
  if (path.includes(':')) return 'contains a colon';
  const segments = (path.endsWith('/') ? path.slice(0, -1) : path).split('/');
  if (segments.includes('..')) return 'points outside the folder it is unpacked into';
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or "." folder name';
  return null;
}

/** Two names that differ only by case or Unicode form become one file on Windows and macOS. */
function collisionKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}

function shown(path: string): string {
  // eslint-disable-next-line no-control-regex -- make hostile names printable in a message
  const printable = path.replace(/[\u0000-\u001f\u007f]/g, '?');
  return printable.length > 120 ? `${printable.slice(0, 117)}...` : printable;
}

function describeBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${bytes} bytes`;
}

/** Tracks names so that duplicates, case-only twins and file/folder clashes are refused. */
class NameRegistry {
  private readonly files = new Map<string, string>();
  private readonly folders = new Set<string>();

  add(path: string, directory: boolean, fail: (message: string) => AppError): void {
    const parts = collisionKey(directory ? path.slice(0, -1) : path).split('/');
    for (let i = 1; i <= parts.length; i += 1) {
      const key = parts.slice(0, i).join('/');
      const isSelf = i === parts.length;
      const file = this.files.get(key);
      if (file !== undefined) {
        if (!isSelf || directory) throw fail(`The ZIP contains "${shown(file)}" both as a file and as a folder.`);
        throw fail(file === path ? `The ZIP contains "${shown(path)}" twice.` : `The ZIP contains both "${shown(file)}" and "${shown(path)}", which are the same file on Windows and macOS.`);
      }
      if (isSelf && !directory) {
        if (this.folders.has(key)) throw fail(`The ZIP contains "${shown(path)}" both as a file and as a folder.`);
        this.files.set(key, path);
      } else {
        this.folders.add(key);
      }
    }
  }
}

/**
 * Writes a ZIP with the entries in the order given, deflated, UTF-8 names and
 * every timestamp set to `modified`. Sizes go in the local headers (no data
 * descriptors), which the widest range of unzip tools handles.
 */
export async function writePacketZip(entries: ReadonlyArray<ZipEntryData>, options: WriteZipOptions): Promise<Uint8Array> {
  const names = new NameRegistry();
  for (const { path } of entries) {
    const problem = entryPathProblem(path);
    if (problem !== null) throw new AppError('VALIDATION', `Cannot put "${shown(path)}" in a packet: the name ${problem}.`);
    names.add(path, false, (message) => new AppError('VALIDATION', `Cannot build the packet. ${message}`));
  }

  const encrypted = options.passphrase !== undefined;
  if (encrypted && options.passphrase === '') throw new AppError('VALIDATION', 'Enter a passphrase to seal the packet.');
  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    lastModDate: options.modified,
    useUnicodeFileNames: true,
    dataDescriptor: false,
    level: options.compression === 'store' ? 0 : 6,
    ...(encrypted ? { password: options.passphrase, encryptionStrength: 3 as const } : {}),
  });
  // One at a time: keeps the order and the memory use predictable.
  for (const { path, data } of entries) await writer.add(path, new Uint8ArrayReader(data));
  return writer.close();
}

interface OpenedZip {
  reader: ZipReader<unknown>;
  entries: Entry[];
}

function zipErrorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Lists the entries, refusing hostile names, duplicates and ZIPs too big to unpack safely. Nothing is inflated. */
async function openZip(bytes: Uint8Array, limits: ZipLimits): Promise<OpenedZip> {
  const maxEntries = limits.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxTotalBytes = limits.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  // 'strict' also refuses data before or after the ZIP and local headers that disagree with the
  // central directory: ZIPs that other tools could read differently from Casekeeper.
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { strictness: 'strict', filenameValidation: 'strict', checkCrc32: true });
  const corrupt = (message: string, cause?: unknown) => new AppError('CORRUPT', `${message} ${ASK_FOR_NEW_COPY}`, { cause });
  const entries: Entry[] = [];
  const names = new NameRegistry();
  let totalBytes = 0;
  try {
    for await (const entry of reader.getEntriesGenerator()) {
      if (entries.length >= maxEntries) {
        throw new AppError('VALIDATION', `This ZIP holds more than ${maxEntries.toLocaleString('en')} files, more than any packet Casekeeper makes. It was not opened.`);
      }
      const problem = entryPathProblem(entry.filename);
      if (problem !== null) throw corrupt(`The ZIP contains a file named "${shown(entry.filename)}" that ${problem}.`);
      names.add(entry.filename, entry.directory, (message) => corrupt(message));
      totalBytes += entry.uncompressedSize;
      if (totalBytes > maxTotalBytes) {
        throw new AppError('VALIDATION', `This ZIP would unpack to more than ${describeBytes(maxTotalBytes)}, more than Casekeeper opens. It was not opened.`);
      }
      entries.push(entry);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = zipErrorMessage(error);
    if (message === ERR_UNSAFE_FILENAME) {
      const name = String((error as { filename?: unknown }).filename ?? '');
      const problem = entryPathProblem(name) ?? 'is not a safe file name';
      throw corrupt(`The ZIP contains a file named "${shown(name)}" that ${problem}.`, error);
    }
    if (message === ERR_AMBIGUOUS_ARCHIVE) {
      const reason = (error as { reason?: unknown }).reason;
      if (reason === 'duplicate filename') throw corrupt('The ZIP contains the same file name twice.', error);
      throw corrupt('The ZIP is built in a way other programs could read differently (extra data around it or inconsistent headers).', error);
    }
    throw corrupt('This file is not a ZIP file, or it is incomplete or damaged.', error);
  }
  return { reader, entries };
}

/** Names, sizes and encryption of every entry, without unpacking anything. Same checks as readPacketZip. */
export async function listPacketZip(bytes: Uint8Array, limits: ZipLimits = {}): Promise<ZipEntryInfo[]> {
  const { reader, entries } = await openZip(bytes, limits);
  await reader.close();
  return entries.map((e) => ({ path: e.filename, directory: e.directory, encrypted: e.encrypted, sizeBytes: e.uncompressedSize }));
}

async function inflate<T>(entry: FileEntry, writer: Writer<T>, passphrase: string | undefined): Promise<T> {
  try {
    return await entry.getData(writer, entry.encrypted ? { password: passphrase } : {});
  } catch (error) {
    const message = zipErrorMessage(error);
    if (message === ERR_INVALID_PASSWORD) {
      throw new AppError('WRONG_PASSPHRASE', 'That passphrase does not open this packet. Check it with the person who sent it; passphrases are case-sensitive.', { cause: error });
    }
    if (message === ERR_INVALID_AUTHENTICATION_CODE) {
      throw new AppError('CORRUPT', `"${shown(entry.filename)}" could not be decrypted: the passphrase is wrong or the file was changed after it was sealed.`, { cause: error });
    }
    if (error instanceof AppError) throw error;
    if (message === ERR_UNSUPPORTED_COMPRESSION || message === ERR_UNSUPPORTED_ENCRYPTION) {
      throw new AppError('CORRUPT', `"${shown(entry.filename)}" is packed or encrypted in a way Casekeeper cannot read. ${ASK_FOR_NEW_COPY}`, { cause: error });
    }
    throw new AppError('CORRUPT', `"${shown(entry.filename)}" in the ZIP is damaged or was changed. ${ASK_FOR_NEW_COPY}`, { cause: error });
  }
}

/**
 * Unpacks every file (folders are skipped) in ZIP order. Throws AppError:
 * CORRUPT for unsafe names, duplicates and damage; VALIDATION for too many
 * entries, too many bytes, or encrypted entries without a passphrase;
 * WRONG_PASSPHRASE when the passphrase does not decrypt them.
 */
export async function readPacketZip(bytes: Uint8Array, options: ReadZipOptions = {}): Promise<ZipEntryData[]> {
  const { reader, entries } = await openZip(bytes, options);
  try {
    const files = entries.filter((e): e is FileEntry => !e.directory);
    if (files.some((e) => e.encrypted) && !options.passphrase) {
      throw new AppError('VALIDATION', 'This packet is sealed with a passphrase. Enter the passphrase you were given for it to open it.');
    }
    const result: ZipEntryData[] = [];
    for (const entry of files) result.push({ path: entry.filename, data: await inflate(entry, new Uint8ArrayWriter(), options.passphrase) });
    return result;
  } finally {
    await reader.close();
  }
}

/** SHA-256 and length of what is written into it; keeps nothing, refuses more than `limit` bytes. */
class DigestWriter extends Writer<{ sha256: string; sizeBytes: number }> {
  private readonly hash = createHash('sha256');
  private bytes = 0;

  constructor(
    private readonly name: string,
    private readonly limit: number,
  ) {
    super();
  }

  override async writeUint8Array(array: Uint8Array): Promise<void> {
    this.bytes += array.byteLength;
    if (this.bytes > this.limit) throw new AppError('CORRUPT', `"${shown(this.name)}" unpacks to more than the size the ZIP gives for it. ${ASK_FOR_NEW_COPY}`);
    this.hash.update(array);
  }

  override async getData(): Promise<{ sha256: string; sizeBytes: number }> {
    return { sha256: this.hash.digest('hex'), sizeBytes: this.bytes };
  }
}

/** A ZIP opened for checking one entry at a time (see openPacketZip). */
export interface PacketZipReader {
  /** Every entry as the ZIP describes it; nothing has been unpacked yet. */
  entries: ZipEntryInfo[];
  /** Unpacks one small file into memory; VALIDATION when the ZIP says it is larger than `maxBytes`. */
  read(path: string, maxBytes: number): Promise<Uint8Array>;
  /** SHA-256 and size of one file, streamed: memory stays flat however large it is. */
  digest(path: string): Promise<{ sha256: string; sizeBytes: number }>;
  close(): Promise<void>;
}

/**
 * Opens a ZIP for checking without unpacking it: names, counts and claimed
 * sizes are checked as in readPacketZip, then the caller unpacks only the
 * entries it needs, small ones into memory and large ones through a hash.
 */
export async function openPacketZip(bytes: Uint8Array, options: ReadZipOptions = {}): Promise<PacketZipReader> {
  const { reader, entries } = await openZip(bytes, options);
  const files = new Map(entries.filter((e): e is FileEntry => !e.directory).map((e) => [e.filename, e]));
  if ([...files.values()].some((e) => e.encrypted) && !options.passphrase) {
    await reader.close();
    throw new AppError('VALIDATION', 'This packet is sealed with a passphrase. Enter the passphrase you were given for it to open it.');
  }
  const fileOf = (path: string): FileEntry => {
    const entry = files.get(path);
    if (!entry) throw new AppError('INTERNAL', `"${shown(path)}" is not a file in this ZIP.`);
    return entry;
  };
  return {
    entries: entries.map((e) => ({ path: e.filename, directory: e.directory, encrypted: e.encrypted, sizeBytes: e.uncompressedSize })),
    read: async (path, maxBytes) => {
      const entry = fileOf(path);
      if (entry.uncompressedSize > maxBytes) {
        throw new AppError('VALIDATION', `"${shown(path)}" would unpack to ${describeBytes(entry.uncompressedSize)}, more than Casekeeper reads for it (${describeBytes(maxBytes)}). It was not opened.`);
      }
      return inflate(entry, new Uint8ArrayWriter(), options.passphrase);
    },
    digest: async (path) => {
      const entry = fileOf(path);
      return inflate(entry, new DigestWriter(path, entry.uncompressedSize), options.passphrase);
    },
    close: async () => {
      await reader.close();
    },
  };
}
