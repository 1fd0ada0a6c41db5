import type { ReactNode } from 'react';

export interface NavItem<K extends string> {
  key: K;
  label: string;
  icon?: ReactNode;
}

interface NavProps<K extends string> {
  label: string;
  items: ReadonlyArray<NavItem<K>>;
  current: K;
  onSelect: (key: K) => void;
}

export function Nav<K extends string>({ label, items, current, onSelect }: NavProps<K>) {
  return (
    <nav aria-label={label} className="nav">
      <ul className="nav__list">
        {items.map((item) => (
          <li key={item.key}>
            <button
              type="button"
              className="nav__item"
              aria-current={item.key === current ? 'page' : undefined}
              onClick={() => onSelect(item.key)}
            >
              {item.icon ? (
                <span className="nav__icon" aria-hidden="true">
                  {item.icon}
                </span>
              ) : null}
              <span>{item.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
