import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface DashboardSectionProps {
  title: string;
  count: number;
  /** What an empty section says, honestly. */
  empty: string;
  tone?: 'danger' | 'warning' | 'neutral';
  children: ReactNode;
  wide?: boolean;
}

/** A titled list with its count in the heading, or its empty state. */
export function DashboardSection({ title, count, empty, tone = 'neutral', children, wide }: DashboardSectionProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className={['dash-card', `dash-card--${count > 0 ? tone : 'neutral'}`, wide ? 'dash-card--wide' : null].filter(Boolean).join(' ')} aria-labelledby={id}>
      <h2 className="dash-card__title" id={id}>
        {t('dashboard.withCount', { title, count })}
      </h2>
      {count > 0 ? <ul className="dash-list">{children}</ul> : <p className="dash-card__empty">{empty}</p>}
    </section>
  );
}

interface DashboardItemProps {
  main: ReactNode;
  meta: ReactNode;
  aside?: ReactNode;
  onOpen: () => void;
}

/** One row that opens its record. */
export function DashboardItem({ main, meta, aside, onOpen }: DashboardItemProps) {
  return (
    <li>
      <button type="button" className="dash-item" onClick={onOpen}>
        <span className="dash-item__text">
          <span className="dash-item__main" dir="auto">
            {main}
          </span>
          <span className="dash-item__meta">{meta}</span>
        </span>
        {aside ? <span className="dash-item__aside">{aside}</span> : null}
      </button>
    </li>
  );
}
