import { z } from 'zod';
import * as r from '../domain/records';
import { disclosureProfile } from '../domain/disclosure-profile';
import { RECIPIENT_TYPES } from '../domain/enums';
import { packetDocument, templateAnswers } from '../domain/packet';
import { saveToken } from './insights-contract';

/**
 * Channels for disclosure profiles and referral packets (issue 4). Merged
 * into the one contract map in contract.ts.
 */
const empty = z.strictObject({});

/** A profile as the vault sees it: shipped as is, a shipped one edited in this vault, or one cloned in this vault. */
export const profileDto = z.strictObject({
  profile: disclosureProfile,
  source: z.enum(['shipped', 'modified', 'custom']),
  updatedAt: z.string().nullable(),
});
export type ProfileDto = z.infer<typeof profileDto>;

export const profileId = z.string().regex(/^[a-z0-9_.]+$/).max(100);

/** Which packet to build. Everything not listed is left out. */
export const packetRequest = z.strictObject({
  referralId: r.recordId,
  /** Omitted: the default profile for the referral's recipient type. */
  profileId: profileId.optional(),
  threatIds: z.array(r.recordId).max(1000),
  evidenceIds: z.array(r.recordId).max(500),
  /** Evidence that cannot be cleaned (not an image) and that the caseworker chose to include unchanged. */
  includeAsIs: z.array(r.recordId).max(500).default([]),
  /** Without a valid consent, export needs a written reason; it is printed in the packet and recorded. */
  overrideReason: z.string().trim().max(2000).nullable().default(null),
  templateAnswers: templateAnswers.default(templateAnswers.parse({})),
  /** Possible matches (scrubPart.key) the caseworker looked at and kept as written: not the withheld person or value. */
  keepPossible: z.array(z.string().max(400)).max(2000).optional(),
});
export type PacketRequest = z.input<typeof packetRequest>;

export const consentGate = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('consent'), consent: r.consentDto }),
  z.strictObject({ state: z.literal('override'), reason: z.string() }),
  z.strictObject({ state: z.literal('blocked'), message: z.string() }),
]);
export type ConsentGate = z.infer<typeof consentGate>;

export const evidenceOption = z.strictObject({
  id: r.recordId,
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  /** Whether the chosen profile (and the consent) lets this file type go at all. */
  allowed: z.boolean(),
  /** 'clean': an image, re-encoded without metadata; 'as_is': can only go unchanged, after an explicit choice. */
  treatment: z.enum(['clean', 'as_is']),
  reason: z.string(),
});

export const packetPreview = z.strictObject({
  document: packetDocument,
  profile: profileDto,
  gate: consentGate,
  threats: z.array(z.strictObject({ id: r.recordId, occurredFrom: z.string(), tactic: z.string(), selected: z.boolean() })),
  evidence: z.array(evidenceOption),
  /** Why export is not possible yet (empty when it is). */
  blockers: z.array(z.string()),
  suggestedFileName: z.string(),
});
export type PacketPreview = z.infer<typeof packetPreview>;

export const packetHistoryEntry = z.strictObject({
  id: z.string(),
  packetId: z.string(),
  referralId: r.recordId,
  createdAt: z.string(),
  createdBy: z.string(),
  fileName: z.string(),
  recipientType: z.enum(RECIPIENT_TYPES),
  profileId: z.string(),
  profileLabel: z.string(),
  consentId: z.string().nullable(),
  overrideReason: z.string().nullable(),
  manifestSha256: z.string(),
  sealed: z.boolean(),
  threatCount: z.number().int(),
  evidenceCount: z.number().int(),
  redactionCount: z.number().int(),
});
export type PacketHistoryEntry = z.infer<typeof packetHistoryEntry>;

export const packetsContract = {
  'profiles:list': { input: empty, output: z.array(profileDto) },
  /** Saves a vault copy of a profile: edits a shipped profile or a custom one. */
  'profiles:save': { input: z.strictObject({ profile: disclosureProfile }), output: profileDto },
  'profiles:clone': { input: z.strictObject({ fromId: profileId, id: profileId, label: z.string().trim().min(1).max(200) }), output: profileDto },
  /** Removes the vault copy: a modified shipped profile goes back to the shipped one; a custom one is deleted. */
  'profiles:reset': { input: z.strictObject({ id: profileId }), output: z.strictObject({ removed: z.boolean() }) },
  'packets:preview': { input: packetRequest, output: packetPreview },
  'packets:export': {
    input: z.strictObject({
      request: packetRequest,
      /** Where to write the ZIP: a one-time token from 'dialog:chooseSaveFile' (purpose 'packet-zip'), never a path. */
      saveToken,
      /** Seals the packet into an AES-256 encrypted ZIP that 7-Zip and other free tools open. */
      sealPassphrase: z.string().min(12, 'Use at least 12 characters to seal a packet.').max(1024).nullable().default(null),
    }),
    output: z.strictObject({ path: z.string(), entry: packetHistoryEntry }),
  },
  'packets:history': { input: z.strictObject({ referralId: r.recordId }), output: z.array(packetHistoryEntry) },
} as const;
