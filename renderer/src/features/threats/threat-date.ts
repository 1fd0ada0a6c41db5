import i18next, { type TFunction } from 'i18next';
import type { DatePrecision } from '../../../../shared/domain/enums';
import { formatDay } from '../cases/labels';

/** A threat's date as precise as it is known: a day, a month, a year, "c. 2025", or "from … to …". */
export function formatThreatDate(t: TFunction, threat: { datePrecision: DatePrecision; occurredFrom: string; occurredTo: string | null }): string {
  const year = threat.occurredFrom.slice(0, 4);
  switch (threat.datePrecision) {
    case 'exact':
      return formatDay(threat.occurredFrom);
    case 'month': {
      const date = new Date(`${threat.occurredFrom.slice(0, 7)}-01T00:00:00Z`);
      return Number.isNaN(date.getTime()) ? threat.occurredFrom : new Intl.DateTimeFormat(i18next.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
    }
    case 'year':
      return year;
    case 'approximate':
      return t('threats.date.approximate', { year });
    case 'range':
      return t('threats.date.range', { from: formatDay(threat.occurredFrom), to: formatDay(threat.occurredTo) });
    default: {
      const unreachable: never = threat.datePrecision;
      return unreachable;
    }
  }
}
