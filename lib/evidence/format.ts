/** Dates as people read them here (en-GB, UK time), the same on the server and in the browser. */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const MOMENT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

/** "2025-03-01" -> "1 March 2025" (a calendar date: no time zone shift). */
export function formatDay(isoDate: string): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(t) ? isoDate : DAY.format(t);
}

/** An instant -> "1 Mar 2025, 14:05" in UK time. */
export function formatMoment(iso: string | Date): string {
  return MOMENT.format(typeof iso === 'string' ? new Date(iso) : iso);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
