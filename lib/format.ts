/**
 * Dates and numbers as people in a UK training provider read them: one house style ("3 May 2026, 14:05"), in one time
 * zone, so the server's render and the browser's agree (no hydration mismatch) and a coach and a learner see the
 * same time. Plain functions, no server-only imports: client components use them too.
 */

export const TIME_ZONE = 'Europe/London';
const LOCALE = 'en-GB';

const dateTime = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
});
const dateOnly = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const dayMonth = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', timeZone: TIME_ZONE });
const timeOnly = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
/** A calendar date has no time zone: it is shown as the day it names. */
const calendarDay = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const yearMonth = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: '2-digit', timeZone: TIME_ZONE });
const monthYear = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const numbers = new Intl.NumberFormat(LOCALE);

/** An instant: a Date, or an ISO string as the server sends it to the browser. */
export type Instant = Date | string;
const toDate = (d: Instant): Date => (typeof d === 'string' ? new Date(d) : d);

/** "3 May 2026, 14:05" in UK time. */
export function formatDateTime(d: Instant): string {
  return dateTime.format(toDate(d));
}

/** "3 May 2026": the UK day of an instant. */
export function formatDate(d: Instant): string {
  return dateOnly.format(toDate(d));
}

/** "2026-05": the UK calendar month of an instant (an instant late on 31 May UTC may be June in London). */
export function monthOf(d: Instant): string {
  const parts = yearMonth.formatToParts(toDate(d));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

/** "2026-05" -> "May 2026"; anything unreadable is shown as it is. */
export function formatMonth(month: string): string {
  const t = Date.parse(`${month}-01T00:00:00Z`);
  return Number.isNaN(t) ? month : monthYear.format(t);
}

/** "3 May": the short form, for chart labels where the year is plain from the context. */
export function formatDayMonth(d: Instant): string {
  return dayMonth.format(toDate(d));
}

/** "2026-05-03" -> "3 May 2026": a calendar date (no time zone shift); anything unreadable is shown as it is. */
export function formatDay(isoDate: string): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(t) ? isoDate : calendarDay.format(t);
}

const ukHour = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE });
const isoDay = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: TIME_ZONE,
});

/**
 * The instant a UK calendar day ("2026-05-03") starts: midnight in London, 23:00 UTC the day before in summer time.
 * (The clocks change at 01:00 UTC, so the offset at 00:00 UTC of the day is the one its midnight had.)
 */
export function ukDayStart(isoDate: string): Date {
  const utc = Date.parse(`${isoDate}T00:00:00Z`);
  return new Date(utc - Number(ukHour.format(utc)) * 3_600_000);
}

/** The UK calendar day ("2026-05-03") an instant falls on. */
export function ukDayOf(d: Instant): string {
  return isoDay.format(toDate(d));
}

/** "14:05" today, "3 May 2026, 14:05" otherwise. `now` is passed in so server and browser render the same. */
export function formatWhen(d: Instant, now: Date = new Date()): string {
  const at = toDate(d);
  return dateOnly.format(at) === dateOnly.format(now) ? timeOnly.format(at) : dateTime.format(at);
}

/** "today", "yesterday", "5 days ago", "3 weeks ago": for last-activity columns. */
export function formatAgo(d: Date | null, now = new Date()): string {
  if (!d) return 'never';
  const days = Math.floor((now.getTime() - d.getTime()) / 86_400_000);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${Math.floor(days / 7)} weeks ago`;
  return `${Math.floor(days / 30)} months ago`;
}

/** How long something has waited: "under a day", "1 day", "9 days", "3 weeks", "2 months". */
export function formatWaited(d: Date, now = new Date()): string {
  const days = Math.floor((now.getTime() - d.getTime()) / 86_400_000);
  if (days <= 0) return 'under a day';
  if (days === 1) return '1 day';
  if (days < 14) return `${days} days`;
  if (days < 60) return `${Math.floor(days / 7)} weeks`;
  return `${Math.floor(days / 30)} months`;
}

/** "3,000". */
export function formatNumber(n: number): string {
  return numbers.format(n);
}

/** "1 learner", "1,200 learners", "3 criteria" (with `many`). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
