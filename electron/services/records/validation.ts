import type { z } from 'zod';
import { AppError } from '../../../shared/errors';

/**
 * Inputs from the CLI and import have not passed the IPC boundary: services
 * check them with the same schemas. `what` names the record in the message
 * ("The threat was not saved. …").
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const parts = parsed.error.issues.slice(0, 5).map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
  throw new AppError('VALIDATION', `The ${what} was not saved. ${parts.join('; ')}`);
}
