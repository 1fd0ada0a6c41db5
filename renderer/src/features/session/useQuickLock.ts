import { useEffect, useRef } from 'react';

/** Ctrl+L (⌘L on macOS) locks from anywhere while the vault is open. */
export function useQuickLock(enabled: boolean, isMac: boolean, onLock: () => void): void {
  const onLockRef = useRef(onLock);
  onLockRef.current = onLock;

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const modifier = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
      if (modifier && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        event.stopPropagation();
        onLockRef.current();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [enabled, isMac]);
}

export function isMacPlatform(platform: string | undefined): boolean {
  if (platform) return platform === 'darwin';
  return /Mac/i.test(navigator.userAgent);
}
