import { AppError } from '../../../shared/errors';
import { entryPathProblem, listPacketZip, readPacketZip, writePacketZip, type ZipEntryInfo, type ZipLimits } from './zip';

/**
 * Sealing: the finished packet ZIP goes, as one file, into an outer ZIP
 * encrypted with WinZip AES-256. Because the whole inner ZIP is encrypted, the
 * names of the files inside the packet are hidden too; only the outer entry's
 * name (keep it neutral, e.g. "packet-<id>.zip"), its size and its date show.
 *
 * Recipients open it with free tools that support AES ZIPs:
 * - Windows: 7-Zip (7-zip.org), right-click > 7-Zip > Extract Here. Windows
 *   Explorer's built-in ZIP support cannot open AES-encrypted ZIPs.
 * - macOS: Keka (keka.io), or `7zz x <file>` with Homebrew's `sevenzip`.
 *   Archive Utility and `unzip` cannot open it.
 * - Linux: `7z x <file>` (Debian/Ubuntu package `7zip`, whose command is
 *   `7zz` on Debian 12; `p7zip-full` provides `7z`). Info-ZIP `unzip`
 *   cannot open it.
 * Each asks for the passphrase; typing it at the prompt keeps it out of the
 * shell history, unlike `-p<passphrase>`.
 */

export const SEAL_INSTRUCTIONS = [
  'HOW TO OPEN A SEALED CASEKEEPER PACKET',
  '',
  'The file is a ZIP encrypted with AES-256. You need its passphrase, which the',
  'sender gives you separately (never in the same message as the file).',
  '',
  'Windows: install 7-Zip (free, https://www.7-zip.org). Right-click the file,',
  '  choose 7-Zip > Extract Here and type the passphrase. Windows Explorer\'s',
  '  built-in "Extract All" cannot open AES-encrypted ZIP files.',
  'macOS: open the file with Keka (free, https://www.keka.io), or in Terminal,',
  '  with 7-Zip installed (brew install sevenzip): 7zz x <file>',
  '  The built-in Archive Utility cannot open AES-encrypted ZIP files.',
  'Linux: install 7-Zip (Debian/Ubuntu: sudo apt install 7zip), then run',
  '  7z x <file>   (on Debian 12 the command is 7zz x <file>)',
  '  The unzip command cannot open AES-encrypted ZIP files.',
  '',
  'Type the passphrase when asked rather than on the command line, so that it',
  'is not kept in your shell history.',
  '',
  'Inside is one ZIP file: the packet itself. Unpack it the same way (it has no',
  'passphrase) and read its README.txt, which explains how to check that',
  'nothing in it was changed.',
  '',
].join('\n');

export interface UnsealedPacket {
  innerFileName: string;
  innerZip: Uint8Array;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

function looksLikeZip(bytes: Uint8Array): boolean {
  return ZIP_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/** One encrypted file and nothing else: the shape sealPacket writes. Whether that file is a packet shows only once it is decrypted. */
export function isSealedListing(listing: ReadonlyArray<ZipEntryInfo>): boolean {
  const files = listing.filter((e) => !e.directory);
  return files.length === 1 && files[0]!.encrypted;
}

export async function sealPacket(innerFileName: string, innerZip: Uint8Array, passphrase: string, options: { modified?: Date } = {}): Promise<Uint8Array> {
  const problem = entryPathProblem(innerFileName);
  if (problem !== null || innerFileName.includes('/')) throw new AppError('VALIDATION', `"${innerFileName}" cannot be used as the name of the sealed packet file. Use a plain file name such as packet.zip.`);
  if (passphrase.length === 0) throw new AppError('VALIDATION', 'Enter a passphrase to seal the packet.');
  if (!looksLikeZip(innerZip)) throw new AppError('INTERNAL', 'Only a packet ZIP can be sealed. Nothing was exported; please report this problem.');
  // Stored, not deflated: the inner ZIP is already compressed.
  return writePacketZip([{ path: innerFileName, data: innerZip }], { modified: options.modified ?? new Date(), passphrase, compression: 'store' });
}

/**
 * Opens a sealed packet. Throws VALIDATION when the file is not one,
 * WRONG_PASSPHRASE when the passphrase does not open it, CORRUPT when it is
 * damaged or holds something other than a ZIP.
 */
export async function unsealPacket(bytes: Uint8Array, passphrase: string, limits: ZipLimits = {}): Promise<UnsealedPacket> {
  const listing = await listPacketZip(bytes, limits);
  if (!isSealedListing(listing)) throw new AppError('VALIDATION', 'This file is not a sealed Casekeeper packet. Open it as a plain packet instead.');
  if (passphrase.length === 0) throw new AppError('VALIDATION', 'This packet is sealed with a passphrase. Enter the passphrase you were given for it to open it.');
  const [inner] = await readPacketZip(bytes, { ...limits, passphrase });
  if (!inner || !looksLikeZip(inner.data)) {
    throw new AppError('CORRUPT', 'The sealed file opened, but what is inside is not a packet. Ask the sender for a new copy of the packet.');
  }
  return { innerFileName: inner.path, innerZip: inner.data };
}
