/**
 * The relationship words a packet may print after a role label ("Relative A
 * (mother)"). A contact's relationship is free text ("father, lives in
 * Tangxia"), which can name people and places; a packet never prints it as
 * typed, only the first kinship term found in it, from this vocabulary.
 */

const TERMS: ReadonlyArray<readonly [label: string, pattern: RegExp]> = [
  ['mother-in-law', /\bmother[\s-]in[\s-]law\b|婆婆|岳母|丈母娘/iu],
  ['father-in-law', /\bfather[\s-]in[\s-]law\b|公公|岳父|丈人/iu],
  ['brother-in-law', /\bbrother[\s-]in[\s-]law\b|姐夫|妹夫|大伯|小叔/iu],
  ['sister-in-law', /\bsister[\s-]in[\s-]law\b|嫂子|弟媳|大姑|小姑/iu],
  ['son-in-law', /\bson[\s-]in[\s-]law\b|女婿/iu],
  ['daughter-in-law', /\bdaughter[\s-]in[\s-]law\b|儿媳|媳妇/iu],
  ['stepmother', /\bstep[\s-]?mother\b|继母|后妈/iu],
  ['stepfather', /\bstep[\s-]?father\b|继父|后爸/iu],
  ['grandmother', /\bgrand[\s-]?mother\b|\bgrandma\b|\bgranny\b|奶奶|外婆|姥姥|祖母/iu],
  ['grandfather', /\bgrand[\s-]?father\b|\bgrandpa\b|爷爷|外公|姥爷|祖父/iu],
  ['granddaughter', /\bgrand[\s-]?daughter\b|孙女|外孙女/iu],
  ['grandson', /\bgrand[\s-]?son\b|孙子|外孙/iu],
  ['grandchild', /\bgrand[\s-]?child(?:ren)?\b/iu],
  ['mother', /\bmother\b|\bmum\b|\bmom\b|\bmama\b|母亲|妈妈|\bana\b/iu],
  ['father', /\bfather\b|\bdad\b|\bpapa\b|父亲|爸爸|\bdada\b/iu],
  ['wife', /\bwife\b|妻子|老婆|太太|爱人/iu],
  ['husband', /\bhusband\b|丈夫|老公|先生/iu],
  ['spouse', /\bspouse\b|\bpartner\b|配偶/iu],
  ['daughter', /\bdaughter\b|女儿|闺女/iu],
  ['son', /\bson\b|儿子/iu],
  ['child', /\bchild(?:ren)?\b|\bkid\b|孩子/iu],
  ['brother', /\b(?:older |younger |elder |little |big )?brother\b|哥哥|弟弟|兄弟|\bakam\b|\bukam\b/iu],
  ['sister', /\b(?:older |younger |elder |little |big )?sister\b|姐姐|妹妹|姐妹|\bhedem\b|\bsinglim\b/iu],
  ['sibling', /\bsibling\b|兄弟姐妹/iu],
  ['aunt', /\baunt(?:ie)?\b|阿姨|姨妈|姑姑|舅妈|婶婶/iu],
  ['uncle', /\buncle\b|叔叔|伯伯|舅舅|姑父|姨父/iu],
  ['cousin', /\bcousin\b|表哥|表姐|表弟|表妹|堂哥|堂姐|堂弟|堂妹/iu],
  ['niece', /\bniece\b|侄女|外甥女/iu],
  ['nephew', /\bnephew\b|侄子|外甥/iu],
  ['fiancé(e)', /\bfianc[ée]e?\b|未婚夫|未婚妻/iu],
];

/** The kinship term for a free-text relationship, or '' when none is recognised. */
export function kinshipLabelOf(relationship: string): string {
  let best: { label: string; at: number } | null = null;
  for (const [label, pattern] of TERMS) {
    const m = pattern.exec(relationship);
    // The earliest term wins ("mother of his brother" is a mother); on a tie, the more specific one listed first.
    if (m && (!best || m.index < best.at)) best = { label, at: m.index };
  }
  return best?.label ?? '';
}
