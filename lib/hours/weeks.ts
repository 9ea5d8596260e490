/** Calendar arithmetic on ISO days (YYYY-MM-DD), which are already UK days: no time zone enters. */

const DAY_MS = 86_400_000;
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return toDay(toTime(day) + n * DAY_MS);
}

/** The Monday of the day's week. */
export function mondayOf(day: string): string {
  const dow = new Date(toTime(day)).getUTCDay(); // 0 Sunday
  return addDays(day, -((dow + 6) % 7));
}

/** Whole days from a to b (negative when b is earlier). */
function daysBetween(a: string, b: string): number {
  return Math.round((toTime(b) - toTime(a)) / DAY_MS);
}

/** "2 h 05 min", "45 min", "3 h": how a duration is written everywhere. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${String(m).padStart(2, '0')} min` : `${h} h`;
}

/**
 * The time a plan of `minutesPerWeek` asks for from the day a learner joined to today, both included (the day they
 * join already has its share): the one rule for "planned to date", per learner and per cohort.
 */
export function plannedToDate(minutesPerWeek: number, since: string, today: string): number {
  return Math.round((minutesPerWeek * Math.max(0, daysBetween(since, today) + 1)) / 7);
}
