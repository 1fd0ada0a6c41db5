import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'focus'] as const;
/** Main runs its own backstop timer; tell it the user is here at most this often. */
export const ACTIVITY_PING_INTERVAL_MS = 30_000;

interface IdleLockOptions {
  enabled: boolean;
  minutes: number;
  onIdle: () => void;
  onActivityPing: () => void;
}

/**
 * Locks after `minutes` without keyboard, pointer, wheel or focus activity.
 * Uses Date.now and setTimeout only (so tests can drive it with a fake
 * clock) and re-arms one timer lazily instead of on every mouse move.
 */
export function useIdleLock({ enabled, minutes, onIdle, onActivityPing }: IdleLockOptions): void {
  const callbacks = useRef({ onIdle, onActivityPing });
  callbacks.current = { onIdle, onActivityPing };

  useEffect(() => {
    if (!enabled) return;
    const limit = minutes * 60_000;
    let lastActivity = Date.now();
    let lastPing = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let fired = false;

    const check = () => {
      const idleFor = Date.now() - lastActivity;
      if (idleFor >= limit) {
        fired = true;
        callbacks.current.onIdle();
      } else {
        timer = setTimeout(check, limit - idleFor);
      }
    };
    const onActivity = () => {
      if (fired) return;
      lastActivity = Date.now();
      if (lastActivity - lastPing >= ACTIVITY_PING_INTERVAL_MS) {
        lastPing = lastActivity;
        callbacks.current.onActivityPing();
      }
    };

    timer = setTimeout(check, limit);
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      if (timer) clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [enabled, minutes]);
}
