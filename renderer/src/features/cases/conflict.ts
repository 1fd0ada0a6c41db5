import type { ConflictField } from '../../components/ConflictNotice';

export interface ConflictState {
  message: string;
  fields: ConflictField[];
}

/** The fields where what is saved now differs from what the user typed. */
export function differingFields(entries: ConflictField[]): ConflictField[] {
  return entries.filter((entry) => entry.mine !== entry.theirs);
}
