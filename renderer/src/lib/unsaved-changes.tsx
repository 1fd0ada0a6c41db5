import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';

/**
 * Unsaved-changes guard. Forms report whether they are dirty with
 * `useUnsavedChanges(dirty)`; anything that navigates away (sidebar, case
 * tabs, closing a case) wraps the move in `guard(() => …)`, which asks first
 * when a form has unsaved changes.
 */
interface GuardContext {
  setDirty(id: string, dirty: boolean): void;
  guard(action: () => void): void;
}

const Context = createContext<GuardContext | null>(null);

export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const dirtyForms = useRef(new Set<string>());
  const [pending, setPending] = useState<(() => void) | null>(null);

  const value = useMemo<GuardContext>(
    () => ({
      setDirty(id, dirty) {
        if (dirty) dirtyForms.current.add(id);
        else dirtyForms.current.delete(id);
      },
      guard(action) {
        if (dirtyForms.current.size === 0) action();
        else setPending(() => action);
      },
    }),
    [],
  );

  return (
    <Context.Provider value={value}>
      {children}
      <Dialog
        open={pending !== null}
        title={t('unsaved.title')}
        onClose={() => setPending(null)}
        footer={
          <>
            <Button variant="secondary" onClick={() => setPending(null)}>
              {t('unsaved.keepEditing')}
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                const action = pending;
                dirtyForms.current.clear();
                setPending(null);
                action?.();
              }}
            >
              {t('unsaved.discard')}
            </Button>
          </>
        }
      >
        <p>{t('unsaved.body')}</p>
      </Dialog>
    </Context.Provider>
  );
}

/** Marks this form as having unsaved changes while `dirty` is true. */
export function useUnsavedChanges(dirty: boolean): void {
  const context = useContext(Context);
  const id = useId();
  useEffect(() => {
    context?.setDirty(id, dirty);
    return () => context?.setDirty(id, false);
  }, [context, id, dirty]);
}

/** Runs `action` now, or after the user agrees to discard unsaved changes. */
export function useGuard(): (action: () => void) => void {
  const context = useContext(Context);
  return useCallback((action: () => void) => (context ? context.guard(action) : action()), [context]);
}
