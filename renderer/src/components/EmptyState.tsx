import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: ReactNode;
  children: ReactNode;
  icon?: ReactNode;
}

export function EmptyState({ title, children, icon }: EmptyStateProps) {
  return (
    <div className="empty-state">
      {icon ? (
        <div className="empty-state__icon" aria-hidden="true">
          {icon}
        </div>
      ) : null}
      <h2 className="empty-state__title">{title}</h2>
      <div className="empty-state__text">{children}</div>
    </div>
  );
}
