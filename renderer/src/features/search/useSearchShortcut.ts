import { useEffect, useRef } from 'react';

/**
 * Ctrl+K (⌘K on a Mac) opens search from anywhere in the unlocked app,
 * unless another modal dialog is already open (it owns the keyboard then).
 */
export function useSearchShortcut(isMac: boolean, onOpen: () => void): void {
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const modifier = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
      if (!modifier || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'k') return;
      event.preventDefault();
      if (document.querySelector('dialog[open]')) return;
      onOpenRef.current();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [isMac]);
}
