/**
 * Locks the vault when the computer's screen locks, on Linux too.
 *
 * Electron's powerMonitor 'lock-screen' event exists on macOS and Windows
 * only. On Linux, Chromium answers getSystemIdleState() with 'locked' when the
 * desktop's screen saver reports itself active over D-Bus (GNOME, KDE and the
 * other org.freedesktop.ScreenSaver desktops), so the state is polled there.
 * A desktop that reports nothing never reads 'locked': inactivity auto-lock and
 * sleep still lock the vault (Settings says so next to auto-lock).
 */

export type IdleState = 'active' | 'idle' | 'locked' | 'unknown';

export interface ScreenLockWatch {
  platform: NodeJS.Platform;
  /** powerMonitor.getSystemIdleState with a threshold; only 'locked' matters here. */
  idleState: () => IdleState;
  onScreenLocked: () => void;
  intervalMs?: number;
  setInterval?: (callback: () => void, ms: number) => { unref?: () => unknown };
  clearInterval?: (timer: never) => void;
}

/** Seconds of inactivity Chromium needs to say 'idle'; irrelevant to 'locked', which it reports first. */
export const IDLE_THRESHOLD_SECONDS = 60;
export const SCREEN_LOCK_POLL_MS = 5_000;

/** Starts polling on Linux; returns a stop function (a no-op elsewhere, where the 'lock-screen' event does the work). */
export function watchLinuxScreenLock(watch: ScreenLockWatch): () => void {
  if (watch.platform !== 'linux') return () => undefined;
  const set = watch.setInterval ?? setInterval;
  const clear = (watch.clearInterval ?? clearInterval) as (timer: unknown) => void;
  let wasLocked = false;
  const timer = set(() => {
    let locked: boolean;
    try {
      locked = watch.idleState() === 'locked';
    } catch {
      clear(timer); // this Electron cannot tell: stop asking rather than throw every few seconds
      return;
    }
    // Once per lock: the vault is already locked while the screen stays locked.
    if (locked && !wasLocked) watch.onScreenLocked();
    wasLocked = locked;
  }, watch.intervalMs ?? SCREEN_LOCK_POLL_MS);
  timer.unref?.(); // never keeps the app alive on its own
  return () => clear(timer);
}
