import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

/**
 * Puts the strict CSP into the built index.html. The dev server is left
 * without it because Vite's hot reload injects inline scripts; in development
 * Electron's main process sends its own (slightly looser) header instead.
 */
export function cspPlugin(): Plugin {
  return {
    name: 'casekeeper-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
      ],
    },
  };
}
