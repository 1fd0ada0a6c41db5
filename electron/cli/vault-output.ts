import type { VaultInfo } from '../../shared/ipc/contract';

/** What `vault info` prints: settings only, never anything from the records. */
export function formatVaultInfo(info: VaultInfo): string {
  const { kdf } = info;
  const passes = `${kdf.iterations} ${kdf.iterations === 1 ? 'pass' : 'passes'}`;
  const rows: Array<[string, string]> = [
    ['Path', info.path],
    ['Format version', String(info.formatVersion)],
    ['Schema version', String(info.schemaVersion)],
    ['Cipher', info.cipher],
    ['Key derivation', `${kdf.algorithm}, ${formatKiB(kdf.memoryKiB)}, ${passes}, parallelism ${kdf.parallelism}`],
    ['Created', info.createdAt],
    ['Recovery key', info.hasRecoveryKey ? 'yes' : 'no'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join('\n');
}

function formatKiB(kiB: number): string {
  return kiB % 1024 === 0 ? `${kiB / 1024} MiB` : `${kiB} KiB`;
}

export function formatCreated(folder: string, recoveryKey: string | null): string {
  const lines = [`Created the vault ${folder}`, ''];
  if (recoveryKey) {
    lines.push(
      'Recovery key (shown only this once):',
      '',
      `    ${recoveryKey}`,
      '',
      'Write it down or print it now, and keep it somewhere safe, away from this computer.',
      'It opens the vault if the passphrase is forgotten, so guard it like the passphrase.',
      '',
      'If you lose both the passphrase and this recovery key, the data in this vault is lost.',
      'Nobody can open it then, not even the Casekeeper developers.',
    );
  } else {
    lines.push(
      'No recovery key was made. If you forget the passphrase, the data in this vault is lost.',
      'Nobody can open it then, not even the Casekeeper developers.',
    );
  }
  return lines.join('\n');
}
