import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, eraseCase } from '../../electron/services/cases/cases.service';
import { createContactForCase } from '../../electron/services/contacts/contacts.service';
import { addEvidenceBytes } from '../../electron/services/evidence/evidence.service';
import { createNote } from '../../electron/services/notes/notes.service';
import { createReferral } from '../../electron/services/referrals/referrals.service';
import { createThreat } from '../../electron/services/threats/threats.service';
import { importDocument } from '../../electron/services/interchange/import.service';
import { buildDemoDocument } from '../../electron/services/demo/demo-data';
import { searchVault } from '../../electron/services/search/search.service';
import { closeVault, unlockVault } from '../../electron/services/vault/vault.service';
import { searchResult, type SearchResult } from '../../shared/ipc/insights-contract';
import { encodingsOf, makeCanaries, testVaultDeps } from '../support/temp';
import { decryptedBytes, openTestVault, TEST_PASSPHRASE, type TestVault } from '../support/vault';

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault();
});
afterEach(() => t.close());

const search = async (query: string, limit = 8): Promise<SearchResult> => searchResult.parse(await searchVault(t.vault.db, query, limit));
const kinds = (result: SearchResult) => result.groups.map((g) => g.kind);
const ids = (result: SearchResult, kind: string) => result.groups.find((g) => g.kind === kind)?.hits.map((h) => h.id) ?? [];
const marked = (parts: Array<{ text: string; match: boolean }>) => parts.filter((p) => p.match).map((p) => p.text);
const containsAny = (bytes: Buffer, texts: string[]) => texts.flatMap(encodingsOf).some((p) => bytes.includes(p));

function threat(description: string, city = 'Kashgar') {
  return {
    tacticId: 'threats_from_distance.coercion_by_proxy',
    tacticOther: '',
    datePrecision: 'exact' as const,
    occurredFrom: '2026-10-01',
    occurredTo: null,
    country: 'China',
    city,
    channel: 'phone' as const,
    targetContactId: null,
    perpetratorIds: [],
    evidenceIds: [],
    description,
    severity: 3,
    verification: 'unverified' as const,
  };
}

async function seed() {
  const omer = await createCase(t.ctx, { client: { legalName: 'Ömer Yılmaz', aliases: ['Omer Y.'] } });
  const lin = await createCase(t.ctx, { client: { legalName: 'Lin Xiuying', originalNames: ['林秀英'] } });
  const aziz = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun', originalNames: ['ئەزىز تۇرسۇن'] } });
  const mother = await createContactForCase(t.ctx, {
    caseId: aziz.id,
    role: 'family_home',
    contact: { name: 'Patigul Tursun', originalNames: ['پاتىگۈل تۇرسۇن'], phones: ['+44 7700 900123'], handles: ['WeChat: wxid_patigul'] },
  });
  const referral = await createReferral(t.ctx, {
    caseId: lin.id,
    referral: { recipientType: 'interpol_ccf', recipientOrg: 'Commission for the Control of INTERPOL’s Files', referenceNumber: 'CCF/2026/0457', purposeId: 'interpol_ccf.deletion', purposeDetail: 'Red notice deletion' },
  });
  const note = await createNote(t.ctx, { caseId: omer.id, body: 'Client says the consulate refused the passport renewal.' });
  const evidence = await addEvidenceBytes(t.ctx, {
    caseId: lin.id,
    evidence: { fileName: 'wechat-threat-screenshot.png', mediaType: 'image/png', collectedAt: '2026-10-02T10:00:00.000Z', collectedHow: 'handed over', collectedBy: '', collectedFrom: 'client', description: 'Message from an unknown account' },
    data: Buffer.from('not really a png'),
  });
  const incident = await createThreat(t.ctx, { caseId: aziz.id, threat: threat('Police in Kashgar questioned the family about Aziz.') });
  return { omer, lin, aziz, mother, referral, note, evidence, incident };
}

