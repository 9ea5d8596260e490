import type { LearnerFigures } from './progress-cache';
import { weekEnd, weekIndex } from './progress-cache';
import type { TrendPoint } from './types';

/**
 * How many criteria were met at the end of each of the last `weeks` calendar weeks (Monday to Sunday, UTC; the
 * current week ends now), for the listed learners and, for each, the modules shown. lib/progress decides that a
 * criterion is met when its newest judgement says met; progress-cache.ts replays that rule through the (append-only)
 * judgement history as weekly changes, so the last point equals today's count.
 */
export function metByWeek(
  figures: Map<string, LearnerFigures>,
  learners: { id: string; slugs: string[] }[],
  weeks: number,
  now: Date,
): TrendPoint[] {
  const current = weekIndex(now);
  const first = current - weeks + 1;
  const deltas = new Map<number, number>();
  let before = 0;
  for (const l of learners) {
    const f = figures.get(l.id);
    if (!f) continue;
    for (const slug of l.slugs) {
      for (const [week, delta] of f.weeks[slug] ?? []) {
        if (week < first) before += delta;
        else if (week <= current) deltas.set(week, (deltas.get(week) ?? 0) + delta);
      }
    }
  }
  const points: TrendPoint[] = [];
  let running = before;
  for (let w = first; w <= current; w++) {
    running += deltas.get(w) ?? 0;
    points.push({ weekEnding: (w === current ? now : new Date(weekEnd(w).getTime() - 1)).toISOString(), met: running });
  }
  return points;
}
