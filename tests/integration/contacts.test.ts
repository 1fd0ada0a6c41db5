import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactDto, contactListPage } from '../../shared/domain/records';
import { createCase, getCase } from '../../electron/services/cases/cases.service';
import { createContactForCase, getContact, linkContact, listContacts, unlinkContact, updateContact, updateContactLink } from '../../electron/services/contacts/contacts.service';
import { createThreat, deleteThreat } from '../../electron/services/threats/threats.service';
import { listCaseHistory, verifyAuditChain } from '../../electron/services/audit/audit.service';
import { openTestVault, type TestVault } from '../support/vault';

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault();
});
afterEach(() => t.close());

const newCase = (legalName = 'Aziz Tursun') => createCase(t.ctx, { client: { legalName } });

describe('contacts', () => {
  it('a caseworker adds the client’s mother in the home country and she defaults to never disclose', async () => {
    const kase = await newCase();
    const mother = await createContactForCase(t.ctx, {
      caseId: kase.id,
      role: 'family_home',
      relationship: 'mother',
      contact: { name: 'Patigul Tursun', originalNames: ['پاتىگۈل تۇرسۇن'], city: 'Kashgar', phones: ['+86 138 0000 0000'] },
    });
    expect(contactDto.parse(mother)).toEqual(mother);
    expect(mother).toMatchObject({
      kind: 'person',
      sensitivity: 'never_disclose',
      originalNames: ['پاتىگۈل تۇرسۇن'],
      phones: ['+86 138 0000 0000'],
      version: 1,
      links: [{ caseId: kase.id, caseCode: kase.code, role: 'family_home', relationship: 'mother' }],
    });
    const history = await listCaseHistory(t.vault.db, kase.id);
    expect(history.slice(0, 2).map((h) => `${h.action} ${h.entity}`)).toEqual(['link contact', 'create contact']);
    expect(history[1]!.changes).toContainEqual({ field: 'sensitivity', from: null, to: 'never_disclose' });
    expect(history[0]!.changes).toEqual([
      { field: 'caseCode', from: null, to: kase.code },
      { field: 'role', from: null, to: 'family_home' },
      { field: 'relationship', from: null, to: 'mother' },
    ]);
  });

  it('a relative’s date of birth and ID numbers are optional, kept on the contact and editable, so packets can keep them out', async () => {
    const kase = await newCase();
    const brother = await createContactForCase(t.ctx, { caseId: kase.id, role: 'family_home', relationship: 'brother', contact: { name: 'Erkin Tursun' } });
    expect(brother).toMatchObject({ dateOfBirth: null, identityDocuments: [] });
    const edited = await updateContact(t.ctx, {
      id: brother.id,
      version: brother.version,
      patch: { dateOfBirth: '1984-07-09', identityDocuments: ['ID card CN 65310119840709001X', 'Passport CN E98765432'] },
    });
    expect(edited).toMatchObject({ version: 2, dateOfBirth: '1984-07-09', identityDocuments: ['ID card CN 65310119840709001X', 'Passport CN E98765432'] });
    expect(await getContact(t.vault.db, brother.id)).toMatchObject({ dateOfBirth: '1984-07-09', identityDocuments: ['ID card CN 65310119840709001X', 'Passport CN E98765432'] });
    const [latest] = await listCaseHistory(t.vault.db, kase.id);
    expect(latest!.changes).toContainEqual({ field: 'dateOfBirth', from: null, to: '1984-07-09' });
  });

  it('sensitivity follows the role unless the caseworker chooses one; organisations keep their kind', async () => {
    const kase = await newCase();
    const lawyer = await createContactForCase(t.ctx, { caseId: kase.id, role: 'lawyer', contact: { name: 'Ruth Klein' } });
    const brother = await createContactForCase(t.ctx, { caseId: kase.id, role: 'family_abroad', contact: { name: 'Erkin Tursun' } });
    const chosen = await createContactForCase(t.ctx, { caseId: kase.id, role: 'family_home', contact: { name: 'Aunt', sensitivity: 'confidential' } });
    const ngo = await createContactForCase(t.ctx, { caseId: kase.id, role: 'organisation', contact: { name: 'Safe Harbour e.V.', kind: 'organisation' } });
    expect([lawyer.sensitivity, brother.sensitivity, chosen.sensitivity]).toEqual(['normal', 'confidential', 'confidential']);
    expect(ngo.kind).toBe('organisation');
    expect(lawyer.links[0]!.relationship).toBe('');
  });

  it('adding a contact to a case that does not exist is refused with NOT_FOUND and stores nothing', async () => {
    await expect(
      createContactForCase(t.ctx, { caseId: '00000000-0000-4000-8000-000000000000', role: 'friend', contact: { name: 'Nobody' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listContacts(t.vault.db, {})).total).toBe(0);
  });

  it('an empty name is refused with a VALIDATION message', async () => {
    const kase = await newCase();
    await expect(createContactForCase(t.ctx, { caseId: kase.id, role: 'friend', contact: { name: '   ' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('required'),
    });
  });

  it('a contact linked to two cases lists both, and linking twice is refused', async () => {
    const first = await newCase('Li Wei');
    const second = await newCase('Zhang Min');
    const official = await createContactForCase(t.ctx, { caseId: first.id, role: 'perpetrator', contact: { name: 'Officer Wang', originalNames: ['王警官'] } });
    const linked = await linkContact(t.ctx, { caseId: second.id, contactId: official.id, role: 'official', relationship: 'calls from the embassy' });
    expect(linked.links.map((l) => [l.caseCode, l.role])).toEqual([
      [first.code, 'perpetrator'],
      [second.code, 'official'],
    ]);
    expect(linked.version).toBe(1);

    const all = await listContacts(t.vault.db, {});
    expect(contactListPage.parse(all)).toEqual(all);
    expect(all.items.find((c) => c.id === official.id)!.links).toHaveLength(2);
    await createContactForCase(t.ctx, { caseId: first.id, role: 'friend', contact: { name: 'Only in first' } });
    expect((await listContacts(t.vault.db, { caseId: second.id })).items.map((c) => c.name)).toEqual(['Officer Wang']);
    expect((await listContacts(t.vault.db, { caseId: first.id })).total).toBe(2);

    await expect(linkContact(t.ctx, { caseId: second.id, contactId: official.id, role: 'witness' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(`already a contact of case ${second.code}`),
    });
    await expect(linkContact(t.ctx, { caseId: second.id, contactId: '00000000-0000-4000-8000-000000000000', role: 'witness' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await listCaseHistory(t.vault.db, second.id))[0]).toMatchObject({ action: 'link', entity: 'contact', entityId: official.id });
  });

  it('a stale edit is refused with CONFLICT naming who changed it; nothing is overwritten', async () => {
    const kase = await newCase();
    const created = await createContactForCase(t.ctx, { caseId: kase.id, role: 'friend', contact: { name: 'Dilnur' } });
    const caseBefore = await getCase(t.vault.db, kase.id);
    const jonas = { ...t.as('Jonas'), now: () => new Date('2026-11-28T09:30:00.000Z') };
    const edited = await updateContact(jonas, { id: created.id, version: 1, patch: { city: 'Almaty', handles: ['wechat:dilnur88'] } });
    expect(edited).toMatchObject({ version: 2, city: 'Almaty', handles: ['wechat:dilnur88'] });
    await expect(updateContact(t.ctx, { id: created.id, version: 1, patch: { city: 'Urumqi' } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Jonas'),
    });
    expect((await getContact(t.vault.db, created.id)).city).toBe('Almaty');
    const [latest] = await listCaseHistory(t.vault.db, kase.id);
    expect(latest).toMatchObject({ action: 'update', entity: 'contact', actor: 'Jonas' });
    expect(latest!.changes).toEqual([
      { field: 'city', from: '', to: 'Almaty' },
      { field: 'handles', from: [], to: ['wechat:dilnur88'] },
    ]);
    // The case shows recent activity, but its own version is untouched.
    const caseAfter = await getCase(t.vault.db, kase.id);
    expect(caseAfter.version).toBe(caseBefore.version);
    expect(caseAfter.updatedAt).toBe('2026-11-28T09:30:00.000Z');
  });

  it('an edit that changes nothing writes no audit entry and keeps the version', async () => {
    const kase = await newCase();
    const created = await createContactForCase(t.ctx, { caseId: kase.id, role: 'friend', contact: { name: 'Dilnur' } });
    const before = (await listCaseHistory(t.vault.db, kase.id)).length;
    const same = await updateContact(t.ctx, { id: created.id, version: 1, patch: { name: 'Dilnur' } });
    expect(same.version).toBe(1);
    expect(await listCaseHistory(t.vault.db, kase.id)).toHaveLength(before);
  });

  it('names in Chinese, Arabic, Cyrillic and Latin script store, list in sort order and are found by type-ahead', async () => {
    const kase = await newCase();
    const add = (name: string, extra: { originalNames?: string[]; aliases?: string[] } = {}) =>
      createContactForCase(t.ctx, { caseId: kase.id, role: 'witness', contact: { name, ...extra } });
    await add('Zhang Min', { originalNames: ['张敏'] });
    await add('Ömer Yılmaz');
    await add('anna Petrova', { originalNames: ['Анна Петрова'], aliases: ['Anya'] });
    await add('Mehmet 100%_sure');
    await add('مريم الخطيب', { aliases: ['Maryam al-Khatib'] });
    const listed = await listContacts(t.vault.db, {});
    expect(listed.items.map((c) => c.name)).toEqual(['anna Petrova', 'Mehmet 100%_sure', 'Ömer Yılmaz', 'Zhang Min', 'مريم الخطيب']);
    const find = async (text: string) => (await listContacts(t.vault.db, { text })).items.map((c) => c.name);
    expect(await find('张')).toEqual(['Zhang Min']);
    expect(await find('الخطيب')).toEqual(['مريم الخطيب']);
    expect(await find('khatib')).toEqual(['مريم الخطيب']);
    expect(await find('Петр')).toEqual(['anna Petrova']);
    expect(await find('anya')).toEqual(['anna Petrova']);
    expect(await find('omer')).toEqual(['Ömer Yılmaz']);
    // Typed with an IME in full-width form, or with a different accent: matched through the sort key.
    expect(await find('ＯＭＥＲ')).toEqual(['Ömer Yılmaz']);
    expect(await find('Ómer')).toEqual(['Ömer Yılmaz']);
    expect(await find('100%_')).toEqual(['Mehmet 100%_sure']);
    expect(await find('0%s')).toEqual([]);
    const page = await listContacts(t.vault.db, { limit: 2, offset: 2 });
    expect(page.total).toBe(5);
    expect(page.items.map((c) => c.name)).toEqual(['Ömer Yılmaz', 'Zhang Min']);
  });
});

describe('removing a contact from a case', () => {
  const threat = (caseId: string, perpetratorIds: string[], targetContactId: string | null = null) =>
    createThreat(t.ctx, {
      caseId,
      threat: {
        tacticId: 'threats_from_distance.coercion_by_proxy',
        tacticOther: '',
        datePrecision: 'exact',
        occurredFrom: '2026-10-02',
        occurredTo: null,
        country: 'China',
        city: '',
        channel: 'via_family',
        targetContactId,
        perpetratorIds,
        evidenceIds: [],
        description: 'Police visited the family.',
        severity: 4,
        verification: 'corroborated',
      },
    });

  it('is refused while a threat of that case names the contact as perpetrator or target, saying why', async () => {
    const kase = await newCase();
    const agent = await createContactForCase(t.ctx, { caseId: kase.id, role: 'perpetrator', contact: { name: 'Agent Li' } });
    const mother = await createContactForCase(t.ctx, { caseId: kase.id, role: 'family_home', contact: { name: 'Mother' } });
    const recorded = await threat(kase.id, [agent.id], mother.id);
    await expect(unlinkContact(t.ctx, { caseId: kase.id, contactId: agent.id })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('a perpetrator in 1 threat'),
    });
    await expect(unlinkContact(t.ctx, { caseId: kase.id, contactId: mother.id })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('the target of 1 threat'),
    });
    expect((await getContact(t.vault.db, agent.id)).links).toHaveLength(1);

    await deleteThreat(t.ctx, { id: recorded.id, version: recorded.version });
    await expect(unlinkContact(t.ctx, { caseId: kase.id, contactId: agent.id })).resolves.toEqual({ unlinked: true });
  });

  it('a contact left in no case is deleted; one still in another case stays', async () => {
    const first = await newCase('Li Wei');
    const second = await newCase('Zhang Min');
    const shared = await createContactForCase(t.ctx, { caseId: first.id, role: 'lawyer', contact: { name: 'Ruth Klein' } });
    await linkContact(t.ctx, { caseId: second.id, contactId: shared.id, role: 'lawyer' });
    const lonely = await createContactForCase(t.ctx, { caseId: first.id, role: 'friend', contact: { name: 'Only friend' } });

    await unlinkContact(t.ctx, { caseId: first.id, contactId: shared.id });
    expect((await getContact(t.vault.db, shared.id)).links.map((l) => l.caseCode)).toEqual([second.code]);
    await unlinkContact(t.ctx, { caseId: first.id, contactId: lonely.id });
    await expect(getContact(t.vault.db, lonely.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(unlinkContact(t.ctx, { caseId: first.id, contactId: shared.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const history = await listCaseHistory(t.vault.db, first.id);
    expect(history.slice(0, 3).map((h) => `${h.action} ${h.entity}`)).toEqual(['delete contact', 'unlink contact', 'unlink contact']);
    expect(await verifyAuditChain(t.vault.db)).toMatchObject({ ok: true });
  });
});

describe('changing a contact\'s role in a case', () => {
  it('a witness who turns out to be an informant gets the new role, recorded in the history', async () => {
    const t = await openTestVault();
    try {
      const created = await createCase(t.ctx, { client: { legalName: 'Li Wei' } });
      const contact = await createContactForCase(t.ctx, { caseId: created.id, role: 'witness', relationship: 'neighbour', contact: { name: 'Wang Fang' } });
      const updated = await updateContactLink(t.ctx, { caseId: created.id, contactId: contact.id, role: 'informant', relationship: 'neighbour' });
      expect(updated.links).toEqual([expect.objectContaining({ caseId: created.id, role: 'informant', relationship: 'neighbour' })]);
      const [latest] = await listCaseHistory(t.vault.db, created.id);
      expect(latest!.changes).toEqual([{ field: 'role', from: 'witness', to: 'informant' }]);
    } finally {
      t.close();
    }
  });
});
