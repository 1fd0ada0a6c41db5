import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';

/** zxcvbn scores 0–4; below this a passphrase falls to a determined offline guesser. */
const ACCEPTABLE_SCORE = 3;
/** The estimator's cost grows with length; a passphrase this long is not weak by any measure it has. */
const MAX_CHECKED_LENGTH = 256;

/**
 * Returns a warning for a weak passphrase, or null. Only a warning: the hard
 * rule is the minimum length, which the vault service enforces. Loaded lazily
 * by the commands that set a passphrase, because the dictionaries take a moment.
 */
export function weakPassphraseWarning(passphrase: string, context: string[] = []): string | null {
  const estimator = new ZxcvbnFactory({
    translations: zxcvbnEn.translations,
    graphs: zxcvbnCommon.adjacencyGraphs,
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
  });
  const result = estimator.check([...passphrase].slice(0, MAX_CHECKED_LENGTH).join(''), ['casekeeper', 'vault', ...context]);
  if (result.score >= ACCEPTABLE_SCORE) return null;
  const details = [result.feedback.warning, ...result.feedback.suggestions].filter((text): text is string => Boolean(text));
  return [
    'This passphrase is easy to guess for someone who has a copy of the vault.',
    ...details,
    'Several unrelated words are easy to remember and hard to guess.',
  ].join(' ');
}