describe('search', () => {
  it('a caseworker finds a Latin name whatever the case and diacritics, with the match highlighted', async () => {
    const { omer } = await seed();
    for (const query of ['omer', 'ÖMER', 'Ömer', 'OMER Y', 'o\u0308mer'.normalize('NFD')]) {
      const result = await search(query);
      expect(ids(result, 'client')).toEqual([omer.client.id]);
    }
    const hit = (await search('omer')).groups.find((g) => g.kind === 'client')!.hits[0]!;
    expect(hit).toMatchObject({ caseId: omer.id, caseCode: omer.code });
    expect(marked(hit.title)).toEqual(['Ömer']);
    expect(hit.title.map((p) => p.text).join('')).toBe('Ömer Yılmaz');
  });

  it('finds a Chinese client by two characters of a three-character name, and by one', async () => {
    const { lin } = await seed();
    for (const query of ['秀英', '林秀', '林秀英', '英']) {
      const result = await search(query);
      expect(ids(result, 'client'), query).toEqual([lin.client.id]);
      expect(marked(result.groups[0]!.hits[0]!.snippet)).toEqual([query]);
    }
    expect(kinds(await search('秀林'))).toEqual([]);
  });

  it('finds Uyghur (Arabic-script) names by substring', async () => {
    const { aziz, mother } = await seed();
    const result = await search('تۇرس');
    expect(ids(result, 'client')).toEqual([aziz.client.id]);
    expect(ids(result, 'contact')).toEqual([mother.id]);
    expect(result.groups.find((g) => g.kind === 'contact')!.hits[0]).toMatchObject({ caseId: aziz.id, caseCode: aziz.code });
  });

  it('finds contacts by phone digits, referrals by reference number, notes, evidence file names and threats, grouped by kind in a fixed order', async () => {
    const s = await seed();
    expect(ids(await search('900123'), 'contact')).toEqual([s.mother.id]);
    expect(ids(await search('7700900123'), 'contact')).toEqual([s.mother.id]);
    expect(ids(await search('wxid_pati'), 'contact')).toEqual([s.mother.id]);
    const ref = await search('ccf/2026/0457');
    expect(ids(ref, 'referral')).toEqual([s.referral.id]);
    expect(marked(ref.groups[0]!.hits[0]!.snippet)).toEqual(['CCF/2026/0457']);
    expect(ids(await search('passport renewal'), 'note')).toEqual([s.note.id]);
    expect(ids(await search('screenshot'), 'evidence')).toEqual([s.evidence.id]);
    expect(ids(await search('questioned'), 'threat')).toEqual([s.incident.id]);
    // "tursun" matches a client, a contact and (through "Aziz") nothing else; "aziz" a client and a threat.
    expect(kinds(await search('aziz'))).toEqual(['client', 'threat']);
    expect(kinds(await search('CK-'))).toEqual(['case']);
    expect(kinds(await search('tursun'))).toEqual(['client', 'contact']);
  });

  it('says when there are more hits than the limit, best matches first', async () => {
    await seed();
    for (let i = 0; i < 4; i += 1) await createCase(t.ctx, { client: { legalName: `Zhang Tursunova ${i}` } });
    const exact = await createCase(t.ctx, { client: { legalName: 'Tursun' } });
    const result = await search('tursun', 2);
    const clients = result.groups.find((g) => g.kind === 'client')!;
    expect(clients.hits).toHaveLength(2);
    expect(clients.more).toBe(true);
    expect(clients.hits[0]!.id).toBe(exact.client.id);
  });

  it('treats FTS syntax in the query as plain text, and an empty query as no search', async () => {
    await seed();
    for (const query of ['AND', '"', '"omer', 'omer"', '*', 'om*', 'NEAR(', 'NEAR(omer tursun)', 'omer OR', '^omer', 'col:omer', '(', "'; DROP TABLE case_file; --", '{a b}', '-']) {
      await expect(search(query), query).resolves.toBeDefined();
    }
    expect(ids(await search('"omer"'), 'client')).toHaveLength(1);
    expect(await search('   ')).toEqual({ query: '   ', groups: [] });
    expect(await search('')).toEqual({ query: '', groups: [] });
  });

  it('an erased case is not found and leaves no trace in the index pages', async () => {
    const { latin, chinese } = makeCanaries();
    await seed();
    const doomed = await createCase(t.ctx, { client: { legalName: latin, originalNames: [chinese] } });
    await createNote(t.ctx, { caseId: doomed.id, body: `Meeting with ${latin}` });
    await createThreat(t.ctx, { caseId: doomed.id, threat: threat(`Relatives of ${chinese} were visited`) });
    await createContactForCase(t.ctx, { caseId: doomed.id, role: 'family_home', contact: { name: `${latin} senior`, originalNames: [chinese] } });
    const tail = latin.slice(-10);
    expect(kinds(await search(tail))).toEqual(['client', 'contact', 'note']);
    expect(kinds(await search(chinese.slice(4, 6)))).toEqual(['client', 'contact', 'threat']);
    const docs = (sql: string) => (t.vault.raw.prepare(sql).get() as { n: number }).n;
    const before = docs('SELECT count(*) AS n FROM search_doc');

    await eraseCase(t.ctx, { id: doomed.id, confirmCode: doomed.code });

    expect(kinds(await search(tail))).toEqual([]);
    expect(kinds(await search(chinese.slice(4, 6)))).toEqual([]);
    expect(kinds(await search(chinese))).toEqual([]);
    expect(docs('SELECT count(*) AS n FROM search_doc')).toBe(before - 5);
    // The index's own integrity check: every remaining entry matches a live document.
    t.vault.raw.exec(`INSERT INTO search_trigram (search_trigram) VALUES ('integrity-check')`);
    t.vault.raw.exec(`INSERT INTO search_words (search_words) VALUES ('integrity-check')`);
    const bytes = decryptedBytes(t.vault);
    expect(containsAny(bytes, [latin, chinese, tail, chinese.slice(3)])).toBe(false);
    // Nor the pieces the index keeps as terms: the random part as a word, and its CJK bigrams.
    const pieces = [chinese.slice(3, 5), chinese.slice(5, 7), chinese.slice(7, 9)];
    expect(pieces.filter((p) => bytes.includes(Buffer.from(p, 'utf8')))).toEqual([]);
    // The rest of the vault is still findable.
    expect(kinds(await search('omer'))).toEqual(['client']);
  });

  it('the index survives lock and unlock', async () => {
    const { lin } = await seed();
    const folder = t.vault.paths.folder;
    closeVault(t.vault);
    const reopened = await unlockVault(folder, TEST_PASSPHRASE, testVaultDeps);
    try {
      expect(ids(searchResult.parse(await searchVault(reopened.db, '秀英', 8)), 'client')).toEqual([lin.client.id]);
    } finally {
      closeVault(reopened);
    }
  });

  it('imported records are findable at once, and edits re-index them', async () => {
    const document = await buildDemoDocument({ today: '2026-11-28' });
    await importDocument(t.ctx, document);
    const result = await search('林秀');
    expect(result.groups.length).toBeGreaterThan(0);
    expect(result.groups.flatMap((g) => g.hits).every((h) => h.caseId !== null || h.kind === 'contact')).toBe(true);
    const zhao = await search('zhao');
    expect(kinds(zhao)).toContain('contact');
    // An edit through SQL (no service) is indexed too: the triggers do the work.
    t.vault.raw.prepare(`UPDATE contact SET name = 'Renamed Person' WHERE name = 'Zhao Gang'`).run();
    expect(ids(await search('Renamed'), 'contact')).toHaveLength(1);
    expect((await search('Zhao Gang')).groups.find((g) => g.kind === 'contact')?.hits.some((h) => h.title.map((p) => p.text).join('') === 'Zhao Gang')).toBeFalsy();
  });
});
