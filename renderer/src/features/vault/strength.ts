import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { isPassphraseLongEnough } from '../../../../shared/passphrase-policy';

/** Scores 0–2 are warned and need an explicit "use anyway". */
export const STRONG_ENOUGH_SCORE = 3;

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  score: StrengthScore;
  /** zxcvbn's own feedback (English for now; its translations can be swapped per language). */
  warning: string | null;
  suggestions: string[];
}

// Dictionaries are bundled; the estimator works entirely offline.
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

let last: { passphrase: string; userInputs: string; result: Strength } | null = null;

/** Cached for the last input: the form's schema and the meter ask about the same value. */
export function estimateStrength(passphrase: string, userInputs: string[] = []): Strength {
  const key = userInputs.join('\u0000');
  if (last && last.passphrase === passphrase && last.userInputs === key) return last.result;
  const raw: ZxcvbnResult = zxcvbn.check(passphrase, userInputs);
  const result: Strength = {
    score: raw.score as StrengthScore,
    warning: raw.feedback.warning,
    suggestions: raw.feedback.suggestions,
  };
  last = { passphrase, userInputs: key, result };
  return result;
}

/** A passphrase long enough to be accepted but that zxcvbn finds guessable. */
export function isWeak(passphrase: string, userInputs: string[] = []): boolean {
  return isPassphraseLongEnough(passphrase) && estimateStrength(passphrase, userInputs).score < STRONG_ENOUGH_SCORE;
}
