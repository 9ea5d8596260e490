import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatDate,
  formatDateTime,
  formatDay,
  formatDayMonth,
  formatNumber,
  formatWaited,
  formatWhen,
  plural,
  TIME_ZONE,
} from '@/lib/format';

describe('lib/format: dates in UK time', () => {
  it('uses one time zone', () => {
    expect(TIME_ZONE).toBe('Europe/London');
  });

  it('moves to BST at 01:00 UTC on the last Sunday of March', () => {
    expect(formatDateTime('2026-03-29T00:59:00Z')).toBe('29 Mar 2026, 00:59');
    expect(formatDateTime('2026-03-29T01:00:00Z')).toBe('29 Mar 2026, 02:00');
  });

  it('goes back to GMT at 01:00 UTC on the last Sunday of October (01:30 happens twice)', () => {
    expect(formatDateTime(new Date('2026-10-25T00:30:00Z'))).toBe('25 Oct 2026, 01:30');
    expect(formatDateTime(new Date('2026-10-25T01:30:00Z'))).toBe('25 Oct 2026, 01:30');
    expect(formatDateTime('2026-10-25T02:30:00Z')).toBe('25 Oct 2026, 02:30');
  });

  it('gives the UK day of an instant, which in summer starts at 23:00 UTC', () => {
    expect(formatDate('2026-06-30T23:30:00Z')).toBe('1 Jul 2026');
    expect(formatDate(new Date('2026-12-31T23:30:00Z'))).toBe('31 Dec 2026');
    expect(formatDayMonth('2026-06-30T23:30:00Z')).toBe('1 Jul');
  });

  it('shows a calendar date as the day it names, whatever the clock', () => {
    expect(formatDay('2026-03-29')).toBe('29 Mar 2026');
    expect(formatDay('2026-10-25')).toBe('25 Oct 2026');
    expect(formatDay('not a date')).toBe('not a date');
  });

  it('shows only the time for today (the UK day), else the date and time', () => {
    const now = new Date('2026-07-01T00:10:00Z'); // 01:10 BST on 1 July
    expect(formatWhen('2026-06-30T23:30:00Z', now)).toBe('00:30');
    expect(formatWhen('2026-06-30T22:30:00Z', now)).toBe('30 Jun 2026, 23:30');
  });

  it('says how long ago and how long something waited', () => {
    const now = new Date('2026-05-20T12:00:00Z');
    const daysBefore = (n: number) => new Date(now.getTime() - n * 86_400_000);
    expect(
      [null, daysBefore(0), daysBefore(1), daysBefore(5), daysBefore(21), daysBefore(90)].map((d) => formatAgo(d, now)),
    ).toEqual(['never', 'today', 'yesterday', '5 days ago', '3 weeks ago', '3 months ago']);
    expect(
      [daysBefore(0), daysBefore(1), daysBefore(9), daysBefore(21), daysBefore(61)].map((d) => formatWaited(d, now)),
    ).toEqual(['under a day', '1 day', '9 days', '3 weeks', '2 months']);
  });
});

describe('lib/format: numbers', () => {
  it('separates thousands with commas', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(3000)).toBe('3,000');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(-1500)).toBe('-1,500');
  });

  it('plural: one, many, a plural of its own, and thousands', () => {
    expect(plural(1, 'learner')).toBe('1 learner');
    expect(plural(0, 'learner')).toBe('0 learners');
    expect(plural(2, 'learner')).toBe('2 learners');
    expect(plural(3, 'criterion', 'criteria')).toBe('3 criteria');
    expect(plural(1, 'criterion', 'criteria')).toBe('1 criterion');
    expect(plural(12000, 'word')).toBe('12,000 words');
  });
});
