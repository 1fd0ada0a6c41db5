import { readFile } from 'node:fs/promises';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * @actions/workflow-parser (tests/unit/ci-workflow.test.ts) imports its JSON
 * schema without an import attribute, which Node refuses, so Vite loads it
 * instead; its source maps name sources it does not ship, so they are dropped.
 */
const WORKFLOW_PARSER = '/node_modules/@actions/workflow-parser/';
function workflowParserWithoutSourceMaps(): Plugin {
  return {
    name: 'casekeeper:workflow-parser-without-source-maps',
    async load(id) {
      if (!id.includes(WORKFLOW_PARSER) || !id.endsWith('.js')) return null;
      return { code: (await readFile(id, 'utf8')).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'), map: null };
    },
  };
}

export default defineConfig({
  plugins: [workflowParserWithoutSourceMaps()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Argon2id at 64 MiB per derivation and real encrypted vaults: keep parallelism modest on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
