import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { cohortMembers, cohorts, enrolments, users } from '@/db/schema';
import { assessableItems, getModule } from '@/lib/content';
import { wordingReviewsOf } from '@/lib/evidence/wording';
import { NotFoundError } from '@/lib/errors';
import { uuidSchema } from '@/lib/ids';
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

export interface MatrixHead {
  cohort: { id: string; name: string };
  module: { slug: string; code: string; title: string };
  criteria: MatrixCriterion[];
}

export interface MatrixRow {
  id: string;
  name: string;
  statuses: CriterionStatus[];
  met: number;
}

/** A learner's place in the matrix's order (name, then id): where a page starts or ends. */
export interface MatrixPosition {
  name: string;
  id: string;
}

/** A row as the page shows it: with, per criterion, whether its wording changed since it was evidenced or judged. */
export interface MatrixPageRow extends MatrixRow {
  reworded: boolean[];
}

export interface CohortMatrix extends MatrixHead {
  learners: MatrixPageRow[];
  /** Per criterion: how many of this page's learners have met it. */
  metPerCriterion: number[];
  /** Where the previous page ends (this page's first row), or null on the first page. */
  previous: MatrixPosition | null;
  /** Where the next page starts after (this page's last row), or null on the last page. */
  next: MatrixPosition | null;
}

/**
 * Rows per page. A whole-programme cohort holds thousands of learners: the page shows this many, read from the
 * users' name index by keyset (after or before a learner's position), so a page costs the same whatever the cohort.
 */
export const MATRIX_PAGE_SIZE = 50;

const positionSchema = z.tuple([z.string().max(500), uuidSchema()]);

/** A position as it travels in a link (`?after=` / `?before=`): opaque, URL-safe. */
export function encodePosition(p: MatrixPosition): string {
  return Buffer.from(JSON.stringify([p.name, p.id])).toString('base64url');
}

