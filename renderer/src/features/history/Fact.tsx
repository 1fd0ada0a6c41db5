import type { ReactNode } from 'react';

/** One labelled fact of a record (inside a <dl className="record__facts">). */
export function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={['fact', wide ? 'fact--wide' : null].filter(Boolean).join(' ')}>
      <dt className="fact__label">{label}</dt>
      <dd className="fact__value">{children}</dd>
    </div>
  );
}
