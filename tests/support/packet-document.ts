import { createHash } from 'node:crypto';
import type { SensitivityClass } from '../../shared/domain/field-sensitivity';
import {
  PACKET_FORMAT,
  PACKET_FORMAT_VERSION,
  packetDocument,
  type PacketDocument,
  type PacketEvidence,
  type PacketField,
  type PacketPerson,
  type PacketTemplate,
  type PacketText,
  type PacketThreat,
  type TemplateSection,
} from '../../shared/domain/packet';

/**
 * A realistic referral packet document, entirely fictional: a client from
 * Shanghai living in the Netherlands, her relatives at home pressured by
 * police, a witness, 12 incidents and 5 evidence files, in Latin, Chinese and
 * Arabic (Uyghur) script. Valid against `packetDocument`; every option keeps
 * it valid. Free texts mark replaced values with {{label}}, which become
 * redacted parts, as the scrubber would produce.
 */

export interface SamplePacketOptions {
  template?: PacketTemplate;
  /** How many incidents (default 12); more than 12 repeats the pattern with new refs and dates. */
  threats?: number;
  /** How many evidence files (default 5). */
  evidence?: number;
  /** 'override': no consent, exported with a written reason. */
  consent?: 'consent' | 'override';
  overrideReason?: string;
  /** Whether the client is named (default) or shown by case code only. */
  named?: boolean;
  packetId?: string;
  caseCode?: string;
}

/** The fictional values in the sample, for tests that look for them. */
export const SAMPLE = {
  packetId: '5b7e2a4c-9d1f-4c3e-8a6b-2f0d1e9c7a35',
  caseCode: 'CK-2026-0042',
  generatedAt: '2026-03-20T14:05:09.000Z',
  client: 'Li Mei',
  clientOriginal: '李梅',
  brotherOriginal: '李伟',
  city: '上海',
  witness: 'Wang Fang',
  witnessOriginal: '王芳',
  uyghurWitness: 'Adil Tursun',
  uyghurWitnessOriginal: 'ئادىل تۇرسۇن',
  overrideReason: 'Imminent risk: the client is unreachable and a removal flight is booked for 24 March; the lawyer asked us to act without waiting.',
} as const;

/** Free text with {{label}} marking a replaced value, split into parts as the scrubber returns them. */
export function samplePacketText(marked: string): PacketText {
  const parts: PacketText['parts'] = [];
  const pattern = /\{\{(.+?)\}\}/g;
  let last = 0;
  for (const match of marked.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: marked.slice(last, match.index), redacted: false });
    parts.push({ text: match[1]!, redacted: true });
    last = match.index + match[0].length;
  }
  if (last < marked.length) parts.push({ text: marked.slice(last), redacted: false });
  return { text: parts.map((p) => p.text).join(''), parts };
}

const field = (key: string, label: string, value: string): PacketField => ({ key, label, value: samplePacketText(value) });

const REDACTION_CLASSES: Record<string, SensitivityClass> = {
  'Relative A (mother)': 'third_party',
  'Relative B (brother)': 'third_party',
  '[phone of Relative A (mother)]': 'contact_details',
  '[address of Relative A (mother)]': 'precise_location',
  '[handle of Relative B (brother)]': 'contact_details',
};