/** A position from a link, or undefined for anything that is not one (then the first page is shown). */
export function decodePosition(value: string | undefined): MatrixPosition | undefined {
  if (!value || value.length > 1000) return undefined;
  try {
    const parsed = positionSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? { name: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

/** The cohort, the module and its criteria: everything of the matrix but its rows. Refuses what does not exist. */
export async function matrixHead(
  actor: Actor,
  input: { cohortId: string; moduleSlug: string },
  db: DbOrTx = getDb(),
): Promise<MatrixHead> {
  requireStaff(actor);
  const mod = getModule(input.moduleSlug);
  const items = mod ? assessableItems(mod.slug) : [];
  if (!mod || items.length === 0) throw new NotFoundError('That module has no criteria to show.');
  const [cohort] = await db
    .select({ id: cohorts.id, name: cohorts.name })
    .from(cohorts)
    .where(eq(cohorts.id, input.cohortId));
  if (!cohort) throw new NotFoundError('That cohort does not exist.');
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
  };
}

/**
 * Up to `limit` learners of the cohort the actor may see who are on the module, in name order, after (or, going
 * back, before) a position. Walks users_learner_name_idx and checks each learner's membership, enrolment and scope
 * by key, so it stops after `limit` matches; for a small cohort PostgreSQL starts from the cohort's members instead.
 */
async function learnersAt(
  db: DbOrTx,
  actor: Actor,
  head: MatrixHead,
  at: { after?: MatrixPosition; before?: MatrixPosition },
  limit: number,
) {
  const back = !at.after && Boolean(at.before);
  const from = at.after ?? at.before;
  const keyset = from
    ? back
      ? sql`(${users.name}, ${users.id}) < (${from.name}, ${from.id}::uuid)`
      : sql`(${users.name}, ${users.id}) > (${from.name}, ${from.id}::uuid)`
    : undefined;
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(cohortMembers, and(eq(cohortMembers.learnerId, users.id), eq(cohortMembers.cohortId, head.cohort.id)))
    .innerJoin(enrolments, and(eq(enrolments.learnerId, users.id), eq(enrolments.moduleSlug, head.module.slug)))
    .where(and(eq(users.role, 'learner'), eq(users.active, true), scopeCondition(db, actor, users.id), keyset))
    .orderBy(...(back ? [desc(users.name), desc(users.id)] : [asc(users.name), asc(users.id)]))
    .limit(limit);
  return back ? rows.reverse() : rows;
}

/** Each learner's statuses on the module's criteria, from the progress figures of those learners only. */
async function rowsOf(
  db: DbOrTx,
  actor: Actor,
  head: MatrixHead,
  learners: { id: string; name: string }[],
): Promise<MatrixRow[]> {
  const ids = learners.map((l) => l.id);
  if (!ids.length) return [];
  const { figures } = await learnerFigures(
    db,
    (column) => and(scopeCondition(db, actor, column), inArray(column, ids))!,
    ids,
  );
  const itemIds = head.criteria.map((c) => c.id);
  return learners.map((l) => {
    const statuses = statusesOf(figures.get(l.id), itemIds);
    return { id: l.id, name: l.name, statuses, met: statuses.filter((s) => s === 'met').length };
  });
}

/**
 * One page of criteria x learners for one cohort and one module: the learners of the cohort the actor may see
 * (assigned to them, or all for an admin) who are enrolled on the module, by name, each criterion's status from
 * lib/progress (through the dashboard figures), and where a criterion's wording changed since it was evidenced or
 * judged (lib/evidence/wording.ts). `after` / `before` name the position a page starts after or ends before; neither
 * is the first page. Five statements whatever the cohort's size (six when a wording changed, more when figures are
 * stale).
 */
export async function cohortMatrix(
  actor: Actor,
  input: { cohortId: string; moduleSlug: string; after?: MatrixPosition; before?: MatrixPosition; size?: number },
  db: DbOrTx = getDb(),
): Promise<CohortMatrix> {
  const head = await matrixHead(actor, input, db);
  const size = input.size ?? MATRIX_PAGE_SIZE;
  let at: { after?: MatrixPosition; before?: MatrixPosition } = input.after
    ? { after: input.after }
    : input.before
      ? { before: input.before }
      : {};
  // One more than a page tells whether there is another page beyond it.
  let found = await learnersAt(db, actor, head, at, size + 1);
  let more = found.length > size;
  if (at.before && !more) {
    // Back at the start: show a full first page rather than the few learners before the position.
    at = {};
    found = await learnersAt(db, actor, head, at, size + 1);
    more = found.length > size;
  }
  const page = at.before ? (more ? found.slice(1) : found) : found.slice(0, size);
  const rows = await rowsOf(db, actor, head, page);
  const itemIds = head.criteria.map((c) => c.id);
  const reviews = await wordingReviewsOf(
    db,
    rows.map((r) => r.id),
    itemIds,
  );
  const learners = rows.map((r) => ({ ...r, reworded: itemIds.map((id) => reviews.get(r.id)?.has(id) ?? false) }));
  const metPerCriterion = head.criteria.map((_, i) => learners.filter((l) => l.statuses[i] === 'met').length);
  const position = (l: MatrixRow | undefined) => (l ? { name: l.name, id: l.id } : null);
  const hasPrevious = at.before ? more : Boolean(at.after);
  const hasNext = at.before ? true : more;
  return {
    ...head,
    learners,
    metPerCriterion,
    previous: hasPrevious ? position(learners[0]) : null,
    next: hasNext ? position(learners.at(-1)) : null,
  };
}

/**
 * Every row of the matrix, `batch` learners at a time by the same keyset as the pages: for the CSV export, which
 * holds one batch in memory whatever the cohort's size. Each learner comes once, in order, even while others are
 * added or removed between batches.
 */
export async function* matrixBatches(
  actor: Actor,
  head: MatrixHead,
  batch = 500,
  db: DbOrTx = getDb(),
): AsyncGenerator<MatrixRow[]> {
  let after: MatrixPosition | undefined;
  for (;;) {
    const learners = await learnersAt(db, actor, head, after ? { after } : {}, batch);
    if (!learners.length) return;
    yield await rowsOf(db, actor, head, learners);
    if (learners.length < batch) return;
    after = learners.at(-1)!;
  }
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
