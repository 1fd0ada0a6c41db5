import { useId, type ReactNode } from 'react';

interface CardProps {
  title?: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
  /** Heading level for the title (default h2). */
  level?: 2 | 3;
}

/** A titled section; exposed as a region named by its title. */
export function Card({ title, description, children, className, level = 2 }: CardProps) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={['card', className].filter(Boolean).join(' ')} aria-labelledby={title ? id : undefined}>
      {title ? (
        <header className="card__header">
          <Heading className="card__title" id={id}>
            {title}
          </Heading>
          {description ? <p className="card__description">{description}</p> : null}
        </header>
      ) : null}
      {children}
    </section>
  );
}