const INCIDENTS: Array<Omit<PacketThreat, 'ref' | 'date' | 'occurredFrom' | 'occurredTo' | 'datePrecision' | 'description' | 'evidenceRefs'> & { description: string }> = [
  {
    tactic: 'Threats from a distance: Coercion by proxy (family threatened, questioned, detained, fired, property seized, schooling denied)',
    channel: 'Through family',
    place: 'Shanghai, China (CN)',
    target: 'Relative A (mother)',
    perpetrators: ['Public Security Bureau officers (Shanghai)'],
    severity: 4,
    verification: 'Corroborated',
    description: 'Two officers visited {{Relative A (mother)}} at {{[address of Relative A (mother)]}} in 上海 and asked when her daughter would come home. They said her pension “could be reviewed”.',
  },
  {
    tactic: 'Threats from a distance: “Persuade-to-return” contact',
    channel: 'Messaging app',
    place: 'Netherlands (NL)',
    target: 'Li Mei',
    perpetrators: ['Unidentified caller using a WeChat account'],
    severity: 3,
    verification: 'Verified',
    description: 'A caller who said he was “an old classmate” urged Li Mei (李梅) to return to 上海 “to settle a family matter” and sent a photo of her mother’s building.',
  },
  {
    tactic: 'Threats from a distance: Surveillance or informants',
    channel: 'In person',
    place: 'Amsterdam, Netherlands (NL)',
    target: 'Li Mei',
    perpetrators: ['Two unidentified men'],
    severity: 3,
    verification: 'Not yet verified',
    description: 'Two men photographed participants at a commemoration the client organised. One of them followed her to the tram stop.',
  },
  {
    tactic: 'Threats from a distance: Direct threats',
    channel: 'Phone call',
    place: 'Netherlands (NL)',
    target: 'Li Mei',
    perpetrators: ['Caller claiming to be from the Shanghai Public Security Bureau'],
    severity: 4,
    verification: 'Corroborated',
    description: 'The caller said that {{Relative B (brother)}} (李伟) “would lose his job” unless she stopped posting. The call came from {{[phone of Relative A (mother)]}}, her mother’s phone.',
  },
  {
    tactic: 'Mobility controls: Passport cancellation or non-renewal',
    channel: 'Official letter',
    place: 'The Hague, Netherlands (NL)',
    target: 'Li Mei',
    perpetrators: ['Consulate of the home country'],
    severity: 3,
    verification: 'Verified',
    description: 'The consulate refused to renew her passport and told her to apply “in person, in 上海”.',
  },
  {
    tactic: 'Threats from a distance: Online harassment or smear campaign',
    channel: 'Social media',
    place: 'Online',
    target: 'Li Mei',
    perpetrators: ['Coordinated accounts (at least 14)'],
    severity: 2,
    verification: 'Verified',
    description: 'Posts calling her a “traitor” and a “terrorist sympathiser” were shared by at least fourteen new accounts within an hour, tagging her employer.',
  },
  {
    tactic: 'Threats from a distance: Coercion by proxy (family threatened, questioned, detained, fired, property seized, schooling denied)',
    channel: 'Through family',
    place: 'Shanghai, China (CN)',
    target: 'Relative B (brother)',
    perpetrators: ['Employer of Relative B, acting on police instruction'],
    severity: 4,
    verification: 'Corroborated',
    description: '{{Relative B (brother)}} was suspended from work “pending a review of family connections abroad”. He messaged from {{[handle of Relative B (brother)]}} asking her to “be quiet for a while”.',
  },
  {
    tactic: 'Threats from a distance: Hacking, spyware or phishing',
    channel: 'E-mail',
    place: 'Online',
    target: 'Li Mei',
    perpetrators: ['Unknown'],
    severity: 3,
    verification: 'Corroborated',
    description: 'A message imitating her university asked her to “confirm her account”; the link led to a credential-harvesting page. Witness Wang Fang (王芳) received the same message.',
  },
  {
    tactic: 'Co-opting another state: Interpol diffusion',
    channel: 'Other',
    place: 'Netherlands (NL)',
    target: 'Li Mei',
    perpetrators: ['Home-country Ministry of Public Security'],
    severity: 5,
    verification: 'Not yet verified',
    description: 'Her lawyer learned that a diffusion may have been circulated on a fraud charge that the client says is fabricated. Adil Tursun (ئادىل تۇرسۇن), a witness, saw the same pattern with his own case.',
  },
  {
    tactic: 'Threats from a distance: Overseas police station contact',
    channel: 'In person',
    place: 'Rotterdam, Netherlands (NL)',
    target: 'Li Mei',
    perpetrators: ['Members of a “service centre” linked to the home-country police'],
    severity: 4,
    verification: 'Corroborated',
    description: 'She was invited to a “service centre” to “help with paperwork” and asked to sign a statement that she would return voluntarily.',
  },
  {
    tactic: 'Direct attack: Stalking',
    channel: 'In person',
    place: 'Amsterdam, Netherlands (NL)',
    target: 'Li Mei',
    perpetrators: ['One of the two men seen at the commemoration (T3)'],
    severity: 4,
    verification: 'Not yet verified',
    description: 'The same man was seen outside her building on three evenings in one week.',
  },
  {
    tactic: 'Threats from a distance: Coercion by proxy (family threatened, questioned, detained, fired, property seized, schooling denied)',
    channel: 'Through family',
    place: 'Shanghai, China (CN)',
    target: 'Relative A (mother)',
    perpetrators: ['Public Security Bureau officers (Shanghai)'],
    severity: 5,
    verification: 'Corroborated',
    description: '{{Relative A (mother)}} was taken for questioning for a day and shown printouts of the client’s posts. She was told to call her daughter in their presence.',
  },
];

