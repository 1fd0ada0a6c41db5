import { EXIT_CODES } from './exit-codes';
import { NEW_PASSPHRASE_ENV, PASSPHRASE_ENV } from './passphrase-input';

export const EXIT_CODES_HELP = `Exit codes:
  ${EXIT_CODES.OK}  ok
  ${EXIT_CODES.ERROR}  error (the message says what happened)
  ${EXIT_CODES.USAGE}  usage: a bad option or argument, a passphrase that is too short,
     or no way to get a passphrase
  ${EXIT_CODES.WRONG_PASSPHRASE}  wrong passphrase or recovery key
  ${EXIT_CODES.NOT_A_VAULT}  not a vault, a damaged vault, or a vault from a newer Casekeeper
  ${EXIT_CODES.BLOCKED}  packet export blocked: no valid consent, or a withheld value found by the leak scan
  ${EXIT_CODES.BUSY}  busy: another program was using or changing the vault at the same time;
     nothing was changed, try again`;

export const EXIT_CODES_SHORT_HELP =
  `Exit codes: ${EXIT_CODES.OK} ok, ${EXIT_CODES.ERROR} error, ${EXIT_CODES.USAGE} usage, ` +
  `${EXIT_CODES.WRONG_PASSPHRASE} wrong passphrase, ${EXIT_CODES.NOT_A_VAULT} not a vault / damaged / newer version, ${EXIT_CODES.BUSY} busy (try again).`;

export const PASSPHRASE_HELP = `Passphrases:
  The vault's passphrase (create, check, info, passwd) comes from, in order:
    --passphrase-file FILE   the first line of FILE (keep it private: chmod 600)
    ${PASSPHRASE_ENV}    for automation only. Less safe: other programs
                             running as you can read it, and a command line
                             that sets it can end up in shell history.
    the terminal             asked without showing what you type
                             (twice when creating a vault)
  A new passphrase (passwd, recover) comes from --new-passphrase-file FILE,
  then ${NEW_PASSPHRASE_ENV}, then the terminal (asked twice).
  The recovery key (recover) comes from --recovery-key-file FILE or the terminal.
  With no terminal and none of these, the command stops with exit code ${EXIT_CODES.USAGE}.

  A lost passphrase AND a lost recovery key mean the vault's data is lost:
  nobody can open it, not even the Casekeeper developers.`;
