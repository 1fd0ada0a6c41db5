import { describe, expect, it } from 'vitest';
import type { App, Session, WebContents, WebFrameMain } from 'electron';
import {
  APP_ORIGIN,
  devContentSecurityPolicy,
  hardenAllWebContents,
  hardenSession,
  hardenWebContents,
  isTrustedSender,
  resolveDevRendererUrl,
  type OriginPolicy,
} from '../../../electron/main/security';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { asElectron, FakeEmitter, FakeEvent, FakeSession, FakeWebContents } from './fakes';

const packaged: OriginPolicy = { allowedOrigins: [APP_ORIGIN] };
const development: OriginPolicy = { allowedOrigins: [APP_ORIGIN, 'http://localhost:5173', 'ws://localhost:5173', 'devtools://devtools'] };

function hardenedSession(policy = packaged): FakeSession {
  const session = new FakeSession();
  hardenSession(asElectron<Session>(session), policy);
  return session;
}

function hardenedContents(policy = packaged): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(asElectron<WebContents>(contents), policy);
  return contents;
}

describe('the session a window runs in', () => {
  it('refuses every permission request: camera, location, notifications, anything', () => {
    const session = hardenedSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      const answers: boolean[] = [];
      session.permissionRequestHandler?.({}, permission, (granted: boolean) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
    }
  });

  it('answers every permission check and device request with no, but a clipboard write from the app', () => {
    const session = hardenedSession();
    expect(session.permissionCheckHandler?.(null, 'media', APP_ORIGIN, {})).toBe(false);
    expect(session.permissionCheckHandler?.(null, 'clipboard-read', APP_ORIGIN, {})).toBe(false);
    expect(session.permissionCheckHandler?.(null, 'clipboard-sanitized-write', APP_ORIGIN, {})).toBe(true);
    expect(session.permissionCheckHandler?.(null, 'clipboard-sanitized-write', 'https://example.org', {})).toBe(false);
    expect(session.devicePermissionHandler?.({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
  });

  it('lets the app page copy text (the recovery key), and no one read the clipboard', () => {
    const session = hardenedSession();
    const ask = (permission: string, requestingUrl: string): boolean[] => {
      const answers: boolean[] = [];
      session.permissionRequestHandler?.({}, permission, (granted: boolean) => answers.push(granted), { requestingUrl, isMainFrame: true });
      return answers;
    };
    expect(ask('clipboard-sanitized-write', `${APP_ORIGIN}/index.html`)).toEqual([true]);
    expect(ask('clipboard-read', `${APP_ORIGIN}/index.html`)).toEqual([false]);
    expect(ask('clipboard-sanitized-write', 'https://example.org/')).toEqual([false]);
  });

  it('cancels every request that leaves the app, whatever the scheme', () => {
    const session = hardenedSession();
    for (const url of [
      'https://example.org/',
      'http://127.0.0.1:9999/',
      'file:///etc/passwd',
      'ws://127.0.0.1:9999/',
      'app://elsewhere/index.html',
      'blob:https://example.org/6f1c',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(session.request(url), url).toEqual({ cancel: true });
    }
  });

  it("lets the app's own bundle load", () => {
    const session = hardenedSession();
    expect(session.request('app://casekeeper/index.html')).toEqual({ cancel: false });
    expect(session.request('app://casekeeper/assets/index-3f2a.js')).toEqual({ cancel: false });
    expect(session.request('blob:app://casekeeper/6f1c')).toEqual({ cancel: false });
  });

  it('in development allows the loopback dev server and its hot-reload socket, nothing else', () => {
    const session = hardenedSession(development);
    expect(session.request('http://localhost:5173/src/main.tsx')).toEqual({ cancel: false });
    expect(session.request('ws://localhost:5173/')).toEqual({ cancel: false });
    expect(session.request('http://localhost:5174/')).toEqual({ cancel: true });
    expect(session.request('https://fonts.googleapis.com/css')).toEqual({ cancel: true });
  });

  it('blocks downloads and turns the spellchecker off', () => {
    const session = hardenedSession();
    const download = new FakeEvent();
    session.emit('will-download', download, {}, {});
    expect(download.defaultPrevented).toBe(true);
    expect(session.spellChecker).toBe(false);
  });
});

describe('a window’s web contents', () => {
  it('cannot navigate to another origin, nor be redirected there', () => {
    const contents = hardenedContents();
    expect(contents.navigate('will-navigate', 'https://example.org/phish')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-redirect', 'http://127.0.0.1:9999/')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://casekeeper/index.html')).toBe(false);
  });

  it('cannot go to the dev server once packaged, but may in development', () => {
    expect(hardenedContents().navigate('will-navigate', 'http://localhost:5173/')).toBe(true);
    expect(hardenedContents(development).navigate('will-navigate', 'http://localhost:5173/')).toBe(false);
    expect(hardenedContents(development).navigate('will-navigate', 'ws://localhost:5173/')).toBe(true);
  });

  it('opens no new windows', () => {
    const contents = hardenedContents();
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://casekeeper/index.html' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const contents = hardenedContents();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('is hardened for every web contents the app creates', () => {
    const app = new FakeEmitter();
    hardenAllWebContents(asElectron<App>(app), packaged);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', new FakeEvent(), contents);
    expect(contents.navigate('will-navigate', 'https://example.org/')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });
});

describe('who may call IPC', () => {
  const frame = (url: string, parent: unknown = null) => asElectron<WebFrameMain>({ url, parent });

  it("answers the app's own top frame", () => {
    expect(isTrustedSender(frame('app://casekeeper/index.html'), packaged)).toBe(true);
  });

  it('refuses other origins, sub-frames, missing and destroyed frames', () => {
    expect(isTrustedSender(frame('https://example.org/'), packaged)).toBe(false);
    expect(isTrustedSender(frame('file:///tmp/evil.html'), packaged)).toBe(false);
    expect(isTrustedSender(frame('app://casekeeper/index.html', frame('app://casekeeper/index.html')), packaged)).toBe(false);
    expect(isTrustedSender(null, packaged)).toBe(false);
    const destroyed = asElectron<WebFrameMain>({
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    });
    expect(isTrustedSender(destroyed, packaged)).toBe(false);
  });
});

describe('the development renderer URL', () => {
  it('is ignored by a packaged app, whatever the environment says', () => {
    expect(resolveDevRendererUrl('http://localhost:5173/', true)).toBeNull();
  });

  it('must be a loopback http server', () => {
    expect(resolveDevRendererUrl('http://localhost:5173/', false)?.origin).toBe('http://localhost:5173');
    expect(resolveDevRendererUrl(undefined, false)).toBeNull();
    expect(() => resolveDevRendererUrl('https://example.org/', false)).toThrow(/loopback/);
    expect(() => resolveDevRendererUrl('http://192.168.1.5:5173/', false)).toThrow(/loopback/);
  });

  it('gets a CSP that allows only what hot reload needs', () => {
    const csp = devContentSecurityPolicy(CONTENT_SECURITY_POLICY, 'http://localhost:5173');
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self' ws://localhost:5173");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
