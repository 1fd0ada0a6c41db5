import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { composeApp, type AppServices } from '../../electron/main/compose';
import { calibrateKdf, type KdfParams } from '../../electron/services/vault/kdf';

/**
 * Development/test-only host: serves the built renderer on loopback and
 * routes `window.api` to the same dispatch and services as Electron's main
 * process. Every API request must carry this run's random token. It is not
 * part of the packaged app (a test checks the production bundle).
 */
export interface TestHostOptions {
  rendererDir?: string;
  configDir: string;
  port?: number;
  kdfParams?: KdfParams;
  /** Shown in the welcome screen's path field. */
  defaultVaultFolder?: string;
}

export interface TestHost {
  /** Open this (it carries the token). */
  url: string;
  origin: string;
  token: string;
  services: AppServices;
  close(): Promise<void>;
}

// Evidence arrives base64-encoded in one request: 64 MiB of file is about 86 MiB of text.
const MAX_BODY_BYTES = 96 * 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};
const BRIDGE = readFileSync(join(__dirname, 'bridge.js'), 'utf8');

export async function startTestHost(options: TestHostOptions): Promise<TestHost> {
  const rendererDir = resolve(options.rendererDir ?? join(__dirname, '../../out/renderer'));
  if (!statSafe(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}. Run \`npm run build\` first.`);
  }
  const token = randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token);
  const eventStreams = new Set<ServerResponse>();
  const kdf = options.kdfParams ?? (await calibrateKdf());

  const services = composeApp({
    configDir: options.configDir,
    kdfParams: async () => kdf,
    app: {
      version: 'test-host',
      platform: process.platform,
      nativeDialogs: false,
      defaultVaultFolder: options.defaultVaultFolder ?? tmpdir(),
    },
    chooseVaultLocation: async () => null,
    // No native dialogs here. Its stand-in "save dialog" takes the path typed in the page's path
    // field (the renderer sends it as the suggested name) and issues the same one-time token as
    // Electron's, so the export channels are exercised exactly as in the app. Host only: Electron's
    // dialog always asks the caseworker.
    chooseSaveFile: async (suggestedName) => (suggestedName.trim() === '' ? null : suggestedName),
    emit: (event, payload) => {
      const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
      for (const stream of eventStreams) stream.write(frame);
    },
  });

  let expectedHost = '';
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS-rebinding guard: only our own loopback host name is served.
    if (req.headers.host !== expectedHost && req.headers.host !== expectedHost.replace('127.0.0.1', 'localhost')) {
      return send(res, 421, 'text/plain', 'wrong host');
    }
    const url = new URL(req.url ?? '/', `http://${expectedHost}`);
    if (url.pathname === '/__casekeeper/invoke') return invoke(req, res);
    if (url.pathname === '/__casekeeper/events') return events(url, res);
    if (url.pathname === '/__casekeeper/bridge.js') return send(res, 200, MIME['.js']!, BRIDGE);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    return serveStatic(url.pathname, res);
  }

  function tokenOk(candidate: string | undefined): boolean {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'method not allowed');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${expectedHost}` && origin !== `http://${expectedHost.replace('127.0.0.1', 'localhost')}`) {
      return send(res, 403, 'text/plain', 'forbidden');
    }
    const header = req.headers['x-casekeeper-token'];
    if (!tokenOk(Array.isArray(header) ? header[0] : header)) return send(res, 403, 'text/plain', 'forbidden');
    const body = await readBody(req);
    if (body === null) {
      return json(res, 413, { ok: false, error: { code: 'VALIDATION', message: 'The request is too large.' } });
    }
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch {
      return json(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The request was not valid JSON.' } });
    }
    const { channel, input } = (typeof message === 'object' && message !== null ? message : {}) as { channel?: unknown; input?: unknown };
    return json(res, 200, await services.dispatch(channel, input));
  }

  function events(url: URL, res: ServerResponse): void {
    if (!tokenOk(url.searchParams.get('token') ?? undefined)) return send(res, 403, 'text/plain', 'forbidden');
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    eventStreams.add(res);
    res.on('close', () => eventStreams.delete(res));
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([\\/])+/, '');
    const file = resolve(rendererDir, relative === '' ? 'index.html' : relative);
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return send(res, 404, 'text/plain', 'not found');
    const target = statSafe(file) ? file : join(rendererDir, 'index.html');
    let body: Buffer | string = readFileSync(target);
    if (target.endsWith('index.html')) {
      // The bridge must define window.api before the app's module script runs.
      body = body.toString('utf8').replace('<head>', '<head>\n    <script src="./__casekeeper/bridge.js"></script>');
    }
    send(res, 200, MIME[extname(target)] ?? 'application/octet-stream', body);
  }

  await new Promise<void>((ready) => server.listen(options.port ?? 0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;
  const origin = `http://${expectedHost}`;

  return {
    url: `${origin}/?ck-token=${token}`,
    origin,
    token,
    services,
    close: async () => {
      await services.session.lock('shutdown').catch(() => undefined);
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function statSafe(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => done(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
