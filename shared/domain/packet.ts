import { z } from 'zod';
import { RECIPIENT_TYPES } from './enums';
import { SENSITIVITY_CLASSES } from './field-sensitivity';

/**
 * The content of a referral packet after disclosure and scrubbing: what the
 * preview shows, what referral.pdf prints and what referral.json holds. Every
 * string in it may leave the vault; nothing withheld is ever put in it.
 *
 * One definition, two shapes: in the preview each free text is a
 * `PacketText` (the text plus its parts, redactions marked, for highlighting);
 * in referral.json each is a plain string. `packetDocumentShape(text)` builds
 * either, so the two can never drift apart.
 */

export const PACKET_FORMAT = 'casekeeper-referral-packet';
export const PACKET_FORMAT_VERSION = 1;

export const scrubPart = z.strictObject({
  text: z.string(),
  redacted: z.boolean(),
  /** Which rule found the value ("name, other order", "phone number"); only on replaced or kept parts. */
  rule: z.string().optional(),
  /** Why the match is only possible ("part of a name", "inside a longer word"): the caseworker may keep the text. */
  possible: z.string().optional(),
  /** Identifies a possible match for the caseworker's decision (packetRequest.keepPossible). */
  key: z.string().optional(),
  /** A possible match as written in the record, shown only in the preview so the caseworker can decide; never in a packet file. */
  original: z.string().optional(),
});
export type ScrubPart = z.infer<typeof scrubPart>;

/** Free text after scrubbing, with each replaced value marked. */
export const packetText = z.strictObject({ text: z.string(), parts: z.array(scrubPart) });
export type PacketText = z.infer<typeof packetText>;

export const redaction = z.strictObject({
  /** The label that replaced the value: "Relative A (mother)", "[phone of Relative A]". Never the value. */
  label: z.string(),
  sensitivityClass: z.enum(SENSITIVITY_CLASSES),
  count: z.number().int().min(1),
});
export type Redaction = z.infer<typeof redaction>;

export const PACKET_TEMPLATES = ['police_report', 'interpol_ccf', 'un_communication', 'general'] as const;
export type PacketTemplate = (typeof PACKET_TEMPLATES)[number];
export const CCF_REQUEST_TYPES = ['access', 'correction', 'deletion'] as const;
export type CcfRequestType = (typeof CCF_REQUEST_TYPES)[number];

/** What the caseworker adds for a recipient template. Scrubbed like every other text before it goes in. */
export const templateAnswers = z.strictObject({
  /** Interpol CCF: who represents the client. */
  representation: z.string().max(2000).default(''),
  /** Interpol CCF: the kind of request. */
  requestType: z.enum(CCF_REQUEST_TYPES).nullable().default(null),
  /** Interpol CCF: arguments raised. */
  argumentPoliticalCharacter: z.boolean().default(false),
  argumentRefugeeStatus: z.boolean().default(false),
  argumentsText: z.string().max(20000).default(''),
  /** Interpol CCF and UN: what the recipient must keep confidential. */
  confidentialItems: z.string().max(5000).default(''),
  /** Police: what the referring organisation asks the recipient to do. */
  requestedAction: z.string().max(5000).default(''),
});
export type TemplateAnswers = z.output<typeof templateAnswers>;

export const EVIDENCE_TREATMENTS = ['re_encoded', 'included_as_is'] as const;
export type EvidenceTreatment = (typeof EVIDENCE_TREATMENTS)[number];

