import { AppError } from '../../../shared/errors';
import { auditRepository } from '../audit/audit.repository';
import type { DbOrTrx } from './context';

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `This ${what} no longer exists. It may have been deleted or erased; reload the list.`);
}

/**
 * Refuses an edit based on a stale version, naming who changed the record
 * and when, so the caseworker can compare before saving again.
 */
export async function assertCurrentVersion(
  db: DbOrTrx,
  what: string,
  entity: string,
  entityId: string,
  current: number,
  expected: number,
): Promise<void> {
  if (current === expected) return;
  const latest = await auditRepository.latestForEntity(db, entity, entityId);
  const by = latest ? ` by ${latest.actor || 'another caseworker'} at ${latest.at.slice(0, 16).replace('T', ' ')} UTC` : '';
  throw new AppError(
    'CONFLICT',
    `This ${what} was changed${by} after you opened it, so your edit was not saved. Review the current version, then make your change again.`,
  );
}
