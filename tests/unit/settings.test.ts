import { describe, expect, it } from 'vitest';
import { centreNameSetting, parseEnv, retentionYearsSetting } from '@/lib/env';

/** RETENTION_YEARS: how long an erased learner's assessment decisions are kept (lib/erasure/retention.ts). */
describe('RETENTION_YEARS', () => {
  const base = { NEXTAUTH_SECRET: 'x'.repeat(32) };
  it('defaults to 6 years and takes a whole number of years from 1 to 100', () => {
    expect(parseEnv(base).RETENTION_YEARS).toBe(6);
    expect(parseEnv({ ...base, RETENTION_YEARS: '10' }).RETENTION_YEARS).toBe(10);
    expect(retentionYearsSetting({})).toBe(6);
    expect(retentionYearsSetting({ RETENTION_YEARS: '' })).toBe(6);
    expect(retentionYearsSetting({ RETENTION_YEARS: '3' })).toBe(3);
  });
  it('stops start-up, and the retention job, with a message naming it when it is not', () => {
    for (const [v, msg] of [
      ['0', 'at least 1 year'],
      ['101', 'at most 100 years'],
      ['6.5', 'whole number of years'],
      ['six', 'whole number of years'],
    ] as const) {
      expect(() => parseEnv({ ...base, RETENTION_YEARS: v })).toThrow(new RegExp(`RETENTION_YEARS: .*${msg}`));
      expect(() => retentionYearsSetting({ RETENTION_YEARS: v })).toThrow(new RegExp(`RETENTION_YEARS: .*${msg}`));
    }
  });
});

/** CENTRE_NAME: the name badges and signed learner records are issued under (lib/badges, lib/record). */
describe('CENTRE_NAME', () => {
  const base = { NEXTAUTH_SECRET: 'x'.repeat(32) };
  it('defaults to Criterion and takes one line of text, trimmed', () => {
    expect(parseEnv(base).CENTRE_NAME).toBe('Criterion');
    expect(centreNameSetting({})).toBe('Criterion');
    expect(centreNameSetting({ CENTRE_NAME: '  Northfield Training Centre ' })).toBe('Northfield Training Centre');
    expect(parseEnv({ ...base, CENTRE_NAME: 'Ysgol Glan Môr' }).CENTRE_NAME).toBe('Ysgol Glan Môr');
  });
  it('stops start-up with a message naming it when it is blank, too long or more than one line', () => {
    for (const [v, msg] of [
      ['   ', 'must not be empty'],
      ['x'.repeat(121), 'at most 120 characters'],
      ['Northfield\nTraining', 'one line of text'],
    ] as const) {
      expect(() => parseEnv({ ...base, CENTRE_NAME: v })).toThrow(new RegExp(`CENTRE_NAME: .*${msg}`));
      expect(() => centreNameSetting({ CENTRE_NAME: v })).toThrow(new RegExp(`CENTRE_NAME: .*${msg}`));
    }
  });
});
