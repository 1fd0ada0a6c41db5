import type { WindowApi } from './envelope';

/**
 * `window.api`, put there by electron/preload/index.ts (or by the browser
 * test host's bridge). The renderer's typed client is its only user.
 */
declare global {
  interface Window {
    readonly api: WindowApi;
  }
}

export {};
