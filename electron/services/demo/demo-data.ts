import { DEFAULT_CLIENT } from '../cases/cases.service';
import { createHash } from 'node:crypto';
import type { ContactRole } from '../../../shared/domain/enums';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ExportCase, type ExportContact, type ExportDocument, type ExportEvidence } from '../interchange/format';
import { makeDemoJpeg, makeDemoPdf } from './demo-images';

/**
 * Demo data: realistic but entirely fictional cases, for exploring the app
 * and for tests. Every person, organisation, number and place-name pairing is
 * invented; phone numbers are in the UK's range reserved for drama
 * (+44 7700 900xxx) and e-mail addresses use example.org. Dates are relative
 * to `today`, so follow-ups are "next week" whenever the demo is created.
 * Ids derive from fixed keys: the same day gives the same document.
 */
export const DEMO_GENERATOR = 'Casekeeper demo data';
export const DEMO_ACTOR = 'Demo caseworker';
const CASEWORKERS = ['Demo caseworker', 'Sam Demo', 'Alex Sample'];

/** A stable UUID (version 4 layout) from a key, so demo ids never change. */
export function demoId(key: string): string {
  const hex = createHash('sha256').update(`casekeeper-demo:${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface Clock {
  day(offset: number): string;
  at(offset: number, hour?: number): string;
  date(offset: number, hour?: number): Date;
}

function clockFor(today: string): Clock {
  const base = Date.parse(`${today}T00:00:00Z`);
  const date = (offset: number, hour = 10) => new Date(base + offset * 86_400_000 + hour * 3_600_000);
  return { date, day: (offset) => date(offset).toISOString().slice(0, 10), at: (offset, hour) => date(offset, hour).toISOString() };
}

const meta = (clock: Clock, key: string, createdOffset: number, updatedOffset = createdOffset, version = 1) => ({
  id: demoId(key),
  version,
  createdAt: clock.at(createdOffset, 9),
  updatedAt: clock.at(updatedOffset, 9),
});

// ---- contacts -------------------------------------------------------------

type ContactSeed = Partial<Omit<ExportContact, 'id' | 'version' | 'createdAt' | 'updatedAt'>> & Pick<ExportContact, 'name' | 'sensitivity'>;

const CONTACTS: Record<string, ContactSeed> = {
  linMother: { name: 'Lin Xiuying', originalNames: ['林秀英'], sensitivity: 'never_disclose', country: 'China', city: 'Fuzhou', phones: ['+44 7700 900101'], notes: 'Fictional. Questioned twice by local police about her daughter.' },
  zhaoGang: { name: 'Zhao Gang', originalNames: ['赵刚'], aliases: ['Officer Zhao'], sensitivity: 'normal', country: 'China', handles: ['WeChat: wxid_demo_zhao01'], notes: 'Fictional. Presents as a public security officer; contacted two clients.' },
  stationOrg: { kind: 'organisation', name: 'Overseas Service Station (fictional)', originalNames: ['海外服务站'], sensitivity: 'normal', country: 'Netherlands', city: 'Rotterdam', address: 'Fictional address, not a real location' },
  tursunBrother: { name: 'Erkin Tursun', originalNames: ['ئەركىن تۇرسۇن'], sensitivity: 'never_disclose', country: 'China', city: 'Kashgar', notes: 'Fictional. Detained for "re-education" per a relative.' },
  lawyerOkafor: { name: 'Adaeze Okafor', sensitivity: 'normal', country: 'Germany', city: 'Berlin', emails: ['a.okafor@example.org'], phones: ['+44 7700 900102'], notes: 'Fictional lawyer handling the CCF request.' },
  informantWu: { name: 'Wu (surname only)', originalNames: ['吴'], sensitivity: 'confidential', country: 'Switzerland', city: 'Zurich', notes: 'Fictional. Suspected informant photographing attendees.' },
  norbuSister: { name: 'Pema Yangzom', originalNames: ['པདྨ་དབྱངས་འཛོམས'], sensitivity: 'never_disclose', country: 'China', city: 'Lhasa' },
  chenWife: { name: 'Huang Li', originalNames: ['黄丽'], sensitivity: 'confidential', country: 'Canada', city: 'Toronto', phones: ['+44 7700 900103'] },
  stalkerUnknown: { name: 'Unknown man in grey car', sensitivity: 'normal', country: 'Canada', city: 'Toronto', notes: 'Fictional. Seen outside the client’s home on four evenings.' },
  wangFather: { name: 'Wang Dezhi', originalNames: ['王德志'], sensitivity: 'never_disclose', country: 'China', city: 'Chengdu' },
  consulOfficial: { name: 'Consular officer (name withheld)', sensitivity: 'normal', country: 'Australia', city: 'Sydney' },
  nazarovaUncle: { name: 'Rustam Nazarov', originalNames: ['Рустам Назаров'], sensitivity: 'never_disclose', country: 'Tajikistan', city: 'Dushanbe' },
  trollAccount: { kind: 'organisation', name: 'Coordinated accounts "TruthWatch" (fictional)', sensitivity: 'normal', handles: ['@truthwatch_demo'] },
  maCousin: { name: 'Ma Jun', originalNames: ['马军'], sensitivity: 'never_disclose', country: 'China', city: 'Linxia' },
  lureBusiness: { name: 'Business contact "Mr Deng"', originalNames: ['邓先生'], sensitivity: 'normal', country: 'United Arab Emirates', city: 'Dubai' },
  interpreterSara: { name: 'Sara Demo', sensitivity: 'normal', country: 'Belgium', city: 'Brussels', emails: ['interpreter@example.org'] },
};

function buildContacts(clock: Clock): ExportContact[] {
  return Object.entries(CONTACTS).map(([key, seed], index) => ({
    ...meta(clock, `contact:${key}`, -200 + index),
    kind: 'person',
    originalNames: [],
    aliases: [],
    country: '',
    city: '',
    phones: [],
    emails: [],
    handles: [],
    address: '',
    notes: '',
    dateOfBirth: null,
    identityDocuments: [],
    ...seed,
  }));
}

// ---- cases ----------------------------------------------------------------

type Link = [contact: keyof typeof CONTACTS, role: ContactRole, relationship?: string];
type ThreatSeed = Omit<ExportCase['threats'][number], 'id' | 'version' | 'createdAt' | 'updatedAt' | 'perpetratorIds' | 'evidenceIds' | 'targetContactId' | 'tacticOther' | 'occurredTo' | 'datePrecision' | 'occurredFrom'> & {
  key: string;
  on: number;
  precision?: ExportCase['threats'][number]['datePrecision'];
  until?: number;
  tacticOther?: string;
  target?: keyof typeof CONTACTS;
  perpetrators?: Array<keyof typeof CONTACTS>;
  evidence?: string[];
};
type EvidenceSeed = { key: string; kind: 'photo' | 'summons'; fileName: string; description: string; on: number; lat?: number; lon?: number; from: string };
type ReferralSeed = Omit<ExportCase['referrals'][number], 'id' | 'version' | 'createdAt' | 'updatedAt' | 'threatIds' | 'sentOn' | 'followUpOn' | 'outcome' | 'referenceNumber' | 'consentId'> & {
  key: string;
  created: number;
  sent?: number;
  followUp?: number;
  outcome?: ExportCase['referrals'][number]['outcome'];
  reference?: string;
  /** Key of the case's consent recorded for this referral. */
  consent?: string;
  threats: string[];
};
type ConsentSeed = Omit<ExportCase['consents'][number], 'id' | 'version' | 'createdAt' | 'updatedAt' | 'givenOn' | 'expiresOn' | 'withdrawnOn' | 'withdrawalNote' | 'recordedBy'> & {
  key: string;
  given: number;
  expires?: number;
  withdrawn?: number;
  withdrawalNote?: string;
};
type TaskSeed = { key: string; title: string; due: number; referral?: string; done?: number };

interface CaseSeed {
  n: number;
  status: ExportCase['status'];
  priority: ExportCase['priority'];
  risk: Array<[level: ExportCase['riskLevel'], offset: number, reason: string]>;
  opened: number;
  closed?: number;
  archived?: number;
  summary: string;
  client: Partial<ExportCase['client']> & Pick<ExportCase['client'], 'legalName'>;
  links: Link[];
  threats: ThreatSeed[];
  evidence?: EvidenceSeed[];
  referrals?: ReferralSeed[];
  consents?: ConsentSeed[];
  notes?: string[];
  tasks?: TaskSeed[];
}

// Offsets are days relative to today (negative: in the past).
const DEMO_CASES: CaseSeed[] = [
  {
    n: 1,
    status: 'referred',
    priority: 'urgent',
    risk: [
      ['medium', -180, 'Initial assessment at intake'],
      ['high', -120, 'Mother questioned by police; summons delivered to family'],
    ],
    opened: -180,
    summary: 'Student activist abroad; family in the home country pressured to make her return.',
    client: {
      legalName: 'Lin Meihua',
      originalNames: ['林美华'],
      aliases: ['Meihua Lin', 'Mei'],
      identityDocuments: ['Passport CN E00000001 (fictional)'],
      dateOfBirth: '1998-04-12',
      nationality: 'China',
      residenceCountry: 'Germany',
      immigrationStatus: 'asylum_seeker',
      languages: ['Mandarin', 'English', 'German'],
      safeContactMethods: 'Signal only; never WeChat',
      safeContactTimes: 'Weekdays after 18:00',
      politicalActivity: 'Organises fictional student reading circle on human rights',
    },
    links: [
      ['linMother', 'family_home', 'mother'],
      ['zhaoGang', 'perpetrator', 'self-described police officer'],
      ['stationOrg', 'perpetrator', 'overseas "service station"'],
      ['interpreterSara', 'interpreter'],
    ],
    threats: [
      { key: 'proxy', on: -150, tacticId: 'threats_from_distance.coercion_by_proxy', country: 'China', city: 'Fuzhou', channel: 'via_family', target: 'linMother', perpetrators: ['zhaoGang'], evidence: ['summons'], description: 'Mother summoned to the local police station and told her daughter must stop “anti-state activities”.', severity: 4, verification: 'corroborated' },
      { key: 'persuade', on: -140, precision: 'range', until: -110, tacticId: 'threats_from_distance.persuade_to_return', country: 'Germany', city: 'Berlin', channel: 'messaging', perpetrators: ['zhaoGang'], evidence: ['chat'], description: 'Repeated WeChat voice messages urging her to “come home and clear things up”.', severity: 3, verification: 'verified' },
      { key: 'station', on: -100, precision: 'month', tacticId: 'threats_from_distance.overseas_police_station', country: 'Netherlands', city: 'Rotterdam', channel: 'in_person', perpetrators: ['stationOrg'], description: 'Invited to a “community service centre” to renew documents; declined.', severity: 3, verification: 'unverified' },
    ],
    evidence: [
      { key: 'summons', kind: 'summons', fileName: 'summons-letter.pdf', description: 'Photo-scan of the (fictional) summons delivered to the mother.', on: -150, from: 'Sent by a cousin via Signal' },
      { key: 'chat', kind: 'photo', fileName: 'IMG_2041.jpg', description: 'Picture taken on the client’s phone (abstract stand-in image).', on: -130, lat: 52.5163, lon: 13.3777, from: 'Client’s phone' },
    ],
    referrals: [
      { key: 'police', created: -125, recipientType: 'police', recipientOrg: 'Berlin State Police (fictional desk)', purposeId: 'police.criminal_complaint', purposeDetail: 'Report of coercion of a resident via family', consent: 'police', status: 'sent', sent: -120, followUp: -5, reference: 'DEMO-BE-4471', threats: ['proxy', 'persuade'] },
      { key: 'tnr', created: -90, recipientType: 'national_tnr_unit', recipientOrg: 'Federal TNR Coordination Unit (fictional)', purposeId: 'national_tnr_unit.intelligence_report', purposeDetail: 'Pattern of overseas police station contact', status: 'in_progress', sent: -85, followUp: 10, reference: 'TNR-DEMO-0091', threats: ['station', 'persuade'] },
    ],
    consents: [
      { key: 'police', recipientType: 'police', recipientOrg: '', purposeIds: ['police.criminal_complaint', 'police.threat_assessment'], purposeDetail: 'Complaint about the pressure on her mother', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', given: -126 },
      { key: 'tnr', recipientType: 'national_tnr_unit', recipientOrg: '', purposeIds: ['national_tnr_unit.threat_assessment', 'national_tnr_unit.intelligence_report'], purposeDetail: 'Case review by the national unit', scopeIdentity: 'pseudonymised', scopeEvidence: true, obtainedHow: 'verbal', given: -92, expires: 180 },
    ],
    notes: ['Client anxious about her mother; agreed to weekly check-in calls.', 'Interpreter present for the second interview.'],
    tasks: [
      { key: 'police-follow', title: 'Chase police for a reference update', due: -5, referral: 'police' },
      { key: 'checkin', title: 'Weekly check-in call', due: 3 },
      { key: 'translate', title: 'Translate summons for the police file', due: -118, done: -119 },
    ],
  },
  {
    n: 2,
    status: 'active',
    priority: 'high',
    risk: [['critical', -300, 'Interpol red notice confirmed at intake']],
    opened: -300,
    summary: 'Red notice and frozen accounts after the home state labelled the client a “terrorist financier”.',
    client: {
      legalName: 'Aynur Tursun',
      originalNames: ['ئاينۇر تۇرسۇن'],
      aliases: ['Ainur Tursun'],
      dateOfBirth: '1986-09-30',
      nationality: 'China',
      residenceCountry: 'Türkiye',
      immigrationStatus: 'refugee',
      languages: ['Uyghur', 'Turkish', 'Mandarin'],
      safeContactMethods: 'Through her lawyer',
      ethnicity: 'Uyghur',
      religion: 'Muslim',
    },
    links: [
      ['tursunBrother', 'family_home', 'brother'],
      ['lawyerOkafor', 'lawyer'],
    ],
    threats: [
      { key: 'red-notice', on: -320, precision: 'month', tacticId: 'co_opting_state.interpol_red_notice', country: 'Türkiye', city: 'Istanbul', channel: 'official_letter', description: 'Stopped at an airport and told a red notice exists.', severity: 5, verification: 'verified' },
      { key: 'accounts', on: -280, tacticId: 'co_opting_state.financial_measures', country: 'Türkiye', city: 'Istanbul', channel: 'official_letter', description: 'Bank froze both accounts citing a foreign counter-terrorism request.', severity: 4, verification: 'corroborated' },
      { key: 'brother', on: -2000, precision: 'year', tacticId: 'threats_from_distance.coercion_by_proxy', country: 'China', city: 'Kashgar', channel: 'via_family', target: 'tursunBrother', description: 'Brother detained; relatives say it is because of her.', severity: 5, verification: 'unverified' },
    ],
    referrals: [
      { key: 'ccf', created: -250, recipientType: 'interpol_ccf', recipientOrg: 'Commission for the Control of INTERPOL’s Files', purposeId: 'interpol_ccf.deletion', purposeDetail: 'Request deletion of the red notice', status: 'acknowledged', sent: -240, followUp: 30, reference: 'CCF/DEMO/2026/118', threats: ['red-notice', 'accounts'] },
    ],
    consents: [
      { key: 'ccf', recipientType: 'interpol_ccf', recipientOrg: '', purposeIds: ['interpol_ccf.access', 'interpol_ccf.deletion'], purposeDetail: '', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'representative', given: -255 },
    ],
    notes: ['Lawyer handles all contact with the client.'],
    tasks: [{ key: 'ccf-deadline', title: 'CCF: submit additional observations', due: 14, referral: 'ccf' }],
  },
  {
    n: 3,
    status: 'monitoring',
    priority: 'normal',
    risk: [['medium', -400, 'Initial assessment at intake']],
    opened: -400,
    summary: 'Community organiser photographed at events; phishing e-mails impersonating a Tibetan NGO.',
    client: {
      legalName: 'Tenzin Norbu',
      originalNames: ['བསྟན་འཛིན་ནོར་བུ'],
      nationality: 'China',
      residenceCountry: 'Switzerland',
      immigrationStatus: 'permanent_resident',
      languages: ['Tibetan', 'German', 'English'],
      ethnicity: 'Tibetan',
      religion: 'Buddhist',
    },
    links: [
      ['norbuSister', 'family_home', 'sister'],
      ['informantWu', 'informant', 'suspected informant'],
    ],
    threats: [
      { key: 'surveillance', on: -380, precision: 'approximate', tacticId: 'threats_from_distance.surveillance', country: 'Switzerland', city: 'Zurich', channel: 'in_person', perpetrators: ['informantWu'], evidence: ['event'], description: 'Same man photographed attendees at three community events.', severity: 3, verification: 'corroborated' },
      { key: 'phishing', on: -360, tacticId: 'threats_from_distance.hacking', country: 'Switzerland', city: 'Zurich', channel: 'email', description: 'E-mail with a malicious attachment posing as an NGO newsletter.', severity: 3, verification: 'verified' },
    ],
    evidence: [{ key: 'event', kind: 'photo', fileName: 'event-photo.jpg', description: 'Abstract stand-in for a photo of the hall entrance.', on: -380, lat: 47.3769, lon: 8.5417, from: 'Client’s phone' }],
    referrals: [{ key: 'ngo', created: -20, recipientType: 'ngo', recipientOrg: 'Digital Safety Helpline (fictional)', purposeId: 'ngo.security_support', purposeDetail: 'Analysis of the phishing e-mail', status: 'draft', threats: ['phishing'] }],
    consents: [
      { key: 'ngo', recipientType: 'ngo', recipientOrg: 'Digital Safety Helpline (fictional)', purposeIds: ['ngo.security_support'], purposeDetail: 'Technical analysis of suspicious messages', scopeIdentity: 'pseudonymised', scopeEvidence: true, obtainedHow: 'verbal', given: -350, expires: 12 },
    ],
    tasks: [{ key: 'renew-consent', title: 'Ask client to renew consent for the helpline', due: 2 }],
  },
  {
    n: 4,
    status: 'closed',
    priority: 'normal',
    risk: [
      ['high', -500, 'Initial assessment at intake'],
      ['low', -200, 'No incidents for three months after police warning'],
    ],
    opened: -500,
    closed: -150,
    summary: 'Stalking and intimidation outside the client’s home; police issued a warning.',
    client: {
      legalName: 'Chen Jianguo',
      originalNames: ['陈建国'],
      dateOfBirth: '1970-01-20',
      nationality: 'Canada',
      residenceCountry: 'Canada',
      immigrationStatus: 'citizen',
      languages: ['Cantonese', 'English'],
      politicalActivity: 'Writes a fictional blog about democracy',
    },
    links: [
      ['chenWife', 'family_abroad', 'wife'],
      ['stalkerUnknown', 'perpetrator'],
      ['zhaoGang', 'perpetrator', 'phoned the client once'],
    ],
    threats: [
      { key: 'stalking', on: -480, precision: 'range', until: -460, tacticId: 'direct_attack.stalking', country: 'Canada', city: 'Toronto', channel: 'in_person', perpetrators: ['stalkerUnknown'], evidence: ['car'], description: 'Grey car parked opposite the house on four evenings.', severity: 3, verification: 'corroborated' },
      { key: 'intimidation', on: -455, tacticId: 'direct_attack.physical_intimidation', country: 'Canada', city: 'Toronto', channel: 'in_person', target: 'chenWife', perpetrators: ['stalkerUnknown'], description: 'Wife followed from the station and told “your husband should be careful”.', severity: 4, verification: 'unverified' },
      { key: 'call', on: -450, tacticId: 'threats_from_distance.direct_threats', country: 'Canada', city: 'Toronto', channel: 'phone', perpetrators: ['zhaoGang'], description: 'Caller “Officer Zhao” said the blog “has consequences”.', severity: 3, verification: 'unverified' },
    ],
    evidence: [{ key: 'car', kind: 'photo', fileName: 'car-outside.jpg', description: 'Abstract stand-in for a photo of the parked car.', on: -470, lat: 43.6532, lon: -79.3832, from: 'Client’s phone' }],
    referrals: [
      { key: 'police', created: -452, recipientType: 'police', recipientOrg: 'Toronto police (fictional unit)', purposeId: 'police.criminal_complaint', purposeDetail: 'Stalking complaint', status: 'closed', outcome: 'action_taken', sent: -450, followUp: -420, reference: 'DEMO-TO-88', threats: ['stalking', 'intimidation'] },
    ],
    consents: [
      { key: 'police', recipientType: 'police', recipientOrg: '', purposeIds: ['police.criminal_complaint'], purposeDetail: 'Stalking complaint', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', given: -453 },
    ],
    notes: ['Police visited; the car has not been seen since.'],
  },
  {
    n: 5,
    status: 'active',
    priority: 'high',
    risk: [['high', -90, 'Passport cancelled; asylum claim pending']],
    opened: -90,
    summary: 'Passport cancelled and consulate refuses services, pushing the client to “return to sort it out”.',
    client: {
      legalName: 'Wang Xiaoli',
      originalNames: ['王晓丽'],
      aliases: ['Shirley Wang'],
      dateOfBirth: '1991-11-02',
      nationality: 'China',
      residenceCountry: 'Australia',
      immigrationStatus: 'visa',
      languages: ['Mandarin', 'English'],
    },
    links: [
      ['wangFather', 'family_home', 'father'],
      ['consulOfficial', 'official'],
    ],
    threats: [
      { key: 'passport', on: -95, tacticId: 'mobility_controls.passport_cancellation', country: 'Australia', city: 'Sydney', channel: 'official_letter', description: 'Passport reported cancelled when she tried to renew it.', severity: 4, verification: 'verified' },
      { key: 'consular', on: -80, tacticId: 'mobility_controls.consular_denial', country: 'Australia', city: 'Sydney', channel: 'in_person', perpetrators: ['consulOfficial'], description: 'Consulate refused a travel document and told her to go back.', severity: 3, verification: 'corroborated' },
    ],
    referrals: [
      { key: 'asylum', created: -60, recipientType: 'asylum_authority', recipientOrg: 'Department of Home Affairs (fictional unit)', purposeId: 'asylum_authority.new_evidence', purposeDetail: 'Supporting evidence for the protection claim', status: 'ready', threats: ['passport', 'consular'] },
    ],
    consents: [
      { key: 'asylum', recipientType: 'asylum_authority', recipientOrg: '', purposeIds: ['asylum_authority.protection_claim', 'asylum_authority.new_evidence'], purposeDetail: 'Protection claim', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', given: -62 },
      { key: 'press', recipientType: 'ngo', recipientOrg: 'Press freedom group (fictional)', purposeIds: ['ngo.advice_advocacy'], purposeDetail: 'Public statement', scopeIdentity: 'pseudonymised', scopeEvidence: false, obtainedHow: 'verbal', given: -70, withdrawn: -40, withdrawalNote: 'Client fears publicity will harm her father.' },
    ],
    tasks: [{ key: 'hearing', title: 'Prepare client for the protection interview', due: 21 }],
  },
  {
    n: 6,
    status: 'referred',
    priority: 'urgent',
    risk: [['critical', -60, 'Extradition request received']],
    opened: -60,
    summary: 'Extradition request and threatened deportation via a third country.',
    client: {
      legalName: 'Farida Nazarova',
      originalNames: ['Фарида Назарова'],
      nationality: 'Tajikistan',
      residenceCountry: 'Poland',
      immigrationStatus: 'asylum_seeker',
      languages: ['Tajik', 'Russian'],
      politicalActivity: 'Member of a fictional opposition movement in exile',
    },
    links: [
      ['nazarovaUncle', 'family_home', 'uncle'],
      ['lawyerOkafor', 'lawyer'],
    ],
    threats: [
      { key: 'extradition', on: -65, tacticId: 'co_opting_state.extradition_request', country: 'Poland', city: 'Warsaw', channel: 'official_letter', description: 'Extradition request on fraud charges she says are fabricated.', severity: 5, verification: 'verified' },
      { key: 'deportation', on: -30, tacticId: 'co_opting_state.deportation', country: 'Poland', city: 'Warsaw', channel: 'official_letter', description: 'Notice of removal to a third country with a readmission agreement.', severity: 5, verification: 'corroborated' },
      { key: 'detention', on: -28, tacticId: 'co_opting_state.detention', country: 'Poland', city: 'Warsaw', channel: 'in_person', description: 'Held for 48 hours at a reception centre.', severity: 4, verification: 'verified' },
    ],
    referrals: [
      { key: 'un', created: -25, recipientType: 'un_special_procedure', recipientOrg: 'UN Special Rapporteur on human rights defenders (fictional submission)', purposeId: 'un_special_procedure.urgent_appeal', purposeDetail: '', status: 'sent', sent: -20, followUp: 7, threats: ['extradition', 'deportation'] },
      { key: 'lawyer', created: -58, recipientType: 'lawyer', recipientOrg: 'Pro bono chambers (fictional)', purposeId: 'lawyer.legal_representation', purposeDetail: 'Representation in extradition hearing', consent: 'lawyer', status: 'closed', outcome: 'declined', sent: -57, reference: 'PB-DEMO-3', threats: ['extradition'] },
    ],
    consents: [
      { key: 'lawyer', recipientType: 'lawyer', recipientOrg: '', purposeIds: ['lawyer.legal_representation', 'lawyer.legal_advice'], purposeDetail: 'Extradition proceedings', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', given: -59 },
      { key: 'un', recipientType: 'un_special_procedure', recipientOrg: '', purposeIds: ['un_special_procedure.urgent_appeal', 'un_special_procedure.allegation_letter'], purposeDetail: '', scopeIdentity: 'named', scopeEvidence: false, obtainedHow: 'written', given: -26 },
    ],
    tasks: [
      { key: 'un-follow', title: 'Follow up on the urgent appeal', due: 7, referral: 'un' },
      { key: 'new-lawyer', title: 'Find new counsel after the chambers declined', due: -50, done: -52 },
    ],
  },
  {
    n: 7,
    status: 'closed',
    priority: 'low',
    risk: [['medium', -260, 'Initial assessment at intake']],
    opened: -260,
    closed: -30,
    summary: 'Smear campaign and publication of the client’s home address.',
    client: { legalName: 'Zhou Hao', originalNames: ['周浩'], nationality: 'China', residenceCountry: 'United Kingdom', immigrationStatus: 'refugee', languages: ['Mandarin', 'English'] },
    links: [['trollAccount', 'perpetrator']],
    threats: [
      { key: 'smear', on: -250, precision: 'range', until: -200, tacticId: 'threats_from_distance.online_harassment', country: 'United Kingdom', city: 'London', channel: 'social_media', perpetrators: ['trollAccount'], description: 'Hundreds of posts calling him a criminal and a traitor.', severity: 2, verification: 'verified' },
      { key: 'dox', on: -210, tacticId: 'threats_from_distance.doxxing', country: 'United Kingdom', city: 'London', channel: 'social_media', perpetrators: ['trollAccount'], description: 'Home address and a photo of his door posted online.', severity: 4, verification: 'verified' },
    ],
    referrals: [
      { key: 'unhcr', created: -200, recipientType: 'unhcr', recipientOrg: 'UNHCR (fictional office)', purposeId: 'unhcr.protection_intervention', purposeDetail: 'Protection concern after doxxing', status: 'closed', outcome: 'no_response', sent: -198, followUp: -150, threats: ['dox'] },
    ],
    consents: [{ key: 'unhcr', recipientType: 'unhcr', recipientOrg: '', purposeIds: ['unhcr.protection_intervention'], purposeDetail: '', scopeIdentity: 'pseudonymised', scopeEvidence: true, obtainedHow: 'verbal', given: -201 }],
  },
  {
    n: 8,
    status: 'intake',
    priority: 'normal',
    risk: [['medium', -10, 'Initial assessment at intake']],
    opened: -10,
    summary: 'Family barred from leaving the home country; cousin’s business licence revoked.',
    client: { legalName: 'Ma Lan', originalNames: ['马兰'], nationality: 'China', residenceCountry: 'France', immigrationStatus: 'unknown', languages: ['Mandarin', 'French'], ethnicity: 'Hui', religion: 'Muslim' },
    links: [['maCousin', 'family_home', 'cousin']],
    threats: [
      { key: 'travel-ban', on: -40, precision: 'month', tacticId: 'mobility_controls.travel_ban', country: 'China', city: 'Linxia', channel: 'via_family', target: 'maCousin', description: 'Cousin stopped at the border and told the family cannot travel abroad.', severity: 3, verification: 'unverified' },
      { key: 'citizenship', on: -15, tacticId: 'mobility_controls.citizenship_revocation', country: 'France', city: 'Lyon', channel: 'email', description: 'E-mail claiming her citizenship “has been reviewed”.', severity: 2, verification: 'unverified' },
      { key: 'licence', on: -35, tacticId: 'other.other', tacticOther: 'Relative’s business licence revoked', country: 'China', city: 'Linxia', channel: 'via_family', target: 'maCousin', description: 'Cousin’s shop licence revoked a week after the client spoke at a rally.', severity: 3, verification: 'unverified' },
    ],
    referrals: [{ key: 'tnr', created: -5, recipientType: 'national_tnr_unit', recipientOrg: 'National TNR contact point (fictional)', purposeId: 'national_tnr_unit.intelligence_report', purposeDetail: 'Register the pattern', status: 'draft', threats: ['travel-ban'] }],
    tasks: [{ key: 'intake', title: 'Complete intake interview', due: 1 }],
  },
  {
    n: 9,
    status: 'active',
    priority: 'urgent',
    risk: [['critical', -45, 'Invited to a third country by a suspected agent']],
    opened: -45,
    summary: 'Job offer in a third country that appears to be a lure.',
    client: { legalName: 'Dolkar Lhamo', originalNames: ['སྒྲོལ་དཀར་ལྷ་མོ'], nationality: 'Nepal', residenceCountry: 'India', immigrationStatus: 'refugee', languages: ['Tibetan', 'Hindi', 'English'], ethnicity: 'Tibetan' },
    links: [['lureBusiness', 'perpetrator', 'offered a job']],
    threats: [
      { key: 'lure', on: -50, tacticId: 'direct_attack.luring', country: 'United Arab Emirates', city: 'Dubai', channel: 'messaging', perpetrators: ['lureBusiness'], evidence: ['offer'], description: 'Generous job offer requiring travel via a country with an extradition treaty.', severity: 5, verification: 'corroborated' },
    ],
    evidence: [{ key: 'offer', kind: 'photo', fileName: 'offer-screenshot.jpg', description: 'Abstract stand-in for a screenshot of the offer.', on: -50, lat: 28.6139, lon: 77.209, from: 'Client’s phone' }],
    referrals: [{ key: 'police', created: -40, recipientType: 'police', recipientOrg: 'Delhi police (fictional cell)', purposeId: 'police.threat_assessment', purposeDetail: 'Warn about a suspected luring attempt', status: 'acknowledged', sent: -39, followUp: -2, reference: 'DL-DEMO-7', threats: ['lure'] }],
    consents: [{ key: 'police', recipientType: 'police', recipientOrg: '', purposeIds: ['police.threat_assessment'], purposeDetail: 'Warning about luring', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', given: -41 }],
    tasks: [{ key: 'safety', title: 'Safety planning session', due: -1 }],
  },
  {
    n: 10,
    status: 'closed',
    priority: 'low',
    risk: [['low', -700, 'Initial assessment at intake']],
    opened: -700,
    closed: -400,
    archived: -390,
    summary: 'Threatening letter resolved after an NGO intervention; archived.',
    client: { legalName: 'Li Wen', originalNames: ['李文'], nationality: 'China', residenceCountry: 'Sweden', immigrationStatus: 'citizen', languages: ['Mandarin', 'Swedish'] },
    links: [],
    threats: [{ key: 'letter', on: -720, precision: 'year', tacticId: 'threats_from_distance.direct_threats', country: 'Sweden', city: 'Stockholm', channel: 'official_letter', description: 'Anonymous letter threatening her publishing work.', severity: 2, verification: 'unverified' }],
    referrals: [{ key: 'ngo', created: -690, recipientType: 'ngo', recipientOrg: 'Writers’ protection network (fictional)', purposeId: 'ngo.advice_advocacy', purposeDetail: 'Letter to the publisher’s association', status: 'closed', outcome: 'action_taken', sent: -688, followUp: -600, threats: ['letter'] }],
    consents: [{ key: 'ngo', recipientType: 'ngo', recipientOrg: '', purposeIds: ['ngo.advice_advocacy'], purposeDetail: 'Advocacy', scopeIdentity: 'named', scopeEvidence: false, obtainedHow: 'written', given: -691, expires: -400 }],
  },
];

async function evidenceBytes(seed: EvidenceSeed, clock: Clock): Promise<{ data: Buffer; mediaType: string }> {
  if (seed.kind === 'photo') {
    return { data: await makeDemoJpeg({ seed: seed.key, latitude: seed.lat ?? 52.52, longitude: seed.lon ?? 13.405, takenAt: clock.date(seed.on, 18) }), mediaType: 'image/jpeg' };
  }
  const data = await makeDemoPdf({
    title: 'Notice to appear (fictional)',
    createdAt: clock.date(seed.on, 8),
    paragraphs: [
      'Issued by: Public Security Bureau of a fictional district. This letter is invented for Casekeeper demo data and refers to no real person or authority.',
      'The family of the person named in the case file is instructed to appear for a "conversation" about their relative living abroad, and to bring the relative\'s current address and telephone number.',
      'Failure to cooperate "may affect the family member\'s employment and the children\'s school enrolment".',
      `Date of issue: ${clock.day(seed.on)}.`,
    ],
  });
  return { data, mediaType: 'application/pdf' };
}

async function buildCase(seed: CaseSeed, clock: Clock): Promise<ExportCase> {
  const key = (suffix: string) => `case${seed.n}:${suffix}`;
  const caseworker = CASEWORKERS[seed.n % CASEWORKERS.length]!;
  const evidence: ExportEvidence[] = [];
  for (const item of seed.evidence ?? []) {
    const { data, mediaType } = await evidenceBytes(item, clock);
    evidence.push({
      ...meta(clock, key(`evidence:${item.key}`), item.on + 1),
      fileName: item.fileName,
      mediaType,
      sizeBytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      collectedAt: clock.at(item.on + 1, 11),
      collectedHow: 'Copied from the client’s phone at intake, in the office',
      collectedBy: caseworker,
      collectedFrom: item.from,
      description: item.description,
      dataBase64: data.toString('base64'),
    });
  }
  const lastRisk = seed.risk[seed.risk.length - 1]!;
  const updated = Math.max(seed.opened, lastRisk[1], ...(seed.referrals ?? []).map((r) => r.created));
  return {
    ...meta(clock, key('case'), seed.opened, updated, 1 + (seed.risk.length - 1) + (seed.archived !== undefined ? 1 : 0)),
    code: `CK-DEMO-${String(seed.n).padStart(3, '0')}`,
    status: seed.status,
    priority: seed.priority,
    riskLevel: lastRisk[0],
    assignedTo: caseworker,
    openedOn: clock.day(seed.opened),
    closedOn: seed.closed === undefined ? null : clock.day(seed.closed),
    summary: `Fictional demo case. ${seed.summary}`,
    archivedAt: seed.archived === undefined ? null : clock.at(seed.archived, 16),
    client: {
      ...meta(clock, key('client'), seed.opened),
      ...DEFAULT_CLIENT,
      ...seed.client,
    },
    riskHistory: seed.risk.map(([level, offset, reason], i) => ({
      id: demoId(key(`risk:${i}`)),
      riskLevel: level,
      changedAt: clock.at(offset, 9),
      changedBy: caseworker,
      reason,
    })),
    contactLinks: seed.links
      .map(([contact, role, relationship]) => ({ contactId: demoId(`contact:${contact}`), role, relationship: relationship ?? '' }))
      .sort((a, b) => a.contactId.localeCompare(b.contactId)),
    threats: seed.threats.map(({ key: threatKey, on, precision, until, tacticOther, target, perpetrators, evidence: evidenceKeys, ...fields }) => ({
      ...meta(clock, key(`threat:${threatKey}`), Math.max(on, seed.opened)),
      ...fields,
      tacticOther: tacticOther ?? '',
      datePrecision: precision ?? 'exact',
      occurredFrom: clock.day(on),
      occurredTo: until === undefined ? null : clock.day(until),
      targetContactId: target ? demoId(`contact:${target}`) : null,
      perpetratorIds: (perpetrators ?? []).map((p) => demoId(`contact:${p}`)).sort(),
      evidenceIds: (evidenceKeys ?? []).map((e) => demoId(key(`evidence:${e}`))).sort(),
    })),
    evidence,
    referrals: (seed.referrals ?? []).map(({ key: referralKey, created, sent, followUp, outcome, reference, consent, threats, ...fields }) => ({
      ...meta(clock, key(`referral:${referralKey}`), created),
      ...fields,
      consentId: consent === undefined ? null : demoId(key(`consent:${consent}`)),
      outcome: outcome ?? null,
      referenceNumber: reference ?? '',
      sentOn: sent === undefined ? null : clock.day(sent),
      followUpOn: followUp === undefined ? null : clock.day(followUp),
      threatIds: threats.map((t) => demoId(key(`threat:${t}`))).sort(),
    })),
    consents: (seed.consents ?? []).map(({ key: consentKey, given, expires, withdrawn, withdrawalNote, ...fields }) => ({
      ...meta(clock, key(`consent:${consentKey}`), given, withdrawn ?? given, withdrawn === undefined ? 1 : 2),
      ...fields,
      recordedBy: caseworker,
      givenOn: clock.day(given),
      expiresOn: expires === undefined ? null : clock.day(expires),
      withdrawnOn: withdrawn === undefined ? null : clock.day(withdrawn),
      withdrawalNote: withdrawalNote ?? '',
    })),
    notes: (seed.notes ?? []).map((body, i) => ({ ...meta(clock, key(`note:${i}`), seed.opened + i + 1), body: `Fictional demo note. ${body}`, author: caseworker })),
    tasks: (seed.tasks ?? []).map((task) => ({
      ...meta(clock, key(`task:${task.key}`), seed.opened + 1, task.done ?? seed.opened + 1, task.done === undefined ? 1 : 2),
      title: task.title,
      dueOn: clock.day(task.due),
      assignedTo: caseworker,
      referralId: task.referral ? demoId(key(`referral:${task.referral}`)) : null,
      doneAt: task.done === undefined ? null : clock.at(task.done, 15),
    })),
  };
}

/** Today as the caseworker's UTC day. */
function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The demo vault's content as an interchange document (so it goes through
 * the same validation and import as any file). Deterministic for a given day.
 */
export async function buildDemoDocument(options: { today?: string } = {}): Promise<ExportDocument> {
  const today = options.today ?? todayUtc();
  const clock = clockFor(today);
  const cases: ExportCase[] = [];
  for (const seed of DEMO_CASES) cases.push(await buildCase(seed, clock));
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: clock.at(0, 0),
    generator: DEMO_GENERATOR,
    contacts: buildContacts(clock),
    cases,
  };
}

