import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { cohortMembers, cohorts, enrolments, users } from '@/db/schema';
import { assessableItems, getModule } from '@/lib/content';
import { NotFoundError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import type { CriterionStatus } from '@/lib/progress/types';
import { criterionLabel, shortLabel } from './labels';
import { requireStaff, scopeCondition } from './scope';
import { learnerFigures, statusesOf } from './progress-cache';

interface MatrixCriterion {
  id: string;
  label: string;
  /** Short column heading, e.g. "PC 3"; `group` tells apart items whose numbers repeat under different headings. */
  short: string;
  group?: string;
  text: string;
}

export interface CohortMatrix {
  cohort: { id: string; name: string };
  module: { slug: string; code: string; title: string };
  criteria: MatrixCriterion[];
  learners: { id: string; name: string; statuses: CriterionStatus[]; met: number }[];
  /** Per criterion: how many learners have met it. */
  metPerCriterion: number[];
}

/**
 * Criteria x learners for one cohort and one module: the learners of the cohort the actor may see (assigned to
 * them, or all for an admin) who are enrolled on the module, each criterion's status from lib/progress.
 */
export async function cohortMatrix(
  actor: Actor,
  input: { cohortId: string; moduleSlug: string },
  db: DbOrTx = getDb(),
): Promise<CohortMatrix> {
  requireStaff(actor);
  const mod = getModule(input.moduleSlug);
  const items = mod ? assessableItems(mod.slug) : [];
  if (!mod || items.length === 0) throw new NotFoundError('That module has no criteria to show.');
  const [cohort] = await db
    .select({ id: cohorts.id, name: cohorts.name })
    .from(cohorts)
    .where(eq(cohorts.id, input.cohortId));
  if (!cohort) throw new NotFoundError('That cohort does not exist.');
  const learners = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(cohortMembers, and(eq(cohortMembers.learnerId, users.id), eq(cohortMembers.cohortId, cohort.id)))
    .innerJoin(enrolments, and(eq(enrolments.learnerId, users.id), eq(enrolments.moduleSlug, mod.slug)))
    .where(and(eq(users.active, true), eq(users.role, 'learner'), scopeCondition(db, actor, users.id)))
    .orderBy(asc(users.name), asc(users.id));
  const ids = items.map((i) => i.id);
  const { figures } = await learnerFigures(
    db,
    (column) => scopeCondition(db, actor, column, cohort.id),
    learners.map((l) => l.id),
  );
  const metPerCriterion = ids.map(() => 0);
  return {
    cohort,
    module: { slug: mod.slug, code: mod.code, title: mod.title },
    criteria: items.map((i) => {
      const short = shortLabel(i);
      return {
        id: i.id,
        label: criterionLabel(i),
        short: short.text,
        ...(short.group && { group: short.group }),
        text: i.text,
      };
    }),
    learners: learners.map((l) => {
      const row = statusesOf(figures.get(l.id), ids);
      row.forEach((s, i) => {
        if (s === 'met') metPerCriterion[i] += 1;
      });
      return { id: l.id, name: l.name, statuses: row, met: row.filter((s) => s === 'met').length };
    }),
    metPerCriterion,
  };
}

/** Cohorts with at least one learner the actor may see, for the matrix's cohort picker. */
export async function scopedCohorts(actor: Actor, db: DbOrTx = getDb()) {
  requireStaff(actor);
  return db
    .selectDistinct({ id: cohorts.id, name: cohorts.name })
    .from(cohorts)
    .innerJoin(cohortMembers, eq(cohortMembers.cohortId, cohorts.id))
    .where(scopeCondition(db, actor, cohortMembers.learnerId))
    .orderBy(asc(cohorts.name));
}
