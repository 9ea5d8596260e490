import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { learnerCaseload, learnerMetWeeks, learnerProgressCache } from '@/db/schema';
import { assessableItems, getModule, listModules } from '@/lib/content';
import { signOffStates } from '@/lib/progress/unit';
import { worksheetsAwaitingReview } from './activity';
import { computeFigures, contentKey, idList } from './progress-cache';

/**
 * Keeps the caseload index (learner_caseload, learner_met_weeks, and the figures matrix.ts reads from
 * learner_progress_cache) current: every function that changes an input of a learner's figures (evidence, mappings,
 * judgements and the judgements of a report sign-off, enrolments, worksheet hand-ins and comments) calls
 * keepProgressCurrent in its own transaction, so a page never finds figures to compute. The figures are lib/progress's
 * (computeFigures); nothing here decides a status.
 *
 * Triggers (db/sql/011_caseload.sql) queue in progress_stale every learner whose inputs changed, however they changed;
 * recomputing a learner takes them off the queue unless a newer change queued them again meanwhile. What a write
 * outside lib leaves there is worked off by the next caseload load (a bounded number), the server's start-up and
 * `npm run -s progress -- rebuild`, a batch at a time.
 */

interface LearnerRow extends Record<string, unknown> {
  id: string;
  name: string;
  active: boolean;
  role: string;
  created_at: string | Date;
  last_activity: string | Date | null;
}

const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

/** Recomputes the listed learners' caseload rows and figures, inside the caller's transaction when given one. */
export async function keepProgressCurrent(db: DbOrTx, learnerIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(learnerIds)].sort();
  if (!ids.length) return;
  const list = idList(ids);
  // The queue marks first: a change committed after this read leaves a newer mark, which the final delete keeps.
  const marks = rowsOf<{ learner_id: string; mark: string | number }>(
    await db.execute(sql`select learner_id, mark from progress_stale where learner_id = any(${list}::uuid[])`),
  );
  // Versions before the statuses they describe (see progress-cache.ts).
  const versions = rowsOf<{ learner_id: string; v: string | number }>(
    await db.execute(
      sql`select learner_id, status_version as v from learner_activity where learner_id = any(${list}::uuid[])`,
    ),
  );
  const [learners, enrolled, worksheets, figures] = await Promise.all([
    db
      .execute(
        sql`select u.id, u.name, u.active, u.role, u.created_at, a.last_activity
        from users u left join learner_activity a on a.learner_id = u.id where u.id = any(${list}::uuid[])`,
      )
      .then((r) => rowsOf<LearnerRow>(r)),
    db
      .execute(sql`select learner_id, module_slug, enrolled_at from enrolments where learner_id = any(${list}::uuid[])`)
      .then((r) => rowsOf<{ learner_id: string; module_slug: string; enrolled_at: string | Date }>(r)),
    worksheetsAwaitingReview(db, (column) => sql`${column} = any(${list}::uuid[])`),
    computeFigures(db, ids),
  ]);
  const key = contentKey();
  const modules = listModules()
    .map((m) => m.slug)
    .filter((slug) => assessableItems(slug).length > 0);
  const order = new Map(modules.map((slug, i) => [slug, i]));
  const enrolmentsOf = new Map<string, { slug: string; at: Date }[]>();
  for (const e of enrolled) {
    if (!order.has(e.module_slug)) continue;
    const mine = enrolmentsOf.get(e.learner_id) ?? [];
    mine.push({ slug: e.module_slug, at: asDate(e.enrolled_at) });
    enrolmentsOf.set(e.learner_id, mine);
  }
  const version = new Map(versions.map((v) => [v.learner_id, Number(v.v)]));
  const holds = await signOffHolds(db, enrolmentsOf);

  const caseloadRows: (typeof learnerCaseload.$inferInsert)[] = [];
  const weekRows: (typeof learnerMetWeeks.$inferInsert)[] = [];
  const cacheRows: (typeof learnerProgressCache.$inferInsert)[] = [];
  for (const l of learners) {
    if (l.role !== 'learner') continue;
    const f = figures.get(l.id)!;
    const w = worksheets.get(l.id);
    const lastActivity = l.last_activity ? asDate(l.last_activity) : null;
    const row = (slug: string, lines: { slug: string; at: Date }[]) => {
      let total = 0;
      let met = 0;
      let notYetMet = 0;
      let submitted = 0;
      let awaitingCountersignature = 0;
      let signOffSuperseded = 0;
      for (const line of lines) {
        const hold = holds.get(`${l.id}|${line.slug}`);
        if (hold === 'awaiting_countersignature') awaitingCountersignature += 1;
        if (hold === 'superseded') signOffSuperseded += 1;
        total += assessableItems(line.slug).length;
        const [m, n, s] = f.counts[line.slug] ?? [0, 0, 0];
        met += m;
        notYetMet += n;
        submitted += s;
      }
      const first = lines.reduce<Date | null>((acc, e) => (!acc || e.at < acc ? e.at : acc), null);
      caseloadRows.push({
        learnerId: l.id,
        moduleSlug: slug,
        name: l.name,
        active: l.active,
        total,
        met,
        notYetMet,
        submitted,
        progress: total ? met / total : 0,
        since: first ?? asDate(l.created_at),
        lastActivity,
        worksheetsToReview: w?.count ?? 0,
        firstWorksheetToReview: w?.oldest ?? null,
        contentKey: key,
        awaitingCountersignature,
        signOffSuperseded,
      });
    };
    const mine = enrolmentsOf.get(l.id) ?? [];
    row('', mine);
    for (const e of mine) {
      row(e.slug, [e]);
      for (const [week, delta] of f.weeks[e.slug] ?? [])
        weekRows.push({ learnerId: l.id, moduleSlug: e.slug, week, delta, active: l.active });
    }
    const v = version.get(l.id) ?? 0;
    if (v > 0) cacheRows.push({ learnerId: l.id, fingerprint: `v${v}`, contentKey: key, data: f });
  }

  await db.execute(sql`delete from learner_caseload where learner_id = any(${list}::uuid[])`);
  await db.execute(sql`delete from learner_met_weeks where learner_id = any(${list}::uuid[])`);
  for (let i = 0; i < caseloadRows.length; i += 2000)
    await db.insert(learnerCaseload).values(caseloadRows.slice(i, i + 2000));
  for (let i = 0; i < weekRows.length; i += 5000) await db.insert(learnerMetWeeks).values(weekRows.slice(i, i + 5000));
  for (let i = 0; i < cacheRows.length; i += 2000)
    await db
      .insert(learnerProgressCache)
      .values(cacheRows.slice(i, i + 2000))
      .onConflictDoUpdate({
        target: learnerProgressCache.learnerId,
        set: {
          fingerprint: sql`excluded.fingerprint`,
          contentKey: sql`excluded.content_key`,
          data: sql`excluded.data`,
          computedAt: sql`now()`,
        },
      });
  if (marks.length) {
    await db.execute(
      sql`delete from progress_stale s using unnest(${idList(marks.map((m) => m.learner_id))}::uuid[], ${`{${marks.map((m) => m.mark).join(',')}}`}::bigint[]) as x(id, mark)
      where s.learner_id = x.id and s.mark = x.mark`,
    );
  }
}

