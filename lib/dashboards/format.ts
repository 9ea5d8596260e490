// Dates as people in a UK training provider read them, in one time zone so server and browser agree.
const TZ = 'Europe/London';
const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TZ });
const dateOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: TZ });

export function formatDateTime(d: Date): string {
  return dateTime.format(d);
}

export function formatDate(d: Date | string): string {
  return dateOnly.format(typeof d === 'string' ? new Date(d) : d);
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

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
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
