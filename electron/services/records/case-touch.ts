import type { DbOrTrx } from './context';

/**
 * A change to anything inside a case (a threat, a note…) moves the case's
 * updated_at, so "recently updated" lists show it; the case's own version
 * is left alone, since its fields did not change.
 */
export async function touchCases(db: DbOrTrx, caseIds: readonly string[], at: string): Promise<void> {
  if (caseIds.length === 0) return;
  await db.updateTable('case_file').set({ updated_at: at }).where('id', 'in', [...caseIds]).execute();
}
