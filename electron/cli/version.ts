import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Casekeeper's version from package.json, as `--version` prints it and packets record it. */
export function packageVersion(): string {
  try {
    const json = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof json.version === 'string' ? json.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
