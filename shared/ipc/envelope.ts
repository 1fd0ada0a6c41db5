import type { AppErrorShape } from '../errors';

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

/** The surface the preload (or the browser test host's bridge) puts on `window.api`. */
export interface WindowApi {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** Returns an unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
