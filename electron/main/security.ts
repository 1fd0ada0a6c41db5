import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { App, Session, WebContents, WebFrameMain } from 'electron';

/**
 * The shell's security policy as plain functions over Electron objects, so
 * each rule can be unit-tested with fakes. Casekeeper makes no network
 * connections: the only content a window may load is its own bundle.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'casekeeper';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface OriginPolicy {
  /** Lower-case `scheme://host[:port]` origins that may be requested (app://casekeeper, and in development the dev server). */
  allowedOrigins: readonly string[];
}

/** `scheme://host[:port]` of a URL, also for non-special schemes such as app: (where URL.origin is "null"). */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

function hasAllowedOrigin(url: string, policy: OriginPolicy): boolean {
  const origin = originOf(url);
  return origin !== null && policy.allowedOrigins.includes(origin);
}

/** Whether a request from the renderer may proceed; everything else is cancelled. */
export function isAllowedRequest(url: string, policy: OriginPolicy): boolean {
  // data: never touches the network; blob: is allowed only when minted by an allowed origin.
  if (url.startsWith('data:')) return true;
  if (url.startsWith('blob:')) return hasAllowedOrigin(url.slice('blob:'.length), policy);
  return hasAllowedOrigin(url, policy);
}

/** Whether a top-level document may be at this URL: the app bundle (or the dev server), never ws:/devtools:. */
export function isAppDocument(url: string, policy: OriginPolicy): boolean {
  const origin = originOf(url);
  if (origin === null || !policy.allowedOrigins.includes(origin)) return false;
  return origin.startsWith(`${APP_SCHEME}:`) || origin.startsWith('http:');
}

/**
 * The one permission the app uses: writing plain text to the clipboard
 * (navigator.clipboard.writeText behind the recovery key's and other copy
 * buttons), asked by the app's own page. Reading the clipboard stays denied.
 */
export const CLIPBOARD_WRITE_PERMISSION = 'clipboard-sanitized-write';

export function isGrantedPermission(permission: string, requestingUrl: string | undefined, policy: OriginPolicy): boolean {
  return permission === CLIPBOARD_WRITE_PERMISSION && requestingUrl !== undefined && isAppDocument(requestingUrl, policy);
}

/** Deny every permission but clipboard writes from the app, block every download, cancel every request outside the app's own origins. */
export function hardenSession(session: Session, policy: OriginPolicy): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(details.isMainFrame !== false && isGrantedPermission(permission, details.requestingUrl, policy));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isGrantedPermission(permission, requestingOrigin, policy));
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.on('will-download', (event) => event.preventDefault());
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, policy) });
  });
}

/** No navigation away from the app, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents, policy: OriginPolicy): void {
  const stayInApp = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppDocument(event.url, policy)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Applies hardenWebContents to every web contents the app ever creates (windows, devtools, anything later). */
export function hardenAllWebContents(app: Pick<App, 'on'>, policy: OriginPolicy): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy));
}

/** IPC is answered only for the top frame of a document served by the app itself. */
export function isTrustedSender(frame: WebFrameMain | null | undefined, policy: OriginPolicy): boolean {
  if (!frame) return false;
  try {
    return frame.parent === null && isAppDocument(frame.url, policy);
  } catch {
    return false; // a destroyed frame throws on access
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * electron-vite's dev server URL, only when running unpackaged. A packaged app
 * ignores the variable: otherwise anyone who can set an environment variable
 * could point the window at their own page with window.api attached.
 */
export function resolveDevRendererUrl(raw: string | undefined, isPackaged: boolean): URL | null {
  if (isPackaged || !raw) return null;
  const url = new URL(raw);
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error('ELECTRON_RENDERER_URL must be a loopback http:// URL (the local Vite dev server).');
  }
  return url;
}

/**
 * The CSP for the Vite dev server: hot reload needs an inline preamble, inline
 * styles and a WebSocket back to the dev server. Never used when packaged.
 */
export function devContentSecurityPolicy(base: string, devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return base
    .split(';')
    .map((directive) => directive.trim())
    .map((directive) => {
      if (directive.startsWith('script-src ') || directive.startsWith('style-src ')) return `${directive} 'unsafe-inline'`;
      if (directive.startsWith('connect-src ')) return `${directive} ${ws}`;
      return directive;
    })
    .join('; ');
}

/** Replaces any CSP on responses from `origin` with ours (used for the dev server only). */
export function applyCspHeader(session: Session, origin: string, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (originOf(details.url) !== origin) return callback({});
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export interface AppProtocolOptions {
  /** The built renderer folder (out/renderer). */
  root: string;
  csp: string;
  read?: (file: string) => Promise<Uint8Array>;
}

/**
 * Serves the built renderer for app://casekeeper/…, never a byte from outside
 * `root` (percent-encoded ../ and backslashes included), always with the CSP.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const root = resolve(options.root);
  const read = options.read ?? readFile;
  const plain = (status: number, text: string): Response =>
    new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': options.csp } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    let url: URL;
    let pathname: string;
    try {
      url = new URL(request.url);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return plain(400, 'Bad request');
    }
    if (url.host !== APP_HOST) return plain(404, 'Not found');
    if (pathname.includes('\0') || pathname.includes('\\')) return plain(403, 'Forbidden');
    const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    if (!file.startsWith(root + sep)) return plain(403, 'Forbidden');

    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return plain(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': options.csp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  };
}
