import { pathToFileURL } from 'node:url';

/**
 * Files inside installed packages (pdf.js, the packet fonts), found the same
 * way however this code is loaded. `require` exists in all of them: the
 * bundled main process (CommonJS), tsx for the CLI, Playwright's transform
 * for the test host, and Vitest's module wrapper. `import.meta` does not:
 * code compiled to CommonJS cannot even parse it.
 */
export function resolvePackageFile(specifier: string): string {
  return require.resolve(specifier);
}

/** Imports an ES module file by absolute path (a file URL, so no loader rewrites it into require()). */
export async function importModuleFile<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(path).href)) as T;
}
