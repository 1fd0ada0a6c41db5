import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export const CASE_TABS = ['overview', 'threats', 'contacts', 'referrals', 'consent', 'notes', 'tasks', 'evidence', 'history'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

interface CaseTabsProps {
  label: string;
  current: CaseTab;
  labelOf: (tab: CaseTab) => string;
  onSelect: (tab: CaseTab) => void;
  children: ReactNode;
}

/** WAI-ARIA tabs: one tab stop, arrow keys / Home / End move between tabs. */
export function CaseTabs({ label, current, labelOf, onSelect, children }: CaseTabsProps) {
  const base = useId();
  const refs = useRef(new Map<CaseTab, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = CASE_TABS.indexOf(current);
    const next =
      event.key === 'ArrowRight' ? CASE_TABS[(index + 1) % CASE_TABS.length]
      : event.key === 'ArrowLeft' ? CASE_TABS[(index - 1 + CASE_TABS.length) % CASE_TABS.length]
      : event.key === 'Home' ? CASE_TABS[0]
      : event.key === 'End' ? CASE_TABS[CASE_TABS.length - 1]
      : undefined;
    if (!next) return;
    event.preventDefault();
    refs.current.get(next)?.focus();
    onSelect(next);
  }

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tabs__list" onKeyDown={onKeyDown}>
        {CASE_TABS.map((tab) => (
          <button
            key={tab}
            ref={(node) => {
              if (node) refs.current.set(tab, node);
              else refs.current.delete(tab);
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab}`}
            aria-selected={tab === current}
            aria-controls={`${base}-panel`}
            tabIndex={tab === current ? 0 : -1}
            className="tabs__tab"
            onClick={() => onSelect(tab)}
          >
            {labelOf(tab)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${current}`} className="tabs__panel" tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
