import type { SearchHit, SearchKind } from '../../../../shared/ipc/insights-contract';
import type { CaseTab } from '../cases/CaseTabs';

/** Which case tab shows a record of this kind. */
export function tabForKind(kind: SearchKind): CaseTab {
  switch (kind) {
    case 'case':
    case 'client':
      return 'overview';
    case 'contact':
      return 'contacts';
    case 'threat':
      return 'threats';
    case 'referral':
      return 'referrals';
    case 'note':
      return 'notes';
    case 'evidence':
      return 'evidence';
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** The case a hit belongs to (a case hit is its own case); null when the record is not on one case. */
export function caseIdOf(hit: SearchHit): string | null {
  return hit.caseId ?? (hit.kind === 'case' ? hit.id : null);
}
