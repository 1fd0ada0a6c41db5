import taxonomyData from '../resources/taxonomy/threat-taxonomy.json';

export interface TacticSubtype {
  id: string;
  label: string;
}
export interface TacticCategory {
  id: string;
  label: string;
  subtypes: TacticSubtype[];
}

/** The threat taxonomy, shipped as data in resources/taxonomy (stable ids). */
export const TAXONOMY: readonly TacticCategory[] = taxonomyData.categories;

const byId = new Map<string, { category: TacticCategory; subtype: TacticSubtype }>();
for (const category of TAXONOMY) for (const subtype of category.subtypes) byId.set(subtype.id, { category, subtype });

export const TACTIC_IDS: readonly string[] = [...byId.keys()];

export function isTacticId(id: string): boolean {
  return byId.has(id);
}

export function tacticOf(id: string): { category: TacticCategory; subtype: TacticSubtype } | undefined {
  return byId.get(id);
}

export function categoryIdOf(tacticId: string): string | undefined {
  return byId.get(tacticId)?.category.id;
}
