/**
 * The caseworker's calendar day (local time) as YYYY-MM-DD. Due dates,
 * follow-ups, consent expiry and "opened on" all use it, so a date entered
 * as today is never "in the future" for someone east of UTC.
 */
export function localDay(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
