import 'server-only';
import { getDb, type DbOrTx } from '@/db/client';
import { assessableItems, listModules } from '@/lib/content';
import { enrolledSlugs } from '@/lib/evidence/criteria';
import { authorize, type Actor } from '@/lib/permissions';
import { criterionStatuses, moduleProgress, type ItemStatus, type ModuleProgress } from '@/lib/progress/status';
import type { CriterionStatus } from '@/lib/progress/types';

/**
 * What the module pages show a learner about their own work. Staff read modules as plain content: their
 * view of a learner's statuses is the learner's portfolio, not these pages.
 */

export interface CatalogueProgress {
  enrolled: Set<string>;
  progress: Map<string, ModuleProgress>;
}

/** The learner's enrolled modules and their progress on each module that has criteria. Three queries. */
export async function catalogueProgress(actor: Actor, db: DbOrTx = getDb()): Promise<CatalogueProgress | null> {
  if (actor.role !== 'learner') return null;
  await authorize(actor, 'evidence.view', actor.id, db);
  const [slugs, statuses] = await Promise.all([enrolledSlugs(db, actor.id), criterionStatuses(db, [actor.id])]);
  const mine = statuses.get(actor.id);
  const progress = new Map<string, ModuleProgress>();
  for (const m of listModules()) if (assessableItems(m.slug).length) progress.set(m.slug, moduleProgress(mine, m.slug));
  return { enrolled: new Set(slugs), progress };
}

export interface ModuleStatuses {
  statuses: Map<string, ItemStatus>;
  progress: ModuleProgress;
}

/** What module and item pages fill in after load (components/content/live-statuses.tsx): plain JSON. */
export interface LiveStatuses {
  statuses: Record<string, CriterionStatus> | null;
  progress: ModuleProgress | null;
}

export function toLiveStatuses(mine: ModuleStatuses | null): LiveStatuses {
  return mine
    ? { progress: mine.progress, statuses: Object.fromEntries([...mine.statuses].map(([id, s]) => [id, s.status])) }
    : { progress: null, statuses: null };
}

/** The learner's status on each assessable item of one module, in two indexed queries; null for staff. */
export async function moduleStatuses(actor: Actor, slug: string, db: DbOrTx = getDb()): Promise<ModuleStatuses | null> {
  const statuses = await itemStatuses(
    actor,
    assessableItems(slug).map((i) => i.id),
    db,
  );
  return statuses && { statuses, progress: moduleProgress(statuses, slug) };
}

/** The learner's status on the given items; null for staff or when none of the items is judged. */
export async function itemStatuses(
  actor: Actor,
  itemIds: string[],
  db: DbOrTx = getDb(),
): Promise<Map<string, ItemStatus> | null> {
  if (actor.role !== 'learner' || !itemIds.length) return null;
  await authorize(actor, 'evidence.view', actor.id, db);
  return (await criterionStatuses(db, [actor.id], itemIds)).get(actor.id) ?? new Map<string, ItemStatus>();
}
