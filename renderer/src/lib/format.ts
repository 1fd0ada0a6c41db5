import i18next from 'i18next';

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatMebibytes(kib: number): string {
  return new Intl.NumberFormat(i18next.language, { maximumFractionDigits: 0 }).format(kib / 1024);
}