/**
 * Learners queued by the triggers and, with `content`, those counted over other content than this release's (a scan
 * of the '' rows, for start-up and the rebuild, not for a page): at most `limit` of them, the queue first.
 */
async function behind(db: DbOrTx, limit: number, content: boolean): Promise<string[]> {
  const queued = rowsOf<{ id: string }>(
    await db.execute(sql`select learner_id as id from progress_stale order by mark limit ${limit}`),
  ).map((r) => r.id);
  if (queued.length >= limit || !content) return queued;
  const other = rowsOf<{ id: string }>(
    await db.execute(
      sql`select learner_id as id from learner_caseload where module_slug = '' and content_key <> ${contentKey()}
      limit ${limit - queued.length}`,
    ),
  ).map((r) => r.id);
  return [...new Set([...queued, ...other])];
}

/**
 * Works off learners whose figures are behind, `batch` learners per short transaction, yielding between batches so
 * requests are served meanwhile. `max` bounds the work (a page load catches up a few; the rebuild command, all).
 * Returns how many learners it recomputed.
 */
export async function catchUp(
  db: DbOrTx,
  {
    batch = 200,
    max = Infinity,
    content = true,
    onBatch,
  }: { batch?: number; max?: number; content?: boolean; onBatch?: (done: number) => void } = {},
): Promise<number> {
  let done = 0;
  while (done < max) {
    const ids = await behind(db, Math.min(batch, max - done), content);
    if (!ids.length) break;
    await db.transaction(async (tx) => keepProgressCurrent(tx, ids));
    done += ids.length;
    onBatch?.(done);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return done;
}

/**
 * For `progress rebuild`: counts the counters again from the rows (one transaction), then queues every learner, whom
 * catchUp then recomputes a batch at a time.
 */
export async function queueEveryLearner(db: DbOrTx): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select criterion_recount_caseload()`);
  });
  await db.execute(sql`insert into progress_stale (learner_id) select id from users where role = 'learner'
    on conflict (learner_id) do update set mark = excluded.mark`);
}

/**
 * `learner|module` -> why a unit's sign-off state keeps it out of "All met" whatever its criteria say
 * (lib/progress/unit.ts decides it): its sign-off waits for a countersignature a cohort of the learner requires, or an
 * IQA's disagreement took its sign-off out of force and the assessor has not decided again. One statement per unit
 * signed off by a report.
 */
async function signOffHolds(
  db: DbOrTx,
  enrolmentsOf: Map<string, { slug: string }[]>,
): Promise<Map<string, 'awaiting_countersignature' | 'superseded'>> {
  const out = new Map<string, 'awaiting_countersignature' | 'superseded'>();
  for (const m of listModules().filter((mod) => getModule(mod.slug)?.reportRules)) {
    const learners = [...enrolmentsOf].filter(([, lines]) => lines.some((e) => e.slug === m.slug)).map(([id]) => id);
    if (!learners.length) continue;
    for (const [learnerId, state] of await signOffStates(db, learners, m.slug)) {
      if (state.completion === 'awaiting_countersignature')
        out.set(`${learnerId}|${m.slug}`, 'awaiting_countersignature');
      else if (state.superseded) out.set(`${learnerId}|${m.slug}`, 'superseded');
    }
  }
  return out;
}
