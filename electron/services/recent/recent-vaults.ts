import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { recentVaultSchema, type RecentVault } from '../../../shared/ipc/contract';
import { atomicWriteFile } from '../files/atomic-write';

const MAX_RECENT = 8;
const fileSchema = z.strictObject({ version: z.literal(1), vaults: z.array(recentVaultSchema) });

/**
 * The list of recently opened vault folders, kept outside any vault in the
 * app's settings folder. It holds paths and times only, never vault content.
 */
export class RecentVaults {
  constructor(private readonly file: string) {}

  list(): RecentVault[] {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data.vaults.slice(0, MAX_RECENT) : [];
    } catch {
      return [];
    }
  }

  remember(path: string, at: Date = new Date()): RecentVault[] {
    const abs = resolve(path);
    const next = [{ path: abs, lastOpenedAt: at.toISOString() }, ...this.list().filter((v) => v.path !== abs)].slice(0, MAX_RECENT);
    this.save(next);
    return next;
  }

  forget(path: string): RecentVault[] {
    const abs = resolve(path);
    const next = this.list().filter((v) => v.path !== abs);
    this.save(next);
    return next;
  }

  private save(vaults: RecentVault[]): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      atomicWriteFile(this.file, `${JSON.stringify({ version: 1, vaults }, null, 2)}\n`, { mode: 'replace' });
    } catch {
      // The list is a convenience; failing to save it must not block opening a vault.
    }
  }
}
