import type { ReactNode } from 'react';

export type Tone = 'info' | 'success' | 'warning' | 'danger';

interface AlertProps {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  /**
   * 'alert' interrupts (errors); 'status' is announced politely (confirmations,
   * notices); 'none' is a static callout read in document order.
   */
  live?: 'alert' | 'status' | 'none';
  className?: string;
}

const ICONS: Record<Tone, string> = { info: 'i', success: '✓', warning: '!', danger: '!' };

export function Alert({ tone = 'info', title, children, live = 'none', className }: AlertProps) {
  const role = live === 'none' ? undefined : live;
  return (
    <div className={['alert', `alert--${tone}`, className].filter(Boolean).join(' ')} role={role}>
      <span className="alert__icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      <div className="alert__body">
        {title ? <p className="alert__title">{title}</p> : null}
        {children ? <div className="alert__text">{children}</div> : null}
      </div>
    </div>
  );
}
