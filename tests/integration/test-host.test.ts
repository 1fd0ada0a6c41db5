import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KDF_FLOOR } from '../../electron/services/vault/kdf';
import { startTestHost, type TestHost } from '../host/server';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let host: TestHost;

beforeEach(async () => {
  temp = makeTempDir();
  const rendererDir = join(temp.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>Casekeeper</title></head><body></body></html>');
  host = await startTestHost({ rendererDir, configDir: join(temp.path, 'config'), kdfParams: KDF_FLOOR });
});
afterEach(async () => {
  await host.close();
  temp.remove();
});

function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const url = new URL(path, host.origin);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((done, fail) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', fail);
    req.end(options.body);
  });
}

const invoke = (body: unknown, headers: Record<string, string> = {}) =>
  call('/__casekeeper/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-casekeeper-token': host.token, ...headers },
    body: JSON.stringify(body),
  });

describe('browser test host', () => {
  it('listens on loopback only and hands out a URL carrying a long random token', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.url).toContain(host.token);
  });

  it('serves the renderer with the bridge injected and the strict CSP', async () => {
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="./__casekeeper/bridge.js"></script>');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(page.body).not.toContain(host.token);
  });

  it('routes window.api calls to the real services', async () => {
    const response = await invoke({ channel: 'vault:status', input: {} });
    expect(JSON.parse(response.body)).toEqual({ ok: true, data: { state: 'locked' } });
  });

  it('refuses calls without the token, with a wrong token, or from another host name', async () => {
    expect((await invoke({ channel: 'vault:status', input: {} }, { 'x-casekeeper-token': '' })).status).toBe(403);
    expect((await invoke({ channel: 'vault:status', input: {} }, { 'x-casekeeper-token': 'f'.repeat(64) })).status).toBe(403);
    expect((await invoke({ channel: 'vault:status', input: {} }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke({ channel: 'vault:status', input: {} }, { host: 'evil.example' })).status).toBe(421);
    expect((await call(`/__casekeeper/events?token=${'0'.repeat(64)}`)).status).toBe(403);
  });

  it('answers malformed bodies with a VALIDATION envelope', async () => {
    const notJson = await call('/__casekeeper/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-casekeeper-token': host.token },
      body: '{nope',
    });
    expect(JSON.parse(notJson.body).error.code).toBe('VALIDATION');
    expect(JSON.parse((await invoke({ channel: 'vault:unlock', input: { path: 1 } })).body).error.code).toBe('VALIDATION');
    expect(JSON.parse((await invoke(null)).body).error.code).toBe('VALIDATION');
  });

  it('does not serve files outside the renderer folder', async () => {
    writeFileSync(join(temp.path, 'secret.txt'), 'outside');
    const response = await call('/..%2Fsecret.txt');
    expect(response.body).not.toContain('outside');
  });
});
