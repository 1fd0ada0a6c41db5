import { describe, expect, it } from 'vitest';
import purposesData from '../../resources/purposes/referral-purposes.json';
import { RECIPIENT_TYPES } from '../../shared/domain/enums';
import { parsePurposes, PURPOSES } from '../../shared/purposes';

const copy = (): typeof purposesData => JSON.parse(JSON.stringify(purposesData)) as typeof purposesData;

describe('the referral purpose vocabulary (resources/purposes)', () => {
  it('gives every recipient type its purposes and one general purpose, with ids unique across the file', () => {
    const ids = new Set<string>();
    for (const type of RECIPIENT_TYPES) {
      const purposes = PURPOSES.forType(type);
      expect(purposes.length, type).toBeGreaterThanOrEqual(3);
      expect(purposes).toContainEqual(PURPOSES.generalFor(type));
      for (const purpose of purposes) {
        expect(purpose.id.startsWith(`${type}.`), purpose.id).toBe(true);
        expect(ids.has(purpose.id), purpose.id).toBe(false);
        ids.add(purpose.id);
        expect(PURPOSES.byId(purpose.id)).toEqual(purpose);
      }
    }
  });

  it('has the purposes caseworkers asked for under the recipients they go to', () => {
    const labels = (type: (typeof RECIPIENT_TYPES)[number]) => PURPOSES.forType(type).map((p) => p.label);
    expect(labels('police')).toEqual(expect.arrayContaining(['Criminal complaint', 'Threat assessment / protection request']));
    expect(labels('asylum_authority')).toContain('Protection claim (asylum)');
    expect(labels('interpol_ccf')).toEqual(expect.arrayContaining(['CCF access request', 'CCF correction request', 'CCF deletion request (notice or diffusion)']));
    expect(labels('un_special_procedure')).toEqual(expect.arrayContaining(['Urgent appeal', 'Communication / allegation letter']));
    expect(labels('lawyer')).toContain('Legal representation');
    expect(labels('ngo')).toContain('Advice and advocacy');
  });

  it('refuses a broken file and names every problem', () => {
    const broken = copy();
    broken.recipientTypes[0]!.purposes[1]!.id = broken.recipientTypes[0]!.purposes[0]!.id;
    broken.recipientTypes[1]!.generalPurposeId = 'national_tnr_unit.nothing';
    broken.recipientTypes[2]!.purposes[0]!.id = 'police.asylum';
    broken.recipientTypes.pop();
    expect(() => parsePurposes(broken, 'test.json')).toThrow(/test\.json/);
    const message = (() => {
      try {
        parsePurposes(broken, 'test.json');
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('the id "police.criminal_complaint" is used twice');
    expect(message).toContain('"national_tnr_unit.nothing" is not one of this recipient type\'s purposes');
    expect(message).toContain('"police.asylum" must start with "asylum_authority."');
    expect(message).toContain('the recipient type "ngo" has no purposes');
    expect(() => parsePurposes({ ...copy(), version: 2 })).toThrow(/version/);
  });
});
