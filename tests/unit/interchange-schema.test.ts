import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT_VERSION, renderExportJsonSchema } from '../../electron/services/interchange/format';

const COMMITTED = fileURLToPath(new URL(`../../resources/schemas/casekeeper-export.v${EXPORT_FORMAT_VERSION}.schema.json`, import.meta.url));

describe('interchange JSON Schema', () => {
  it('the committed schema is exactly what the zod schema generates (regenerate it when format.ts changes)', () => {
    // To regenerate: npx tsx -e "require('fs').writeFileSync('resources/schemas/casekeeper-export.v2.schema.json', require('./electron/services/interchange/format').renderExportJsonSchema())"
    expect(readFileSync(COMMITTED, 'utf8')).toBe(renderExportJsonSchema());
  });

  it('rejects unknown fields everywhere and pins the format name and version', () => {
    const schema = JSON.parse(renderExportJsonSchema()) as { additionalProperties: boolean; properties: Record<string, { const?: unknown }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.format!.const).toBe('casekeeper-export');
    expect(schema.properties.formatVersion!.const).toBe(2);
  });
});
