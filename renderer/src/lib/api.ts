import { AppError, ERROR_CODES, type ErrorCode } from '../../../shared/errors';
import type { Channel, ChannelInput, ChannelOutput, EventChannel, EventPayload } from '../../../shared/ipc/contract';
import type { WindowApi } from '../../../shared/ipc/envelope';

// `window.api` is declared in shared/ipc/window-api.d.ts; it can still be
// missing at run time if the preload failed, so check before use.
function windowApi(): WindowApi {
  if (!(window as { api?: WindowApi }).api) {
    throw new AppError('INTERNAL', 'Casekeeper could not reach its background service. Restart the app.');
  }
  return window.api;
}

function toErrorCode(code: unknown): ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
}

/**
 * The renderer's only way to reach the vault: calls one contract channel and
 * unwraps the envelope. A failure becomes an AppError with the code and the
 * caseworker-facing message main sent.
 */
export async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await windowApi().invoke(channel, input);
  if (envelope.ok) return envelope.data as ChannelOutput<C>;
  throw new AppError(toErrorCode(envelope.error?.code), String(envelope.error?.message ?? ''));
}

/** Subscribes to an event pushed by main. Returns the unsubscribe function. */
export function onEvent<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return windowApi().on(event, (payload) => listener(payload as EventPayload<E>));
}

/** Whatever was thrown, as an AppError (unexpected errors keep no detail). */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('INTERNAL', '');
}
