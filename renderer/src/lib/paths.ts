/** Path helpers for display only; main resolves paths itself. */
export function separatorOf(path: string): '/' | '\\' {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

export function joinPath(folder: string, name: string): string {
  if (!folder) return name;
  const sep = separatorOf(folder);
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

export function vaultNameOf(path: string): string {
  const base = path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? path;
  return base.toLowerCase().endsWith('.ckvault') ? base.slice(0, -'.ckvault'.length) : base;
}
