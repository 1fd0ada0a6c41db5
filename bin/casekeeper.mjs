#!/usr/bin/env node
// `npx casekeeper …`: runs the TypeScript CLI through tsx, so no build step is needed.
// The .ts files compile to CommonJS (package.json has no "type"); the CJS hook must be
// registered before the ESM one so that the lazy import() calls inside them resolve too.
import { register as registerCjs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

registerCjs();
registerEsm();

// Every file the tool makes (vault, -wal, -shm, exports, backups) is owner-only, whoever creates it.
process.umask(0o077);

const loaded = await import('../electron/cli/main.ts');
// A CommonJS module arrives as the namespace's default export.
const { runCli } = loaded.default ?? loaded;
process.exitCode = await runCli(process.argv.slice(2));
