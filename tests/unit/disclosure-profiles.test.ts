import { describe, expect, it } from 'vitest';
import { RECIPIENT_TYPES } from '../../shared/domain/enums';
import { allowsEvidence, defaultProfileFor, isClassDisclosed, isFieldDisclosed, loadDefaultProfiles, parseProfiles } from '../../shared/domain/disclosure-profile';
import { classOf, FIELD_SENSITIVITY } from '../../shared/domain/field-sensitivity';
import profilesData from '../../resources/profiles/default-profiles.json';

describe('disclosure profiles', () => {
  it('every shipped profile loads, and every recipient type has exactly one default', () => {
    const profiles = loadDefaultProfiles();
    expect(profiles.map((p) => p.id)).toEqual(['law_enforcement', 'interpol_ccf', 'un_special_procedures', 'asylum_authority', 'unhcr', 'lawyer', 'partner_ngo']);
    for (const type of RECIPIENT_TYPES) expect(profiles.filter((p) => p.recipientTypes.includes(type)), type).toHaveLength(1);
    expect(defaultProfileFor('national_tnr_unit').id).toBe('law_enforcement');
  });

  it('no profile lets internal notes out, and a profile that tries is refused with the problem named', () => {
    for (const profile of loadDefaultProfiles()) {
      expect(profile.classes).not.toContain('internal');
      expect(isFieldDisclosed(profile, 'note', 'body')).toBe(false);
      expect(isFieldDisclosed(profile, 'contact', 'notes')).toBe(false);
    }
    const broken = structuredClone(profilesData);
    broken.profiles[0]!.classes.push('internal');
    expect(() => parseProfiles(broken)).toThrow(expect.objectContaining({ code: 'INTERNAL', message: expect.stringContaining('"internal" can never be disclosed') }));
    expect(isClassDisclosed({ ...loadDefaultProfiles()[0]!, classes: ['internal'] }, 'internal')).toBe(false);
  });

  it('a field nobody has classified yet is withheld, even by the widest profile', () => {
    expect(classOf('client', 'passportNumber')).toBeUndefined();
    expect(classOf('client', 'constructor')).toBeUndefined();
    expect(isFieldDisclosed(defaultProfileFor('lawyer'), 'client', 'passportNumber')).toBe(false);
    expect(isFieldDisclosed(defaultProfileFor('lawyer'), 'client', 'legalName')).toBe(true);
    expect(isFieldDisclosed(defaultProfileFor('ngo'), 'client', 'legalName')).toBe(false);
  });

  it('every class named in the field map exists, and the fields a packet needs are classified', () => {
    for (const key of ['client.legalName', 'client.originalNames', 'client.dateOfBirth', 'contact.phones', 'contact.handles', 'threat.description', 'evidence.fileName', 'case.code', 'case.summary']) {
      expect(FIELD_SENSITIVITY[key], key).toBeDefined();
    }
  });

  it('a profile that names the client without the identity class is refused', () => {
    const broken = structuredClone(profilesData);
    broken.profiles[6]!.clientIdentity = 'named';
    expect(() => parseProfiles(broken)).toThrow(/clientIdentity: "named" needs the class "identity"/);
  });

  it('evidence types go by exact media type or by family', () => {
    const police = defaultProfileFor('police');
    expect(allowsEvidence(police, 'image/jpeg')).toBe(true);
    expect(allowsEvidence(police, 'text/plain; charset=utf-8')).toBe(true);
    expect(allowsEvidence(defaultProfileFor('interpol_ccf'), 'video/mp4')).toBe(false);
    expect(allowsEvidence(defaultProfileFor('ngo'), 'application/pdf')).toBe(false);
  });

  it('the intake form tells the truth about sensitive attributes: which default recipients get ethnicity, religion and political activity', () => {
    // renderer/src/locales/en.cases.json caseClient.sensitiveHint names exactly these.
    const getsThem = RECIPIENT_TYPES.filter((type) => isFieldDisclosed(defaultProfileFor(type), 'client', 'ethnicity'));
    expect(new Set(getsThem)).toEqual(new Set(['interpol_ccf', 'un_special_procedure', 'asylum_authority', 'unhcr', 'lawyer']));
    for (const type of RECIPIENT_TYPES) {
      const profile = defaultProfileFor(type);
      for (const field of ['ethnicity', 'religion', 'politicalActivity']) expect(isFieldDisclosed(profile, 'client', field), `${type} ${field}`).toBe(getsThem.includes(type));
    }
  });
});