const EVIDENCE: Array<Pick<PacketEvidence, 'mediaType' | 'sizeBytes' | 'treatment' | 'collectedAt'> & { ext: string; name: string; how: string; description: string }> = [
  { ext: 'jpg', mediaType: 'image/jpeg', sizeBytes: 184_312, treatment: 're_encoded', collectedAt: '2025-02-03', name: 'IMG_2025-02-03_building.jpg', how: 'Sent by the client over Signal', description: 'The photo of the mother’s building sent by the caller in T2.' },
  { ext: 'png', mediaType: 'image/png', sizeBytes: 402_118, treatment: 're_encoded', collectedAt: '2025-05-11', name: 'screenshot_posts.png', how: 'Screenshot taken by the caseworker', description: 'Screenshot of the coordinated posts (T6), with account names visible.' },
  { ext: 'pdf', mediaType: 'application/pdf', sizeBytes: 96_540, treatment: 'included_as_is', collectedAt: '2025-04-02', name: 'consulate_letter.pdf', how: 'Scanned from the original letter', description: 'The consulate’s refusal to renew the passport (T5).' },
  { ext: 'm4a', mediaType: 'audio/mp4', sizeBytes: 1_820_004, treatment: 'included_as_is', collectedAt: '2025-03-18', name: 'call_recording.m4a', how: 'Recorded by the client on her phone', description: 'Recording of the threatening call in T4. Mandarin; a transcript is in the case file.' },
  { ext: 'jpg', mediaType: 'image/jpeg', sizeBytes: 233_870, treatment: 're_encoded', collectedAt: '2025-09-14', name: 'IMG_street.jpg', how: 'Taken by a neighbour', description: 'The man outside the client’s building (T11).' },
];

function sha(seed: string): string {
  return createHash('sha256').update(`casekeeper-sample:${seed}`).digest('hex');
}

function threatAt(index: number): PacketThreat {
  const base = INCIDENTS[index % INCIDENTS.length]!;
  // Twelve incidents a month apart from January 2025, then onward for longer timelines.
  const month = new Date(Date.UTC(2025, index, 1 + ((index * 7) % 27)));
  const iso = month.toISOString().slice(0, 10);
  const approximate = index % 5 === 4;
  const evidenceRefs = [
    [1, 'E1'],
    [5, 'E2'],
    [4, 'E3'],
    [3, 'E4'],
    [10, 'E5'],
  ]
    .filter(([n]) => n === index)
    .map(([, ref]) => ref as string);
  return {
    ref: `T${index + 1}`,
    date: approximate ? iso.slice(0, 7) : iso,
    occurredFrom: approximate ? `${iso.slice(0, 7)}-01` : iso,
    occurredTo: null,
    datePrecision: approximate ? 'month' : 'exact',
    tactic: base.tactic,
    channel: base.channel,
    place: base.place,
    target: base.target,
    perpetrators: [...base.perpetrators],
    severity: base.severity,
    verification: base.verification,
    description: samplePacketText(index < INCIDENTS.length ? base.description : `${base.description} (Repeated pattern, incident ${index + 1}.)`),
    evidenceRefs,
  };
}

function evidenceAt(index: number, threats: PacketThreat[]): PacketEvidence {
  const base = EVIDENCE[index % EVIDENCE.length]!;
  const ref = `E${index + 1}`;
  const copy = sha(`copy-${index}`);
  return {
    ref,
    path: `evidence/${ref.replace(/^E(\d)$/, 'E0$1')}.${base.ext}`,
    originalName: samplePacketText(base.name),
    mediaType: base.mediaType,
    sizeBytes: base.sizeBytes,
    sha256: copy,
    originalSha256: base.treatment === 're_encoded' ? sha(`original-${index}`) : copy,
    treatment: base.treatment,
    collectedAt: base.collectedAt,
    collectedHow: samplePacketText(base.how),
    description: samplePacketText(base.description),
    threatRefs: threats.filter((t) => t.evidenceRefs.includes(ref)).map((t) => t.ref),
  };
}

function subject(named: boolean, caseCode: string): PacketPerson {
  const fields = named
    ? [
        field('client.originalNames', 'Name in original script', SAMPLE.clientOriginal),
        field('client.aliases', 'Other names and transliterations', 'Mei Li, Lǐ Méi'),
        field('client.dateOfBirth', 'Date of birth', '1991-04-12'),
      ]
    : [];
  return {
    ref: 'P0',
    label: named ? SAMPLE.client : caseCode,
    named,
    role: 'client',
    fields: [
      ...fields,
      field('client.nationality', 'Nationality', 'China (CN)'),
      field('client.residenceCountry', 'Country of residence', 'Netherlands (NL)'),
      field('client.immigrationStatus', 'Immigration status', 'Refugee'),
      field('client.languages', 'Languages', 'Mandarin, English, Dutch (basic)'),
      field('client.politicalActivity', 'Political or human-rights activity', 'Organises yearly commemorations in Amsterdam and writes a blog on labour rights in 上海.'),
    ],
  };
}

