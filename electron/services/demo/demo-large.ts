import { mulberry32 } from '../../../shared/seeded-random';
import { rmSync } from 'node:fs';
import type { RawDatabase, VaultDb } from '../../db/connection';
import { CONTACT_ROLES, RECIPIENT_TYPES, THREAT_CHANNELS } from '../../../shared/domain/enums';
import { PURPOSES } from '../../../shared/purposes';
import { TACTIC_IDS } from '../../../shared/taxonomy';
import { sortKey } from '../../../shared/text';
import { appendAudit } from '../audit/audit.service';
import { closeVault, createVault, type OpenVault, type VaultDeps } from '../vault/vault.service';
import { demoId, DEMO_ACTOR } from './demo-data';

/**
 * The large demo (issue 5, Scale): about 20,000 fictional cases with ten
 * threats each and proportionate contacts, referrals, tasks and notes, to
 * try the app at the size of a big organisation. Rows go straight into the
 * tables with prepared statements in large transactions (the import path
 * validates record by record and would take far longer); the search index
 * triggers still run. Deterministic for a seed: the same seed and day give the
 * same rows. Every name is invented from syllable lists; phones are in the
 * UK drama range (+44 7700 900xxx), e-mails at example.org.
 */
export interface LargeDemoOptions {
  cases: number;
  seed?: number;
  /** YYYY-MM-DD; dates are spread over the years before it. */
  today?: string;
  actor?: string;
  now?: () => Date;
  /** Cases per transaction. */
  batch?: number;
}

export interface LargeDemoSummary {
  cases: number;
  contacts: number;
  threats: number;
  referrals: number;
  tasks: number;
  notes: number;
}

/** Per case: threats, contacts (every case) and the share of cases with a referral / task / note. */
export const LARGE_DEMO_SHAPE = Object.freeze({ threatsPerCase: 10, contactsPerCase: 2, referralShare: 0.75, tasksPerCase: 1, notesPerCase: 1 });

const LATIN_GIVEN = ['Ömer', 'Ayşegül', 'Mehmet', 'Fatima', 'Aziz', 'Dilnoza', 'Tenzin', 'Karim', 'Leyla', 'José', 'Zoë', 'Rustam', 'Nadia', 'Samir', 'Chloé', 'Bilal'];
const LATIN_FAMILY = ['Yılmaz', 'Tursun', 'Noor', 'Dolma', 'Nazarov', 'Çelik', 'Haddad', 'Kovač', 'Müller', 'Østergaard', 'Rahimi', 'Sánchez'];
const CJK_FAMILY = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '林'];
const CJK_GIVEN = ['秀', '英', '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平'];
const PINYIN: Record<string, string> = { 王: 'Wang', 李: 'Li', 张: 'Zhang', 刘: 'Liu', 陈: 'Chen', 杨: 'Yang', 黄: 'Huang', 赵: 'Zhao', 吴: 'Wu', 周: 'Zhou', 徐: 'Xu', 孙: 'Sun', 马: 'Ma', 朱: 'Zhu', 胡: 'Hu', 林: 'Lin' };
const UYGHUR = [
  ['ئەركىن', 'Erkin'],
  ['ئابدۇللا', 'Abdulla'],
  ['مۇھەممەت', 'Muhemmet'],
  ['گۈلنار', 'Gulnar'],
  ['پاتىگۈل', 'Patigul'],
  ['تۇرسۇن', 'Tursun'],
  ['قادىر', 'Qadir'],
  ['ئايگۈل', 'Aygul'],
] as const;
const CYRILLIC = [
  ['Рустам', 'Rustam'],
  ['Анна', 'Anna'],
  ['Дильноза', 'Dilnoza'],
  ['Фарход', 'Farkhod'],
  ['Назаров', 'Nazarov'],
  ['Петрова', 'Petrova'],
  ['Каримов', 'Karimov'],
] as const;
const PLACES = [
  ['China', 'Ürümqi'],
  ['China', 'Kashgar'],
  ['China', 'Fuzhou'],
  ['Netherlands', 'Rotterdam'],
  ['Germany', 'Berlin'],
  ['Canada', 'Toronto'],
  ['Turkey', 'İstanbul'],
  ['Tajikistan', 'Dushanbe'],
  ['Australia', 'Sydney'],
  ['France', 'Paris'],
] as const;
const THREAT_TEXT = [
  'Relatives were visited at home and told to persuade the client to return.',
  'An unknown caller claiming to be a police officer asked about the client’s address abroad.',
  'A WeChat account sent photographs of the client’s parents with a warning.',
  'The client’s passport renewal was refused at the consulate without reasons.',
  'A man photographed attendees at a community meeting and followed the client home.',
  'A red notice request was reported by the client’s lawyer.',
  'Phishing e-mails imitating the client’s bank arrived after a public talk.',
  '父母被当地警察约谈，要求劝说当事人回国。',
  'ئائىلىسىدىكىلەر ساقچىخانىغا چاقىرىلدى.',
  'Родственникам позвонили и потребовали, чтобы клиент вернулся.',
];
const ORGS = ['Metropolitan Police (fictional desk)', 'National TNR Unit (fictional)', 'Asylum Office (fictional)', 'Commission for the Control of INTERPOL’s Files', 'UN Special Rapporteur (fictional mandate)', 'UNHCR field office (fictional)', 'Demo Law Chambers', 'Safe Harbour NGO (fictional)'];
const NOTE_TEXT = ['Client called; family in home country under pressure again.', 'Check-in call done. Client feels watched near the flat.', 'Interpreter booked for the next meeting.', '当事人说家人又被约谈。', 'Lawyer asked for the timeline of incidents.'];
const TASK_TEXT = ['Follow-up call with the client', 'CCF deadline: send supporting documents', 'Hearing preparation', 'Check-in call', 'Chase referral acknowledgement'];

