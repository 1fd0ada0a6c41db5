import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REFERRAL_SCHEMA_FILE, renderReferralJsonSchema, toReferralJson } from '../../shared/domain/packet';
import { buildSamplePacketDocument } from '../support/packet-document';

const COMMITTED = fileURLToPath(new URL(`../../${REFERRAL_SCHEMA_FILE}`, import.meta.url));

describe('referral.json JSON Schema', () => {
  it('the committed schema is exactly what the zod schema generates (regenerate it when packet.ts changes)', () => {
    // To regenerate: npx tsx -e "require('fs').writeFileSync('resources/schemas/casekeeper-referral.v1.schema.json', require('./shared/domain/packet').renderReferralJsonSchema())"
    expect(readFileSync(COMMITTED, 'utf8')).toBe(renderReferralJsonSchema());
  });

  it('referral.json holds plain strings where the preview holds marked parts, and nothing else', () => {
    const json = toReferralJson(buildSamplePacketDocument());
    expect(typeof json.summary).toBe('string');
    expect(typeof json.timeline[0]!.description).toBe('string');
    const schema = JSON.parse(renderReferralJsonSchema()) as { additionalProperties: boolean; properties: Record<string, { const?: unknown }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.format!.const).toBe('casekeeper-referral-packet');
  });
});
