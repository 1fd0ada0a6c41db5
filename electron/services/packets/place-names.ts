import { z } from 'zod';
import placeData from '../../../resources/places/place-names.json';
import { compactOf } from './normalise';

/**
 * Other names of the same place (resources/places/place-names.json): Ürümqi
 * is also Urumchi, 乌鲁木齐 and ئۈرۈمچى. A relative's town recorded in one of
 * them is withheld in all of them.
 */
export const PLACE_NAMES_SOURCE = 'resources/places/place-names.json';

const schema = z.object({
  version: z.literal(1),
  description: z.string(),
  places: z.array(z.strictObject({ id: z.string().regex(/^[a-z]{2}(\.[a-z0-9_]+)+$/), country: z.string().regex(/^[A-Z]{2}$/), names: z.array(z.string().trim().min(2)).min(2) })),
});

export type PlaceEntry = z.infer<typeof schema>['places'][number];

let index: Map<string, PlaceEntry> | null = null;

function byName(): Map<string, PlaceEntry> {
  if (index) return index;
  const parsed = schema.safeParse(placeData);
  if (!parsed.success) throw new Error(`${PLACE_NAMES_SOURCE} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  index = new Map();
  for (const place of parsed.data.places) for (const name of place.names) index.set(compactOf(name), place);
  return index;
}

/** Every other name of the place called `name`, or none when it is not a listed place. */
export function otherNamesOf(name: string): string[] {
  const place = byName().get(compactOf(name));
  return place ? place.names.filter((n) => compactOf(n) !== compactOf(name)) : [];
}

export function placeEntries(): PlaceEntry[] {
  return [...new Set(byName().values())];
}