const PEOPLE: PacketPerson[] = [
  { ref: 'P1', label: 'Relative A (mother)', named: false, role: 'family_home', fields: [field('contact.role', 'Role', 'Relative in the home country')] },
  { ref: 'P2', label: 'Relative B (brother)', named: false, role: 'family_home', fields: [field('contact.role', 'Role', 'Relative in the home country')] },
  {
    ref: 'P3',
    label: SAMPLE.witness,
    named: true,
    role: 'witness',
    fields: [
      field('contact.role', 'Role', 'Witness'),
      field('contact.originalNames', 'Name in original script', SAMPLE.witnessOriginal),
      field('contact.place', 'Place', 'Utrecht, Netherlands (NL)'),
    ],
  },
  {
    ref: 'P4',
    label: SAMPLE.uyghurWitness,
    named: true,
    role: 'witness',
    fields: [
      field('contact.role', 'Role', 'Witness'),
      field('contact.originalNames', 'Name in original script', SAMPLE.uyghurWitnessOriginal),
      field('contact.place', 'Place', 'Netherlands (NL)'),
    ],
  },
];

const RECIPIENTS: Record<PacketTemplate, { recipient: PacketDocument['recipient']; title: string; profile: PacketDocument['profile'] }> = {
  police_report: {
    recipient: { type: 'police', typeLabel: 'Police', organisation: 'Northport Police Service, Foreign Interference Unit', referenceNumber: 'NPS-2026-11873' },
    title: 'Report of transnational repression for the police',
    profile: { id: 'police', label: 'Police (default)' },
  },
  interpol_ccf: {
    recipient: { type: 'interpol_ccf', typeLabel: 'Commission for the Control of INTERPOL’s Files (CCF)', organisation: 'CCF Secretariat', referenceNumber: 'CCF/2026/0123' },
    title: 'Request to the Commission for the Control of INTERPOL’s Files',
    profile: { id: 'interpol_ccf', label: 'INTERPOL CCF (default)' },
  },
  un_communication: {
    recipient: { type: 'un_special_procedure', typeLabel: 'UN special procedures', organisation: 'Special Rapporteur on the situation of human rights defenders', referenceNumber: '' },
    title: 'Communication to the UN special procedures',
    profile: { id: 'un_special_procedure', label: 'UN special procedures (default)' },
  },
  general: {
    recipient: { type: 'ngo', typeLabel: 'Partner organisation', organisation: 'Safe Harbour Legal Aid', referenceNumber: 'SH-7781' },
    title: 'Referral of a transnational repression case',
    profile: { id: 'ngo', label: 'Partner organisation (default)' },
  },
};

function templateSections(template: PacketTemplate, person: PacketPerson, timeline: PacketThreat[]): TemplateSection[] {
  const period = timeline.length ? `${timeline[0]!.date} to ${timeline[timeline.length - 1]!.date}` : 'No incidents included';
  const places = [...new Set(timeline.map((t) => t.place))].join('; ');
  const overview: TemplateSection = {
    id: 'incidents',
    title: 'Incidents at a glance',
    fields: [field('incidents.count', 'Number of incidents', String(timeline.length)), field('incidents.period', 'Period', period), field('incidents.places', 'Places', places)],
  };
  switch (template) {
    case 'police_report':
      return [
        {
          id: 'request',
          title: 'What we ask',
          fields: [field('request.action', 'Requested action', 'Record these incidents as possible transnational repression, assess the risk to the client, and contact her through the referring organisation.')],
        },
        overview,
      ];
    case 'interpol_ccf':
      return [
        { id: 'ccf.identity', title: 'Identity of the person concerned', fields: [field('ccf.name', 'Name', person.label), ...person.fields.filter((f) => f.key === 'client.nationality')] },
        { id: 'ccf.representation', title: 'Representation', fields: [field('ccf.representative', 'Representative', 'Mr J. de Vries, advocaat (fictional), by power of attorney dated 2026-01-15')] },
        { id: 'ccf.request', title: 'Request', fields: [field('ccf.requestType', 'Type of request', 'Deletion of data')] },
        {
          id: 'ccf.arguments',
          title: 'Arguments',
          fields: [
            field('ccf.political', 'Predominantly political character (Article 3 of INTERPOL’s Constitution)', 'Raised'),
            field('ccf.refugee', 'Refugee status or asylum claim', 'Raised'),
            field(
              'ccf.argumentsText',
              'Further arguments',
              'The charge followed within weeks of her first public commemoration. {{Relative A (mother)}} was questioned about her activities, not about any fraud. Recognised as a refugee in 2024.',
            ),
          ],
        },
        { id: 'ccf.confidential', title: 'Items marked confidential', fields: [field('ccf.confidentialItems', 'To be kept confidential from the requesting country', 'Her current city of residence and the identity of the witnesses.')] },
        overview,
      ];
    case 'un_communication':
      return [
        { id: 'un.victim', title: 'Alleged victim(s)', fields: [field('un.victims', 'Alleged victim(s)', [person.label, 'Relative A (mother)', 'Relative B (brother)'].join('; '))] },
        { id: 'un.perpetrator', title: 'Alleged perpetrator(s)', fields: [field('un.perpetrators', 'Alleged perpetrator(s)', 'Public Security Bureau officers (Shanghai); Consulate of the home country')] },
        { id: 'un.when_where', title: 'Date and place', fields: [field('un.period', 'Date(s)', period), field('un.places', 'Place(s)', places)] },
      ];
    case 'general':
      return [overview];
    default: {
      const unknown: never = template;
      throw new Error(`Unknown template ${String(unknown)}`);
    }
  }
}

