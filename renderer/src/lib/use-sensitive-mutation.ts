import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import { asAppError } from './api';

interface RunCallbacks<TOut> {
  onSuccess?: (data: TOut) => void;
  onSettled?: () => void;
}

export interface SensitiveMutation<TIn, TOut> {
  run(input: TIn, callbacks?: RunCallbacks<TOut>): void;
  isPending: boolean;
  error: AppError | null;
  succeeded: boolean;
  /** Forget the last outcome (e.g. hide a success message when the user types again). */
  clear(): void;
}

/**
 * A mutation whose input holds secrets (passphrases, recovery keys).
 * react-query keeps a mutation's variables and result in its cache; this
 * keeps only the outcome and resets the mutation as soon as it settles, so
 * the secret is not retained by the cache (gcTime 0 removes it at once).
 */
export function useSensitiveMutation<TIn, TOut>(mutationFn: (input: TIn) => Promise<TOut>): SensitiveMutation<TIn, TOut> {
  const mutation = useMutation({ mutationFn, gcTime: 0 });
  const [outcome, setOutcome] = useState<{ error: AppError | null; succeeded: boolean }>({ error: null, succeeded: false });
  const { mutate, reset } = mutation;

  const run = useCallback(
    (input: TIn, callbacks?: RunCallbacks<TOut>) => {
      setOutcome({ error: null, succeeded: false });
      mutate(input, {
        onSuccess: (data) => {
          setOutcome({ error: null, succeeded: true });
          callbacks?.onSuccess?.(data);
        },
        onError: (error) => setOutcome({ error: asAppError(error), succeeded: false }),
        onSettled: () => {
          reset();
          callbacks?.onSettled?.();
        },
      });
    },
    [mutate, reset],
  );

  return {
    run,
    isPending: mutation.isPending,
    error: outcome.error,
    succeeded: outcome.succeeded,
    clear: useCallback(() => setOutcome({ error: null, succeeded: false }), []),
  };
}
