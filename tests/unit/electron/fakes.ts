import { vi } from 'vitest';

/**
 * Small stand-ins for Electron objects that record what the shell sets on
 * them, so tests can call the recorded handlers as Electron would.
 */

type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeSession extends FakeEmitter {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  spellChecker = true;
  beforeRequest: Listener | null = null;
  headersReceived: Listener | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: Listener) => {
      this.beforeRequest = listener;
    },
    onHeadersReceived: (listener: Listener) => {
      this.headersReceived = listener;
    },
  };

  setPermissionRequestHandler(handler: Listener): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener): void {
    this.devicePermissionHandler = handler;
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellChecker = enabled;
  }

  /** What onBeforeRequest answers for a URL. */
  request(url: string): { cancel?: boolean } {
    let answer: { cancel?: boolean } | undefined;
    this.beforeRequest?.({ url, method: 'GET', resourceType: 'mainFrame' }, (response: { cancel?: boolean }) => {
      answer = response;
    });
    if (!answer) throw new Error('onBeforeRequest did not answer');
    return answer;
  }
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: Listener | null = null;
  readonly send = vi.fn();

  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }

  /** Fires a navigation-like event the way Electron 45 does and reports whether it was blocked. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    const details = new FakeEvent(url);
    this.emit(event, details, url, false, true);
    return details.defaultPrevented;
  }
}

export function asElectron<T>(fake: unknown): T {
  return fake as T;
}
