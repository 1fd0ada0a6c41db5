/**
 * Reads a file as base64 slice by slice, so a 64 MiB file never becomes one
 * giant intermediate string built character by character, and the UI can
 * show progress. Slices are a multiple of 3 bytes, so their base64 parts
 * concatenate into the base64 of the whole file.
 */
const SLICE_BYTES = 3 * 1024 * 1024;
const APPLY_BYTES = 0x8000; // String.fromCharCode.apply argument limit, comfortably.

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += APPLY_BYTES) {
    binary += String.fromCharCode.apply(null, bytes.subarray(offset, offset + APPLY_BYTES) as unknown as number[]);
  }
  return btoa(binary);
}

export async function readFileAsBase64(file: Blob, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<string> {
  const parts: string[] = [];
  onProgress(0);
  for (let offset = 0; offset < file.size; offset += SLICE_BYTES) {
    if (signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
    const slice = new Uint8Array(await file.slice(offset, offset + SLICE_BYTES).arrayBuffer());
    parts.push(bytesToBase64(slice));
    onProgress(Math.min(1, (offset + slice.length) / file.size));
  }
  return parts.join('');
}

/** Decrypted evidence from main → bytes for a Blob (kept in memory only). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
