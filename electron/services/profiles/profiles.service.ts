import { AppError } from '../../../shared/errors';
import type { RecipientType } from '../../../shared/domain/enums';
import { disclosureProfile, loadDefaultProfiles, type DisclosureProfile } from '../../../shared/domain/disclosure-profile';
import { RECIPIENT_PHRASES } from '../../../shared/domain/packet-labels';
import type { ProfileDto } from '../../../shared/ipc/packets-contract';
import { appendAudit, diffFields } from '../audit/audit.service';
import type { DbOrTrx, RecordContext } from '../records/context';
import { parseInput } from '../records/validation';
import { profilesRepository as repo } from './profiles.repository';

/**
 * Disclosure profiles of one vault: the shipped defaults, a vault's edits of
 * them (same id, 'modified'), and its clones ('custom'). Stored copies are
 * re-validated on every read, so a profile a newer version wrote in a way this
 * version cannot check is refused rather than half-applied.
 */


function parseStored(id: string, body: string): DisclosureProfile {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    data = undefined;
  }
  const parsed = disclosureProfile.safeParse(data);
  if (!parsed.success || parsed.data.id !== id) {
    throw new AppError('CORRUPT', `The disclosure profile "${id}" stored in this vault cannot be read, so no packet can use it. Reset it in Settings → Disclosure profiles.`);
  }
  return parsed.data;
}

export async function listProfiles(db: DbOrTrx): Promise<ProfileDto[]> {
  const stored = new Map((await repo.all(db)).map((row) => [row.id, row]));
  const out: ProfileDto[] = [];
  for (const shipped of loadDefaultProfiles()) {
    const row = stored.get(shipped.id);
    stored.delete(shipped.id);
    out.push(row ? { profile: parseStored(row.id, row.body), source: 'modified', updatedAt: row.updated_at } : { profile: { ...shipped }, source: 'shipped', updatedAt: null });
  }
  for (const row of stored.values()) out.push({ profile: parseStored(row.id, row.body), source: 'custom', updatedAt: row.updated_at });
  return out;
}

export async function getProfile(db: DbOrTrx, id: string): Promise<ProfileDto> {
  const found = (await listProfiles(db)).find((p) => p.profile.id === id);
  if (!found) throw new AppError('NOT_FOUND', `There is no disclosure profile "${id}". Choose one from the list in Settings → Disclosure profiles.`);
  return found;
}

/** The profile a recipient type uses when none is chosen: the one that lists the type. */
export async function defaultProfileFor(db: DbOrTrx, recipientType: RecipientType): Promise<ProfileDto> {
  const found = (await listProfiles(db)).find((p) => p.profile.recipientTypes.includes(recipientType));
  if (!found) {
    throw new AppError('NOT_FOUND', `No disclosure profile is the default for ${RECIPIENT_PHRASES[recipientType]}. Choose a profile for this packet, or make one the default in Settings → Disclosure profiles.`);
  }
  return found;
}

/** Each recipient type has at most one default profile; a save that would give it two is refused with the way out. */
function assertDefaultsFree(all: readonly ProfileDto[], profile: DisclosureProfile): void {
  for (const type of profile.recipientTypes) {
    const other = all.find((p) => p.profile.id !== profile.id && p.profile.recipientTypes.includes(type));
    if (other) {
      throw new AppError('VALIDATION', `"${other.profile.label}" is already the default for ${RECIPIENT_PHRASES[type]}. Remove ${RECIPIENT_PHRASES[type]} from that profile first, then make this one its default.`);
    }
  }
}

async function audit(ctx: RecordContext, db: DbOrTrx, action: 'create' | 'update' | 'delete', id: string, before: DisclosureProfile | null, after: DisclosureProfile | null): Promise<void> {
  const changes = diffFields(before ? { ...before } : null, after ? { ...after } : {});
  await appendAudit(db, { actor: ctx.actor, at: ctx.now(), action, entity: 'disclosure_profile', entityId: id, caseId: null, changes });
}

/** Saves this vault's copy of a profile: an edit of a shipped profile, or of one cloned earlier. */
export async function saveProfile(ctx: RecordContext, profile: DisclosureProfile): Promise<ProfileDto> {
  const valid = parseInput(disclosureProfile, profile, 'disclosure profile');
  return ctx.db.transaction().execute(async (trx) => {
    const all = await listProfiles(trx);
    const current = all.find((p) => p.profile.id === valid.id);
    if (!current) throw new AppError('NOT_FOUND', `There is no disclosure profile "${valid.id}" to change. Clone a profile to make a new one.`);
    assertDefaultsFree(all, valid);
    const source = current.source === 'custom' ? 'custom' : 'modified';
    const at = ctx.now().toISOString();
    await repo.upsert(trx, { id: valid.id, body: JSON.stringify(valid), source, updated_at: at, updated_by: ctx.actor });
    await audit(ctx, trx, 'update', valid.id, current.profile, valid);
    return { profile: valid, source, updatedAt: at };
  });
}

/** A new profile in this vault, starting from another. It is nobody's default until the caseworker makes it one. */
export async function cloneProfile(ctx: RecordContext, input: { fromId: string; id: string; label: string }): Promise<ProfileDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const all = await listProfiles(trx);
    const from = all.find((p) => p.profile.id === input.fromId);
    if (!from) throw new AppError('NOT_FOUND', `There is no disclosure profile "${input.fromId}" to clone.`);
    if (all.some((p) => p.profile.id === input.id)) throw new AppError('ALREADY_EXISTS', `A disclosure profile with the id "${input.id}" already exists. Choose another id.`);
    const profile = parseInput(disclosureProfile, { ...from.profile, id: input.id, label: input.label, recipientTypes: [] }, 'disclosure profile');
    const at = ctx.now().toISOString();
    await repo.upsert(trx, { id: profile.id, body: JSON.stringify(profile), source: 'custom', updated_at: at, updated_by: ctx.actor });
    await audit(ctx, trx, 'create', profile.id, null, profile);
    return { profile, source: 'custom', updatedAt: at };
  });
}

/** Drops this vault's copy: an edited shipped profile is the shipped one again; a custom profile is deleted. */
export async function resetProfile(ctx: RecordContext, id: string): Promise<{ removed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const all = await listProfiles(trx);
    const current = all.find((p) => p.profile.id === id);
    if (!current || current.source === 'shipped') return { removed: false };
    if (current.source === 'modified') {
      const shipped = loadDefaultProfiles().find((p) => p.id === id)!;
      assertDefaultsFree(all.filter((p) => p.profile.id !== id), shipped);
    }
    await repo.remove(trx, id);
    await audit(ctx, trx, 'delete', id, current.profile, null);
    return { removed: true };
  });
}
