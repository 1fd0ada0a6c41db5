/** Lists are stored as JSON text columns; a damaged value reads as empty rather than crashing a screen. */
export function parseList(text: string | null | undefined): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function stringifyList(values: readonly string[] | undefined): string {
  return JSON.stringify(values ?? []);
}
