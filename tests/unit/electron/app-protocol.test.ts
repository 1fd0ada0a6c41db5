import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/main/security';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';

describe('app://casekeeper serves the built renderer and nothing else', () => {
  let folder: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'casekeeper-protocol-'));
    mkdirSync(join(folder, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(folder, 'renderer', 'index.html'), '<!doctype html><title>Casekeeper</title>');
    writeFileSync(join(folder, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(folder, 'secret.txt'), 'TOP SECRET CANARY');
    handle = createAppProtocolHandler({ root: join(folder, 'renderer'), csp: CONTENT_SECURITY_POLICY });
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('serves index.html with the strict CSP as a header', async () => {
    const response = await handle(new Request('app://casekeeper/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Casekeeper</title>');
  });

  it('serves the bundle’s scripts with a script type', async () => {
    const response = await handle(new Request('app://casekeeper/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('refuses to climb out of the renderer folder, however the ../ is spelled', async () => {
    for (const url of [
      'app://casekeeper/../secret.txt',
      'app://casekeeper/..%2fsecret.txt',
      'app://casekeeper/assets/..%2f..%2fsecret.txt',
      'app://casekeeper/%2e%2e%2fsecret.txt',
      'app://casekeeper/..%5csecret.txt',
      `app://casekeeper/${encodeURIComponent(join(folder, 'secret.txt'))}`,
    ]) {
      const response = await handle(new Request(url));
      expect(response.status, url).not.toBe(200);
      expect(await response.text(), url).not.toContain('CANARY');
    }
  });

  it('refuses a raw ../ path that was never normalised', async () => {
    const raw = { url: 'app://casekeeper/..%2f..%2f..%2f..%2fetc/passwd', method: 'GET' } as Request;
    const response = await handle(raw);
    expect(response.status).toBe(403);
  });

  it('answers 404 for other hosts and missing files', async () => {
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://casekeeper/missing.js'))).status).toBe(404);
  });
});
