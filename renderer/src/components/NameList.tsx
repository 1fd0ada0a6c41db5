import { Fragment } from 'react';

/**
 * Names joined with " · ", each in its own <bdi>: a right-to-left name then
 * cannot pull its neighbours or the separators into its own direction
 * ("CK-2026-0001 · ئادىل · 李明" stays in that order).
 */
export function NameList({ names }: { names: readonly string[] }) {
  return (
    <>
      {names.map((name, i) => (
        <Fragment key={i}>
          {i > 0 ? ' · ' : null}
          <bdi>{name}</bdi>
        </Fragment>
      ))}
    </>
  );
}
