/**
 * Dates as people here read them. A fixed time zone, so the server's render and the browser's agree (no hydration
 * mismatch) and a coach and learner in the same programme see the same time.
 */
const TIME_ZONE = 'Europe/London';

const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
const timeOnly = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
const dayOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: TIME_ZONE });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "14:05" today, "3 May 2026, 14:05" otherwise. `now` is passed in so server and browser render the same. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  return dayOnly.format(d) === dayOnly.format(now) ? timeOnly.format(d) : dateTime.format(d);
}
