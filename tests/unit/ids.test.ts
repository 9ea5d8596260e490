import { describe, expect, it } from 'vitest';
import { isUuid, uuidSchema } from '@/lib/ids';

describe('lib/ids', () => {
  it('accepts the database uuid shape in either case, nothing else', () => {
    expect(isUuid('0b4e7c1e-3f2a-4d5b-9c8d-7e6f5a4b3c2d')).toBe(true);
    expect(isUuid('0B4E7C1E-3F2A-4D5B-9C8D-7E6F5A4B3C2D')).toBe(true);
    expect(isUuid("00000000-0000-4000-8000-000000000000' or '1'='1")).toBe(false);
    expect(isUuid('0b4e7c1e3f2a4d5b9c8d7e6f5a4b3c2d')).toBe(false);
    expect(isUuid('------------------------------------')).toBe(false);
    expect(isUuid(42)).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });

  it('the schema follows the same rule, with the message it is given', () => {
    expect(uuidSchema().safeParse('0b4e7c1e-3f2a-4d5b-9c8d-7e6f5a4b3c2d').success).toBe(true);
    const refused = uuidSchema('That record could not be found.').safeParse('nope');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('That record could not be found.');
  });
});
