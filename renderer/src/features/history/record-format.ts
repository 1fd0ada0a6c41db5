import i18next from 'i18next';
import type { ConflictField } from '../../components/ConflictNotice';

/**
 * Formatting shared by the case record sections (evidence, referrals,
 * consent, notes, tasks, history). Dates are ISO days (2026-11-28) in the
 * vault; they are shown in the UI language.
 */

/** Day-month-year order for English: caseworkers are international, and "28 Nov 2026" is unambiguous. */
function locale(): string {
  return i18next.language === 'en' ? 'en-GB' : i18next.language;
}

/** Today as an ISO day in local time (the services use local days too). */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** "28 Nov 2026" for an ISO day; the raw text if it is not one. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** "28 Nov 2026 14:02" for an instant. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
  const time = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  return `${day} ${time}`;
}

/** A local date-time for <input type="datetime-local"> (minutes precision). */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/**
 * For a CONFLICT: the fields where the saved record now differs from what
 * the user typed, as the ConflictNotice shows them.
 */
export function conflictFields<T extends Record<string, unknown>>(
  mine: T,
  saved: T,
  labels: Partial<Record<keyof T, string>>,
  show: (value: unknown, field: keyof T) => string = (value) => (value === null || value === undefined ? '' : String(value)),
): ConflictField[] {
  const fields: ConflictField[] = [];
  for (const key of Object.keys(labels) as (keyof T)[]) {
    const a = show(mine[key], key);
    const b = show(saved[key], key);
    if (a !== b) fields.push({ label: labels[key] ?? String(key), mine: a, theirs: b });
  }
  return fields;
}
