/**
 * Child process for tests/unit/packets-verify-bomb.test.ts: verifies one
 * packet file and reports how much memory that took, measured apart from the
 * test runner's own.
 *
 *   node --import tsx tests/support/verify-child.ts <packet.zip>
 *
 * Prints one JSON line: { baseMiB, peakMiB, report } or { baseMiB, peakMiB, error: { code, message } }.
 */
import { readFileSync } from 'node:fs';
import { verifyPacket } from '../../electron/services/packets/verify';


async function main(): Promise<void> {
  const [path] = process.argv.slice(2);
  if (!path) throw new Error('usage: verify-child <packet.zip>');
  const bytes = readFileSync(path);
  // Everything loaded and the file read: what is added from here on is the verification's.
  const baseMiB = process.resourceUsage().maxRSS / 1024;
  let outcome: Record<string, unknown>;
  try {
    outcome = { report: await verifyPacket(bytes) };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    outcome = { error: { code, message } };
  }
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ baseMiB: Math.round(baseMiB), peakMiB: Math.round(peakMiB), ...outcome })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`verify-child failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
