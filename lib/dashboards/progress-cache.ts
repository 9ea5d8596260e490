import 'server-only';
import crypto from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { learnerActivity, learnerProgressCache } from '@/db/schema';
import { assessableItems, listModules } from '@/lib/content';
import { allAssessableIds, moduleProgress } from '@/lib/progress/status';
import type { CriterionStatus } from '@/lib/progress/types';
import { scopedStatuses } from './statuses';

/**
 * Per-learner figures per criterion (the cohort matrix reads them through learnerFigures), stored in the database and
 * checked on every read. progress-current.ts writes them with the caseload's rows in the transaction of every change;
 * the check below is what keeps a reader exact if a write bypassed lib.
 *
 * The figures change only when a learner's evidence, mappings or judgements do. Triggers count those changes in
 * learner_activity.status_version (migration 0006), so each learner's figures are stored with the version they were
 * computed from: an equal version means the stored figures are still exact, a different one means "recompute".
 * The version is read before the statuses it describes, so a change made in between leaves a version that no
 * longer matches, never a stale figure that looks fresh. Any number of app servers can share the cache.
 *
 * The statuses themselves are decided by lib/progress (decideStatus, counted by moduleProgress).
 */

export interface LearnerFigures {
  /** Per module with criteria: [met, not yet met, evidence submitted]. */
  counts: Record<string, [number, number, number]>;
  /** Every assessable criterion's status in allAssessableIds() order, one letter each (see STATUS_LETTER). */
  s: string;
  /** Per module: weeks (since 5 Jan 1970, a Monday, UTC) in which the number of criteria met changed, and by how much. */
  weeks: Record<string, [number, number][]>;
}

const WEEK_MS = 7 * 86_400_000;

const STATUS_LETTER: Record<CriterionStatus, string> = {
  met: 'm',
  not_yet_met: 'n',
  evidence_submitted: 's',
  no_evidence: '-',
};
const LETTER_STATUS: Record<string, CriterionStatus> = {
  m: 'met',
  n: 'not_yet_met',
  s: 'evidence_submitted',
  '-': 'no_evidence',
};
const EPOCH_MONDAY = Date.UTC(1970, 0, 5);

export function weekIndex(t: Date | number): number {
  return Math.floor(((typeof t === 'number' ? t : t.getTime()) - EPOCH_MONDAY) / WEEK_MS);
}

/** The instant a week ends (the next Monday, 00:00 UTC). */
export function weekEnd(week: number): Date {
  return new Date(EPOCH_MONDAY + (week + 1) * WEEK_MS);
}

/** Bump when LearnerFigures changes shape: every stored row is then recomputed. */
const FORMAT = 2;

let contentKeyMemo: string | undefined;
/** Changes when a release adds, removes or renames criteria (or the figures' format): the cache is then recomputed. */
export function contentKey(): string {
  contentKeyMemo ??= crypto
    .createHash('sha256')
    .update(`${FORMAT}\n${allAssessableIds().join('\n')}`)
    .digest('hex')
    .slice(0, 16);
  return contentKeyMemo;
}

export const idList = (ids: string[]) => `{${ids.join(',')}}`;

const fingerprintOf = (version: number) => `v${version}`;

/** Weekly changes in criteria met, replaying judgement history (the newest judgement of a criterion counts). */
async function metChanges(db: DbOrTx, learnerIds: string[]): Promise<Map<string, Record<string, [number, number][]>>> {
  const items = `{${allAssessableIds()
    .map((id) => `"${id}"`)
    .join(',')}}`;
  const rows = rowsOf<{ learner_id: string; module_slug: string; week: number; delta: string | number }>(
    await db.execute(sql`
    with j as (
      select j.learner_id, j.module_slug, j.outcome, j.created_at,
        lead(j.created_at) over (partition by j.learner_id, j.criterion_id order by j.activity_seq) as replaced_at
      from judgements j
      where j.learner_id = any(${idList(learnerIds)}::uuid[]) and j.criterion_id = any(${items}::text[])
    ), events as (
      select learner_id, module_slug, created_at as at, 1 as delta from j where outcome = 'met'
      union all
      select learner_id, module_slug, replaced_at, -1 from j where outcome = 'met' and replaced_at is not null
    )
    select learner_id, module_slug, floor((extract(epoch from at) * 1000 - ${EPOCH_MONDAY}) / ${WEEK_MS})::int as week, sum(delta) as delta
    from events group by 1, 2, 3 having sum(delta) <> 0`),
  );
  const out = new Map<string, Record<string, [number, number][]>>();
  for (const r of rows) {
    const mine = out.get(r.learner_id) ?? {};
    (mine[r.module_slug] ??= []).push([Number(r.week), Number(r.delta)]);
    out.set(r.learner_id, mine);
  }
  for (const mine of out.values()) for (const list of Object.values(mine)) list.sort((a, b) => a[0] - b[0]);
  return out;
}

let warned = false;

function emptyFigures(): LearnerFigures {
  return { counts: {}, s: STATUS_LETTER.no_evidence.repeat(allAssessableIds().length), weeks: {} };
}

