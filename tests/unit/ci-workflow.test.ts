import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

/**
 * The hosted CI workflow cannot run here, so it is checked here: parsed and
 * validated by GitHub's own workflow parser and schema (@actions/workflow-parser,
 * no network), then read for the steps issue 13 asks for.
 */

const root = new URL('../../', import.meta.url);
const FILE = '.github/workflows/ci.yml';
const content = readFileSync(fileURLToPath(new URL(FILE, root)), 'utf8');

function schemaErrors(name: string, text: string): string[] {
  const result = parseWorkflow({ name, content: text }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((error) => error.message);
}

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
}
interface Workflow {
  jobs: Record<string, { 'runs-on': string; strategy: { matrix: { os: string[] } }; env: Record<string, string>; steps: Step[] }>;
}

const workflow = load(content) as Workflow;
const job = Object.values(workflow.jobs)[0]!;
const runs = job.steps.map((step) => step.run ?? '').join('\n');

describe('the hosted CI workflow', () => {
  it('is a valid GitHub Actions workflow', () => {
    expect(schemaErrors(FILE, content)).toEqual([]);
  });

  it('would catch a broken workflow (the validator is not a rubber stamp)', () => {
    expect(schemaErrors('broken.yml', content.replace('runs-on: ${{ matrix.os }}', 'runs_on: ${{ matrix.os }}'))).not.toEqual([]);
    expect(schemaErrors('broken.yml', content.replace('timeout-minutes: 75', 'timeout-minutes: soon'))).not.toEqual([]);
  });

  it('runs on Linux, Windows and macOS runners with Node 22', () => {
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
    expect(content).toMatch(/node-version: 22\b/);
  });

  it('installs, tests with a virtual display on Linux, packages, and smoke-tests the packaged app', () => {
    const order = ['npm ci', 'node scripts/electron-native.mjs', 'xvfb-run --auto-servernum npm test', 'npm run package -- --dir', 'xvfb-run --auto-servernum npm run test:packaged'];
    const positions = order.map((command) => runs.indexOf(command));
    expect(positions.every((position) => position >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The Electron binary is downloaded here, and the Electron and packaged specs may not quietly skip.
    expect(runs).not.toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
    expect(job.env).toMatchObject({ CASEKEEPER_REQUIRE_ELECTRON: '1', CASEKEEPER_REQUIRE_PACKAGED: '1' });
  });

  it('uses scripts and files that exist', () => {
    const scripts = (JSON.parse(readFileSync(fileURLToPath(new URL('package.json', root)), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const [, script] of runs.matchAll(/npm run ([\w:-]+)/g)) expect(scripts, script).toHaveProperty(script!);
    for (const [, file] of runs.matchAll(/node (scripts\/[\w.-]+)/g)) expect(existsSync(fileURLToPath(new URL(file!, root))), file).toBe(true);
  });

  it('leaves the local CI entry point as it is', () => {
    const local = readFileSync(fileURLToPath(new URL('.ci/run', root)), 'utf8');
    expect(local).toMatch(/export ELECTRON_SKIP_BINARY_DOWNLOAD=1\nnpm ci --no-audit --no-fund\nnpm test\n$/);
  });
});
