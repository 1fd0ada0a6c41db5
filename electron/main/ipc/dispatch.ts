import type { z } from 'zod';
import { contract, isChannel, type Channel, type ChannelInput, type ChannelOutput } from '../../../shared/ipc/contract';
import type { Envelope } from '../../../shared/ipc/envelope';
import { AppError, type AppErrorShape } from '../../../shared/errors';
import { toAppError } from '../../services/errors/to-app-error';

/**
 * Every channel's handler. Inputs arrive already validated and parsed; a
 * handler returns plain data that is validated again on the way out so a
 * service can never leak an unexpected field to the renderer.
 */
export type Handlers = {
  [C in Channel]: (input: z.output<(typeof contract)[C]['input']>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

export interface DispatchOptions {
  /** Called for failures that are not AppErrors, with the raw error; never sent to the renderer. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Envelope<unknown>>;

export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async function dispatch(channel: unknown, payload: unknown): Promise<Envelope<unknown>> {
    if (!isChannel(channel)) {
      return fail({ code: 'VALIDATION', message: 'That action is not available.' });
    }
    const parsed = contract[channel].input.safeParse(payload === undefined ? {} : payload);
    if (!parsed.success) {
      return fail({ code: 'VALIDATION', message: describeIssues(parsed.error.issues) });
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const result = await handler(parsed.data);
      const out = contract[channel].output.safeParse(result);
      if (!out.success) {
        options.onInternalError?.(channel, new Error(`output of ${channel} does not match the contract`));
        return fail(internal());
      }
      return { ok: true, data: out.data };
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL') options.onInternalError?.(channel, error);
      return fail({ code: appError.code, message: appError.message });
    }
  };
}

function fail(error: AppErrorShape): Envelope<never> {
  return { ok: false, error };
}

function internal(): AppErrorShape {
  return new AppError('INTERNAL', 'Something went wrong inside Casekeeper. Nothing was changed. Try again, and if it keeps happening, restart the app.').toJSON();
}

/** Field messages, without echoing the submitted values back (they may be secrets). */
/** Longest piece of a request echoed back in a refusal: a hostile key or path must not come back megabytes long. */
const MAX_ECHO = 80;
const clip = (text: string) => (text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text);

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? `${clip(issue.path.map(String).join('.'))}: ` : '';
    // zod names unknown keys in its message; name how many instead of echoing them.
    const message = issue.code === 'unrecognized_keys' ? `${issue.keys.length === 1 ? 'an unknown field' : `${issue.keys.length} unknown fields`} (${issue.keys.slice(0, 3).map(clip).join(', ')})` : clip(issue.message);
    return `${where}${message}`;
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return `The request was not valid. ${parts.join('; ')}${more}`;
}

export type { ChannelInput };
