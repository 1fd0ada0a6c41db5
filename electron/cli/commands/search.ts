import { Option, type Command } from 'commander';
import type { SearchResult } from '../../../shared/ipc/insights-contract';
import type { VaultDeps } from '../../services/vault/vault.service';
import { EXIT_CODES_SHORT_HELP } from '../help-text';
import { kdfParamsSource, positiveInteger } from '../kdf-options';
import { readPassphrase } from '../passphrase-input';

interface SearchOptions {
  passphraseFile?: string;
  json?: boolean;
  limit?: number;
}

const KIND_LABELS: Record<SearchResult['groups'][number]['kind'], string> = {
  case: 'Cases',
  client: 'Clients',
  contact: 'Contacts',
  threat: 'Threats',
  referral: 'Referrals',
  note: 'Notes',
  evidence: 'Evidence',
};

export function registerSearchCommand(program: Command): void {
  program
    .command('search <vault> <query>')
    .description('search cases, clients, contacts, threats, referrals, notes and evidence file names (prints matching records: handle the output as case data)')
    .option('--json', 'print the result as JSON')
    .addOption(new Option('--limit <n>', 'results per kind (1–50, default 8)').argParser(positiveInteger))
    .addOption(new Option('--passphrase-file <file>', 'read the passphrase from the first line of FILE (else $CASEKEEPER_PASSPHRASE, else ask)'))
    .addHelpText('after', `\n${EXIT_CODES_SHORT_HELP}\n`)
    .action(async (vault: string, query: string, options: SearchOptions) => {
      await searchCommand(vault, query, options);
    });
}

export async function searchCommand(typedPath: string, query: string, options: SearchOptions, out: (text: string) => void = (t) => process.stdout.write(`${t}\n`)): Promise<SearchResult> {
  const { AppError } = await import('../../../shared/errors');
  const limit = options.limit ?? 8;
  if (limit > 50) throw new AppError('VALIDATION', 'Use a --limit from 1 to 50.');
  if (query.length > 200) throw new AppError('VALIDATION', 'Keep the search under 200 characters.');
  const { locateVault, statOrNull, withVaultExtension } = await import('../../services/vault/vault-files');
  const withExtension = withVaultExtension(typedPath);
  const folder = locateVault(!statOrNull(typedPath) && statOrNull(withExtension) ? withExtension : typedPath).folder;
  const passphrase = await readPassphrase(options.passphraseFile);
  const service = await import('../../services/vault/vault.service');
  const { searchVault } = await import('../../services/search/search.service');
  const deps: VaultDeps = { kdfParams: await kdfParamsSource({}) };
  const vault = await service.unlockVault(folder, passphrase, deps);
  try {
    const result = await searchVault(vault.db, query, limit);
    out(options.json ? JSON.stringify(result, null, 2) : formatResult(result));
    return result;
  } finally {
    service.closeVault(vault);
  }
}

/** Matches in [brackets], so they show without a terminal's colours. */
function formatResult(result: SearchResult): string {
  if (result.groups.length === 0) return `No matches for "${result.query}".`;
  const text = (parts: SearchResult['groups'][number]['hits'][number]['title']) => parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');
  const lines: string[] = [];
  for (const group of result.groups) {
    lines.push(`${KIND_LABELS[group.kind]}${group.more ? ` (first ${group.hits.length}; more match)` : ''}`);
    for (const hit of group.hits) {
      const snippet = text(hit.snippet);
      lines.push(`  ${hit.caseCode ?? '–'}  ${text(hit.title)}${snippet ? `  — ${snippet}` : ''}`);
    }
  }
  return lines.join('\n');
}