/** A valid, realistic PacketDocument (parsed with the zod schema before it is returned). */
export function buildSamplePacketDocument(options: SamplePacketOptions = {}): PacketDocument {
  const template = options.template ?? 'police_report';
  const named = options.named ?? true;
  const caseCode = options.caseCode ?? SAMPLE.caseCode;
  const timeline = Array.from({ length: options.threats ?? 12 }, (_, i) => threatAt(i));
  const evidence = Array.from({ length: options.evidence ?? 5 }, (_, i) => evidenceAt(i, timeline));
  const person = subject(named, caseCode);
  const { recipient, title, profile } = RECIPIENTS[template];
  const purpose = samplePacketText('To have the incidents recorded and assessed, and to protect the client and her family from further pressure.');
  const consent: PacketDocument['consent'] =
    (options.consent ?? 'consent') === 'consent'
      ? {
          kind: 'consent',
          consentId: '0b9d6c51-2f3e-4a8d-9c17-6e5f4a3b2c1d',
          givenOn: '2026-01-12',
          expiresOn: '2027-01-12',
          obtainedHow: 'written',
          scopeIdentity: named ? 'named' : 'pseudonymised',
          scopeEvidence: true,
          purpose,
        }
      : { kind: 'override', reason: samplePacketText(options.overrideReason ?? SAMPLE.overrideReason) };

  const texts: PacketText[] = [
    ...timeline.map((t) => t.description),
    ...templateSections(template, person, timeline).flatMap((s) => s.fields.map((f) => f.value)),
  ];
  const counts = new Map<string, number>();
  for (const part of texts.flatMap((t) => t.parts)) if (part.redacted) counts.set(part.text, (counts.get(part.text) ?? 0) + 1);

  return packetDocument.parse({
    format: PACKET_FORMAT,
    formatVersion: PACKET_FORMAT_VERSION,
    packetId: options.packetId ?? SAMPLE.packetId,
    generatedAt: SAMPLE.generatedAt,
    generator: { name: 'Casekeeper', version: '0.1.0' },
    template,
    title,
    referringOrganisation: { name: 'Lantern Rights Desk', contact: 'casework@lantern-rights.example · +31 20 000 0000' },
    recipient,
    purpose,
    profile,
    consent,
    caseCode,
    subject: person,
    summary: samplePacketText(
      `${named ? SAMPLE.client : caseCode} left 上海 in 2019 and was recognised as a refugee in the Netherlands in 2024. Since she began organising commemorations in 2024, ` +
        'her family at home has been questioned and threatened, she has been contacted to “persuade” her to return, and she has been followed in Amsterdam. ' +
        'The incidents below are in date order; each lists the evidence that supports it.',
    ),
    people: PEOPLE,
    timeline,
    evidence,
    templateSections: templateSections(template, person, timeline),
    disclosureNotes: [
      'Relatives in the home country are shown by role only (“Relative A (mother)”): their names, contact details and addresses are withheld.',
      'Where a withheld name, phone number, handle or address appeared in a description, it is replaced by a label in square brackets.',
      'Internal case notes and risk assessments are never included.',
    ],
    redactions: [...counts].map(([label, count]) => ({ label, sensitivityClass: REDACTION_CLASSES[label] ?? 'third_party', count })),
  });
}