/** Builds the document schema with `text` as the type of every free text. */
export function packetDocumentShape<T extends z.ZodType>(text: T) {
  const field = z.strictObject({ key: z.string(), label: z.string(), value: text });
  const person = z.strictObject({
    /** "P1", "P2"…; the client is "P0". */
    ref: z.string(),
    /** The real name when disclosed, otherwise the case code or a role label such as "Relative A (mother)". */
    label: z.string(),
    named: z.boolean(),
    /** "client", or the person's role on this case. */
    role: z.string(),
    fields: z.array(field),
  });
  const threat = z.strictObject({
    /** "T1", "T2"… in date order. */
    ref: z.string(),
    /** The date or range at its recorded precision: "2026-03-14", "March 2026", "2025". */
    date: z.string(),
    occurredFrom: z.string(),
    occurredTo: z.string().nullable(),
    datePrecision: z.string(),
    tactic: z.string(),
    channel: z.string(),
    /** "Shanghai, China (CN)", or "China (CN)" where places are generalised. */
    place: z.string(),
    /** Label of whoever was targeted. */
    target: z.string(),
    perpetrators: z.array(z.string()),
    severity: z.number().int(),
    verification: z.string(),
    description: text,
    evidenceRefs: z.array(z.string()),
  });
  const evidence = z.strictObject({
    /** "E1", "E2"… */
    ref: z.string(),
    /** Path inside the packet: "evidence/E01.jpg". Never the original file name. */
    path: z.string(),
    /** The original file name after scrubbing. */
    originalName: text,
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    /** SHA-256 of the copy in the packet. */
    sha256: z.string(),
    /** SHA-256 of the original kept in the vault (differs when the copy was re-encoded). */
    originalSha256: z.string(),
    treatment: z.enum(EVIDENCE_TREATMENTS),
    collectedAt: z.string(),
    collectedHow: text,
    description: text,
    threatRefs: z.array(z.string()),
  });
  const consent = z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('consent'),
      consentId: z.string(),
      givenOn: z.string(),
      expiresOn: z.string().nullable(),
      obtainedHow: z.string(),
      scopeIdentity: z.enum(['named', 'pseudonymised']),
      scopeEvidence: z.boolean(),
      purpose: text,
    }),
    z.strictObject({ kind: z.literal('override'), reason: text }),
  ]);
  return z.strictObject({
    format: z.literal(PACKET_FORMAT),
    formatVersion: z.literal(PACKET_FORMAT_VERSION),
    packetId: z.string(),
    generatedAt: z.string(),
    generator: z.strictObject({ name: z.literal('Casekeeper'), version: z.string() }),
    template: z.enum(PACKET_TEMPLATES),
    /** Cover-page title, e.g. "Referral to the police". */
    title: z.string(),
    referringOrganisation: z.strictObject({ name: z.string(), contact: z.string() }),
    recipient: z.strictObject({ type: z.enum(RECIPIENT_TYPES), typeLabel: z.string(), organisation: z.string(), referenceNumber: z.string() }),
    purpose: text,
    profile: z.strictObject({ id: z.string(), label: z.string() }),
    consent,
    caseCode: z.string(),
    /** The client as shown in this packet (named or pseudonymised). */
    subject: person,
    summary: text,
    /** Other people who appear in the packet, by label. */
    people: z.array(person),
    timeline: z.array(threat),
    evidence: z.array(evidence),
    /** Blocks specific to the recipient template: the CCF request, the UN communication, the police report. */
    templateSections: z.array(z.strictObject({ id: z.string(), title: z.string(), fields: z.array(field) })),
    /** Plain-language statements of what the packet leaves out. */
    disclosureNotes: z.array(z.string()),
    /** What was replaced, by label and class, with counts. Never the values. */
    redactions: z.array(redaction),
  });
}

/** The preview's document: every free text with its redactions marked. */
export const packetDocument = packetDocumentShape(packetText);
export type PacketDocument = z.infer<typeof packetDocument>;
export type PacketPerson = PacketDocument['subject'];
export type PacketField = PacketPerson['fields'][number];
export type PacketThreat = PacketDocument['timeline'][number];
export type PacketEvidence = PacketDocument['evidence'][number];
export type PacketConsent = PacketDocument['consent'];
export type TemplateSection = PacketDocument['templateSections'][number];

/** referral.json: the same document with plain strings. Its JSON Schema is resources/schemas/casekeeper-referral.v1.schema.json. */
export const referralJsonDocument = packetDocumentShape(z.string());
export type ReferralJsonDocument = z.infer<typeof referralJsonDocument>;

function isPacketText(value: unknown): value is PacketText {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 2 && 'text' in value && 'parts' in value;
}

/** The referral.json form of a document: every PacketText becomes its text. */
export function toReferralJson(document: PacketDocument): ReferralJsonDocument {
  const plain = (value: unknown): unknown => {
    if (isPacketText(value)) return value.text;
    if (Array.isArray(value)) return value.map(plain);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    return value;
  };
  return referralJsonDocument.parse(plain(document));
}

export const REFERRAL_SCHEMA_FILE = `resources/schemas/casekeeper-referral.v${PACKET_FORMAT_VERSION}.schema.json`;

/** The JSON Schema of referral.json, committed at REFERRAL_SCHEMA_FILE (a test keeps the two equal). */
export function renderReferralJsonSchema(): string {
  const { $schema, ...rest } = z.toJSONSchema(referralJsonDocument, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  const schema = {
    $schema,
    $id: `https://casekeeper.invalid/schemas/casekeeper-referral.v${PACKET_FORMAT_VERSION}.schema.json`,
    title: `Casekeeper referral packet (referral.json), format version ${PACKET_FORMAT_VERSION}`,
    description:
      'The machine-readable content of a sanitised referral packet: the same content as referral.pdf, after the disclosure profile, the consent and free-text scrubbing were applied. Withheld people appear only by label ("Relative A (mother)"). Generated from shared/domain/packet.ts; see docs/referral-packets.md.',
    ...rest,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
