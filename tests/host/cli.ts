import { mkdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHost } from './server';

/**
 * `npm run dev:browser`: the real renderer and services in your browser, for
 * development. Options: --port N (default: a free port), --config-dir DIR
 * (recent-vaults list; default a folder under the OS temp folder).
 */
function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const configDir = option('--config-dir') ?? join(tmpdir(), 'casekeeper-dev-browser');
mkdirSync(configDir, { recursive: true, mode: 0o700 });
const port = option('--port');

async function main(): Promise<void> {
  const host = await startTestHost({ configDir, port: port ? Number(port) : undefined, defaultVaultFolder: homedir() });
  process.stdout.write(
  `Casekeeper browser test host (development only, loopback only).\n` +
    `Open: ${host.url}\n` +
    `The link carries this run's access token; anyone without it is refused.\n` +
    `Stop with Ctrl+C.\n`,
  );
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
