import { describe, expect, it } from 'vitest';
import { type IdleState, watchLinuxScreenLock } from '../../../electron/main/screen-lock';

/** A hand-driven interval: tick() runs the callback as the timer would. */
function fakeTimer() {
  let callback: (() => void) | null = null;
  let cleared = false;
  let unrefed = false;
  return {
    setInterval: (fn: () => void) => {
      callback = fn;
      return { unref: () => (unrefed = true) };
    },
    clearInterval: () => {
      cleared = true;
    },
    tick: () => {
      if (!cleared) callback?.();
    },
    get started() {
      return callback !== null;
    },
    get cleared() {
      return cleared;
    },
    get unrefed() {
      return unrefed;
    },
  };
}

describe('locking the vault when a Linux desktop locks its screen', () => {
  it('locks once when the screen locks, and again after it was unlocked and locked anew', () => {
    const timer = fakeTimer();
    const states: IdleState[] = ['active', 'idle', 'locked', 'locked', 'active', 'locked'];
    let locks = 0;
    watchLinuxScreenLock({ platform: 'linux', idleState: () => states.shift() ?? 'active', onScreenLocked: () => (locks += 1), ...timer });
    const seen: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      timer.tick();
      seen.push(locks);
    }
    expect(seen).toEqual([0, 0, 1, 1, 1, 2]);
    expect(timer.unrefed).toBe(true);
  });

  it("does not poll on macOS or Windows, where Electron's own lock-screen event is used", () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const timer = fakeTimer();
      watchLinuxScreenLock({ platform, idleState: () => 'locked', onScreenLocked: () => undefined, ...timer });
      expect(timer.started, platform).toBe(false);
    }
  });

  it('stops asking when the desktop cannot answer, without throwing', () => {
    const timer = fakeTimer();
    let asked = 0;
    watchLinuxScreenLock({
      platform: 'linux',
      idleState: () => {
        asked += 1;
        throw new Error('no idle query here');
      },
      onScreenLocked: () => undefined,
      ...timer,
    });
    expect(() => timer.tick()).not.toThrow();
    timer.tick();
    expect(asked).toBe(1);
    expect(timer.cleared).toBe(true);
  });

  it('can be stopped', () => {
    const timer = fakeTimer();
    let locks = 0;
    const stop = watchLinuxScreenLock({ platform: 'linux', idleState: () => 'locked', onScreenLocked: () => (locks += 1), ...timer });
    stop();
    timer.tick();
    expect(locks).toBe(0);
  });
});
