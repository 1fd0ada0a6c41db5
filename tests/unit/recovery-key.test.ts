import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey } from '../../electron/services/vault/recovery-key';

describe('recovery keys', () => {
  it('are 200 random bits shown as eight groups of five unambiguous characters', () => {
    const { display, bytes } = generateRecoveryKey();
    expect(bytes).toHaveLength(25);
    expect(display).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){7}$/);
    expect(generateRecoveryKey().display).not.toBe(display);
  });

  it('read back exactly, however a person types them', () => {
    for (let i = 0; i < 50; i += 1) {
      const { display, bytes } = generateRecoveryKey();
      expect(parseRecoveryKey(display).equals(bytes)).toBe(true);
      const sloppy = ` ${display.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `;
      expect(parseRecoveryKey(sloppy).equals(bytes)).toBe(true);
    }
  });

  it('known bytes give a known key (the format never silently changes)', () => {
    expect(formatRecoveryKey(Buffer.alloc(25, 0))).toBe('00000-00000-00000-00000-00000-00000-00000-00000');
    expect(formatRecoveryKey(Buffer.alloc(25, 0xff))).toBe('ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ');
  });

  it.each(['', 'ABCDE-FGHJK', 'UUUUU-UUUUU-UUUUU-UUUUU-UUUUU-UUUUU-UUUUU-UUUUU', `${'0'.repeat(41)}`])(
    'a malformed key (%j) gets a message about its shape',
    (text) => {
      expect(() => parseRecoveryKey(text)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    },
  );
});