interface Person {
  name: string;
  originalNames: string[];
  aliases: string[];
}

function personMaker(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return (): Person => {
    const script = random();
    if (script < 0.35) {
      const family = pick(CJK_FAMILY);
      const given = `${pick(CJK_GIVEN)}${pick(CJK_GIVEN)}`;
      return { name: `${PINYIN[family]} ${pick(['Xiuying', 'Wei', 'Fang', 'Na', 'Min', 'Jing', 'Lei'])}`, originalNames: [`${family}${given}`], aliases: [] };
    }
    if (script < 0.55) {
      const [given, givenLatin] = pick(UYGHUR);
      const [family, familyLatin] = pick(UYGHUR);
      return { name: `${givenLatin} ${familyLatin}`, originalNames: [`${given} ${family}`], aliases: [] };
    }
    if (script < 0.7) {
      const [given, givenLatin] = pick(CYRILLIC);
      const [family, familyLatin] = pick(CYRILLIC);
      return { name: `${givenLatin} ${familyLatin}`, originalNames: [`${given} ${family}`], aliases: [] };
    }
    const given = pick(LATIN_GIVEN);
    const family = pick(LATIN_FAMILY);
    return { name: `${given} ${family}`, originalNames: [], aliases: [`${given[0]}. ${family}`] };
  };
}

/**
 * Writes the large demo into an open vault database (or a plain copy with
 * the same schema, for the benchmark). One 'import' audit entry per case,
 * appended in order so the hash chain verifies.
 */