/**
 * Each learner's figures counted from their records now: statuses by lib/progress's rule (scopedStatuses applies
 * decideStatus), counted by moduleProgress. Two statements whatever the number of learners.
 */
export async function computeFigures(db: DbOrTx, learnerIds: string[]): Promise<Map<string, LearnerFigures>> {
  const out = new Map<string, LearnerFigures>();
  if (!learnerIds.length) return out;
  const inList = (column: SQL) => sql`${column} = any(${idList(learnerIds)}::uuid[])`;
  const [statuses, changes] = await Promise.all([
    scopedStatuses(db, inList, allAssessableIds()),
    metChanges(db, learnerIds),
  ]);
  const slugs = listModules()
    .map((m) => m.slug)
    .filter((slug) => assessableItems(slug).length > 0);
  for (const id of learnerIds) {
    const counts: LearnerFigures['counts'] = {};
    const mine = statuses.get(id);
    for (const slug of slugs) {
      const p = moduleProgress(mine, slug);
      if (p.met || p.notYetMet || p.submitted) counts[slug] = [p.met, p.notYetMet, p.submitted];
    }
    const letters = allAssessableIds()
      .map((item) => STATUS_LETTER[mine?.get(item)?.status ?? 'no_evidence'])
      .join('');
    out.set(id, { counts, s: letters, weeks: changes.get(id) ?? {} });
  }
  return out;
}

/**
 * Figures for each of `learnerIds` (all in the caller's scope): from the cache where its version still matches,
 * recomputed (and stored again) where it does not; and each learner's last activity (learner_activity), which the
 * caseload shows. One statement when nothing changed; four when something did, whatever the number of learners.
 */
export async function learnerFigures(
  db: DbOrTx,
  scope: (column: SQL) => SQL,
  learnerIds: string[],
): Promise<{ figures: Map<string, LearnerFigures>; lastActivity: Map<string, Date> }> {
  const out = new Map<string, LearnerFigures>();
  const lastActivity = new Map<string, Date>();
  if (!learnerIds.length) return { figures: out, lastActivity };
  const key = contentKey();
  // One statement: each learner's version, last activity and, only where still exact, their stored figures.
  const known = await db
    .select({
      learnerId: learnerActivity.learnerId,
      version: learnerActivity.statusVersion,
      at: learnerActivity.lastActivity,
      data: sql`case when ${learnerProgressCache.fingerprint} = 'v' || ${learnerActivity.statusVersion} and ${learnerProgressCache.contentKey} = ${key}
      then ${learnerProgressCache.data} end`.mapWith(learnerProgressCache.data),
    })
    .from(learnerActivity)
    .leftJoin(learnerProgressCache, eq(learnerProgressCache.learnerId, learnerActivity.learnerId))
    .where(scope(sql.raw('"learner_activity"."learner_id"')));
  const wanted = new Set(learnerIds);
  const current = new Map<string, string>();
  const stale: string[] = [];
  for (const r of known) {
    if (r.at) lastActivity.set(r.learnerId, r.at);
    if (!wanted.has(r.learnerId) || r.version === 0) continue;
    if (r.data) out.set(r.learnerId, r.data as LearnerFigures);
    else {
      stale.push(r.learnerId);
      current.set(r.learnerId, fingerprintOf(r.version));
    }
  }
  // No evidence, mapping or judgement ever recorded (version 0): nothing to count or store.
  for (const id of learnerIds) if (!out.has(id) && !current.has(id)) out.set(id, emptyFigures());
  if (!stale.length) return { figures: out, lastActivity };

  const computed = await computeFigures(db, stale);
  const rows = stale.map((id) => {
    const data = computed.get(id)!;
    out.set(id, data);
    return { learnerId: id, fingerprint: current.get(id)!, contentKey: key, data };
  });
  try {
    for (let i = 0; i < rows.length; i += 5000) {
      await db
        .insert(learnerProgressCache)
        .values(rows.slice(i, i + 5000))
        .onConflictDoUpdate({
          target: learnerProgressCache.learnerId,
          set: {
            fingerprint: sql`excluded.fingerprint`,
            contentKey: sql`excluded.content_key`,
            data: sql`excluded.data`,
            computedAt: sql`now()`,
          },
        });
    }
  } catch (e) {
    // A cache that cannot be written (a read-only replica, a lost race) costs speed, never correctness.
    if (!warned)
      console.warn('learner_progress_cache: could not store dashboard figures:', e instanceof Error ? e.message : e);
    warned = true;
  }
  return { figures: out, lastActivity };
}

let position: Map<string, number> | undefined;

/** The status of each of `itemIds` for a learner, from their figures (no evidence for anything unknown). */
export function statusesOf(figures: LearnerFigures | undefined, itemIds: string[]): CriterionStatus[] {
  position ??= new Map(allAssessableIds().map((id, i) => [id, i]));
  return itemIds.map((id) => {
    const at = position!.get(id);
    return (at !== undefined && figures?.s ? LETTER_STATUS[figures.s[at]] : undefined) ?? 'no_evidence';
  });
}