export async function generateLargeDemo(raw: RawDatabase, db: VaultDb, options: LargeDemoOptions): Promise<LargeDemoSummary> {
  const seed = options.seed ?? 1;
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const person = personMaker(random);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const base = Date.parse(`${today}T10:00:00Z`);
  const day = (offset: number) => new Date(base + offset * 86_400_000).toISOString().slice(0, 10);
  const at = (offset: number) => new Date(base + offset * 86_400_000).toISOString();
  const actor = options.actor ?? DEMO_ACTOR;
  const now = options.now ?? (() => new Date());
  const id = (key: string) => demoId(`large:${seed}:${key}`);
  const json = (values: string[]) => JSON.stringify(values);
  const phone = () => `+44 7700 900${String(Math.floor(random() * 1000)).padStart(3, '0')}`;

  const stmt = {
    caseFile: raw.prepare(
      `INSERT INTO case_file (id, code, status, priority, risk_level, assigned_to, opened_on, closed_on, summary, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    risk: raw.prepare(`INSERT INTO risk_change (id, case_id, risk_level, changed_at, changed_by, reason) VALUES (?, ?, ?, ?, ?, 'Intake (demo)')`),
    client: raw.prepare(
      `INSERT INTO client (id, case_id, legal_name, sort_name, original_names, aliases, nationality, residence_country, immigration_status, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    contact: raw.prepare(
      `INSERT INTO contact (id, kind, name, sort_name, original_names, aliases, sensitivity, country, city, phones, emails, handles, notes, version, created_at, updated_at) VALUES (?, 'person', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Fictional.', 1, ?, ?)`,
    ),
    link: raw.prepare(`INSERT INTO case_contact (case_id, contact_id, role, relationship) VALUES (?, ?, ?, '')`),
    threat: raw.prepare(
      `INSERT INTO threat (id, case_id, tactic_id, date_precision, occurred_from, country, city, channel, description, severity, verification, version, created_at, updated_at) VALUES (?, ?, ?, 'exact', ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    referral: raw.prepare(
      `INSERT INTO referral (id, case_id, recipient_type, recipient_org, purpose_id, purpose, status, reference_number, sent_on, follow_up_on, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    task: raw.prepare(`INSERT INTO task (id, case_id, referral_id, title, due_on, assigned_to, done_at, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`),
    note: raw.prepare(`INSERT INTO note (id, case_id, body, author, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`),
  };
  const summary: LargeDemoSummary = { cases: 0, contacts: 0, threats: 0, referrals: 0, tasks: 0, notes: 0 };
  const perYear = new Map<number, number>();
  const batch = options.batch ?? 500;
  const tactics = TACTIC_IDS.filter((t) => !t.startsWith('other'));

  for (let start = 0; start < options.cases; start += batch) {
    raw.exec('BEGIN IMMEDIATE');
    try {
      for (let i = start; i < Math.min(options.cases, start + batch); i += 1) {
        const opened = -Math.floor(random() * 2400) - 1;
        const year = Number(day(opened).slice(0, 4));
        const n = (perYear.get(year) ?? 0) + 1;
        perYear.set(year, n);
        const caseId = id(`case:${i}`);
        const code = `CK-${year}-${String(n).padStart(5, '0')}`;
        const status = pick(['intake', 'active', 'active', 'referred', 'monitoring', 'closed'] as const);
        const risk = pick(['low', 'medium', 'medium', 'high', 'critical'] as const);
        const worker = pick(['Demo caseworker', 'Sam Demo', 'Alex Sample']);
        const [country] = pick(PLACES);
        stmt.caseFile.run(caseId, code, status, pick(['low', 'normal', 'high', 'urgent']), risk, worker, day(opened), status === 'closed' ? day(opened + 200) : null, 'Fictional demo case (large demo).', at(opened), at(opened));
        stmt.risk.run(id(`risk:${i}`), caseId, risk, at(opened), worker);
        const client = person();
        stmt.client.run(id(`client:${i}`), caseId, client.name, sortKey(client.name), json(client.originalNames), json(client.aliases), country, pick(PLACES)[0], pick(['asylum_seeker', 'refugee', 'visa', 'citizen']), at(opened), at(opened));

        const contactIds: string[] = [];
        for (let c = 0; c < LARGE_DEMO_SHAPE.contactsPerCase; c += 1) {
          const contact = person();
          const contactId = id(`contact:${i}:${c}`);
          const [cCountry, cCity] = pick(PLACES);
          stmt.contact.run(
            contactId,
            contact.name,
            sortKey(contact.name),
            json(contact.originalNames),
            json(contact.aliases),
            c === 0 ? 'never_disclose' : pick(['normal', 'confidential']),
            cCountry,
            cCity,
            json(random() < 0.6 ? [phone()] : []),
            json(random() < 0.3 ? [`demo.${i}.${c}@example.org`] : []),
            json(random() < 0.3 ? [`WeChat: wxid_demo_${i}_${c}`] : []),
            at(opened),
            at(opened),
          );
          stmt.link.run(caseId, contactId, c === 0 ? 'family_home' : pick(CONTACT_ROLES));
          contactIds.push(contactId);
        }
        summary.contacts += contactIds.length;

        for (let t = 0; t < LARGE_DEMO_SHAPE.threatsPerCase; t += 1) {
          const when = opened + Math.floor(random() * Math.min(-opened, 700));
          const [tCountry, tCity] = pick(PLACES);
          stmt.threat.run(id(`threat:${i}:${t}`), caseId, pick(tactics), day(when), tCountry, tCity, pick(THREAT_CHANNELS), pick(THREAT_TEXT), 1 + Math.floor(random() * 5), pick(['unverified', 'corroborated', 'verified']), at(when), at(when));
        }
        summary.threats += LARGE_DEMO_SHAPE.threatsPerCase;

        let referralId: string | null = null;
        if (random() < LARGE_DEMO_SHAPE.referralShare) {
          referralId = id(`referral:${i}`);
          const type = pick(RECIPIENT_TYPES);
          const sent = opened + 30;
          stmt.referral.run(referralId, caseId, type, pick(ORGS), PURPOSES.generalFor(type).id, 'Protection and documentation of incidents', pick(['draft', 'sent', 'acknowledged', 'in_progress']), `REF-${year}-${String(i).padStart(6, '0')}`, day(sent), day(Math.floor(random() * 60) - 20), at(sent), at(sent));
          summary.referrals += 1;
        }
        stmt.task.run(id(`task:${i}`), caseId, referralId, pick(TASK_TEXT), day(Math.floor(random() * 90) - 30), worker, random() < 0.3 ? at(-1) : null, at(opened), at(opened));
        stmt.note.run(id(`note:${i}`), caseId, pick(NOTE_TEXT), worker, at(opened), at(opened));
        summary.tasks += 1;
        summary.notes += 1;
        summary.cases += 1;
        // The chain is built through the audit service itself, on the same connection, inside this transaction.
        await appendAudit(db, { actor, at: now(), action: 'import', entity: 'case', entityId: caseId, caseId, changes: [{ field: 'code', from: null, to: code }] });
      }
      raw.exec('COMMIT');
    } catch (error) {
      if (raw.inTransaction) raw.exec('ROLLBACK');
      throw error;
    }
  }
  // Statistics for the query planner, so lists and the dashboard pick the right indexes at this size.
  raw.exec('ANALYZE');
  return summary;
}

/** A NEW vault at `path` with the large demo, labelled as a demo vault. Nothing is left behind on failure. */
export async function createLargeDemoVault(
  path: string,
  passphrase: string,
  deps: VaultDeps,
  options: Omit<LargeDemoOptions, 'cases'> & { cases?: number } = {},
): Promise<{ vault: OpenVault; summary: LargeDemoSummary }> {
  const { vault } = await createVault(path, passphrase, { withRecoveryKey: false }, deps);
  try {
    await vault.db.insertInto('vault_meta').values({ key: 'demo', value: 'true' }).execute();
    const summary = await generateLargeDemo(vault.raw, vault.db, { ...options, cases: options.cases ?? 20_000 });
    vault.raw.pragma('wal_checkpoint(TRUNCATE)');
    return { vault, summary };
  } catch (error) {
    closeVault(vault);
    rmSync(vault.paths.folder, { recursive: true, force: true });
    throw error;
  }
}
