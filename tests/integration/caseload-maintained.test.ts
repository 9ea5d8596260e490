import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import {
  cohortMembers,
  cohorts,
  enrolments,
  evidence,
  evidenceCriteria,
  learnerCaseload,
  progressStale,
  reportVersions,
  staffAssignments,
  users,
  worksheetComments,
  worksheetSubmissions,
} from '@/db/schema';
import { enrol, unenrol } from '@/lib/admin/enrolments';
import { assessableItems } from '@/lib/content';
import { caseload, progressModules } from '@/lib/dashboards/caseload';
import { catchUp, keepProgressCurrent } from '@/lib/dashboards/progress-current';
import type { CaseloadStatus } from '@/lib/dashboards/types';
import { criterionStatuses, moduleProgress } from '@/lib/progress/status';
import { decide } from '@/lib/reports/assess';
import { getLearnerReport, saveDraft } from '@/lib/reports/drafts';
import { submitReport } from '@/lib/reports/submit';
import { allCriterionIds, allRangeIds, REPORT_MODULE_SLUG, reportUnit } from '@/lib/reports/unit';
import type { Actor } from '@/lib/permissions';
import { useTestDatabase } from '../helpers/db';
import { createEvidence, updateEvidence } from '../helpers/evidence';
import { assign, makeUser, type TestUser } from '../helpers/fixtures';
import { judge } from '../helpers/judgements';
import { reportWithCountedWords } from '../fixtures/reports/make';

/**
 * Issue 19: the caseload reads figures kept in learner_caseload instead of counting every learner per request. Here
 * every input of those figures changes, through lib (recomputed in the same transaction) and behind lib's back (raw
 * SQL: the triggers queue the learner), and after each change the maintained rows must equal a from-scratch count by
 * lib/progress (criterionStatuses + moduleProgress: the one rule), and the caseload's counts a count over those.
 */
useTestDatabase();

const DAY = 86_400_000;
const NOW = new Date();

let admin: TestUser;
let coach: TestUser;
let assessor: TestUser;
let learners: TestUser[];
let cohortA: string;
let cohortB: string;

const account = (criteria: string[], title = 'What I did') => ({
  kind: 'account',
  title,
  occurredOn: '2025-03-01',
  description: '',
  body: 'I did it and here is how.',
  criteria: criteria.map((id) => ({ id, note: '' })),
});

/** What learner_caseload must hold, computed from scratch by lib/progress for every learner. */
async function fromScratch() {
  const db = getDb();
  const people = await db.select().from(users).where(eq(users.role, 'learner'));
  const statuses = await criterionStatuses(
    db,
    people.map((p) => p.id),
  );
  const withCriteria = new Set(progressModules().map((m) => m.slug));
  const enrolled = await db.select().from(enrolments);
  const waiting = rowsOf<{ learner_id: string; n: string | number }>(
    await db.execute(sql`select s.learner_id, count(*) as n from worksheet_submissions s
      where not exists (select 1 from worksheet_submissions s2 where s2.learner_id = s.learner_id and s2.module_slug = s.module_slug and s2.number > s.number)
        and not exists (select 1 from worksheet_comments c where c.submission_id = s.id)
      group by s.learner_id`),
  );
  const ws = new Map(waiting.map((w) => [w.learner_id, Number(w.n)]));
  const rows: Record<string, unknown>[] = [];
  for (const p of people) {
    const mine = enrolled.filter((e) => e.learnerId === p.id && withCriteria.has(e.moduleSlug));
    const sum = { total: 0, met: 0, notYetMet: 0, submitted: 0 };
    for (const e of mine) {
      const m = moduleProgress(statuses.get(p.id), e.moduleSlug);
      expect(m.total).toBe(assessableItems(e.moduleSlug).length);
      rows.push({
        learnerId: p.id,
        moduleSlug: e.moduleSlug,
        total: m.total,
        met: m.met,
        notYetMet: m.notYetMet,
        submitted: m.submitted,
      });
      sum.total += m.total;
      sum.met += m.met;
      sum.notYetMet += m.notYetMet;
      sum.submitted += m.submitted;
    }
    rows.push({ learnerId: p.id, moduleSlug: '', ...sum, name: p.name, active: p.active, ws: ws.get(p.id) ?? 0 });
  }
  return rows;
}

async function maintained() {
  const rows = await getDb().select().from(learnerCaseload);
  return rows.map((r) => ({
    learnerId: r.learnerId,
    moduleSlug: r.moduleSlug,
    total: r.total,
    met: r.met,
    notYetMet: r.notYetMet,
    submitted: r.submitted,
    ...(r.moduleSlug === '' && { name: r.name, active: r.active, ws: r.worksheetsToReview }),
  }));
}

const key = (r: Record<string, unknown>) => `${r.learnerId as string}/${r.moduleSlug as string}`;
const byKey = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

/** After a write through lib: current at once, with nothing left queued for those learners. */
async function expectCurrentNow() {
  const queued = await getDb().select().from(progressStale);
  expect(queued.filter((q) => learners.some((l) => l.id === q.learnerId))).toEqual([]);
  expect(byKey(await maintained())).toEqual(byKey(await fromScratch()));
}

/** After a write behind lib's back: queued by the triggers, and current after the next caseload load. */
async function expectQueuedThenCurrent(who: TestUser[]) {
  const queued = new Set((await getDb().select().from(progressStale)).map((q) => q.learnerId));
  for (const l of who) expect(queued.has(l.id), `${l.name} queued`).toBe(true);
  await expectCaseloadAgrees();
  expect(await getDb().select().from(progressStale)).toEqual([]);
  expect(byKey(await maintained())).toEqual(byKey(await fromScratch()));
}

/** The caseload's counts and filters against the scratch figures (statuses as lib/dashboards/types.ts defines them). */
async function expectCaseloadAgrees() {
  const load = await caseload(coach, {}, undefined, NOW);
  const scratch = (await fromScratch()).filter((r) => r.moduleSlug === '' && r.active);
  // Quiet since: the learner's last activity, else their first enrolment on a module with criteria, else the account.
  const quiet = rowsOf<{ id: string; at: string | Date }>(
    await getDb().execute(sql`select u.id, coalesce(a.last_activity,
        (select min(e.enrolled_at) from enrolments e where e.learner_id = u.id and e.module_slug = any(${`{${progressModules()
          .map((m) => m.slug)
          .join(',')}}`}::text[])), u.created_at) as at
      from users u left join learner_activity a on a.learner_id = u.id where u.role = 'learner'`),
  );
  const quietSince = new Map(quiet.map((q) => [q.id, new Date(q.at).getTime()]));
  const status = (r: Record<string, unknown>) => {
    const [total, met, nym, sub, ws] = [r.total, r.met, r.notYetMet, r.submitted, r.ws].map(Number);
    const complete = total > 0 && met === total;
    const stuck = nym >= 3 || (!complete && NOW.getTime() - quietSince.get(r.learnerId as string)! >= 14 * DAY);
    const out: CaseloadStatus[] = [];
    if (stuck) out.push('stuck');
    if (sub > 0) out.push('awaiting');
    if (ws > 0) out.push('review');
    if (complete) out.push('complete');
    else if (!stuck) out.push('on-track');
    return out;
  };
  expect(load.counts.all).toBe(scratch.length);
  for (const s of ['stuck', 'awaiting', 'review', 'complete', 'on-track'] as const) {
    expect(load.counts[s], s).toBe(scratch.filter((r) => status(r).includes(s)).length);
    const filtered = await caseload(coach, { status: s, sort: 'name' }, undefined, NOW);
    expect(filtered.rows.map((r) => r.id).sort(), s).toEqual(
      scratch
        .filter((r) => status(r).includes(s))
        .map((r) => r.learnerId)
        .sort(),
    );
  }
  for (const r of load.rows) {
    const s = scratch.find((x) => x.learnerId === r.id)!;
    expect(r.totals).toMatchObject({ total: s.total, met: s.met, notYetMet: s.notYetMet, submitted: s.submitted });
  }
  expect(load.overall.met).toBe(scratch.reduce((n, r) => n + Number(r.met), 0));
}

beforeAll(async () => {
  admin = await makeUser('admin', 'Ann Admin');
  coach = await makeUser('coach', 'Hal Head-Coach');
  assessor = await makeUser('assessor', 'Ida Assessor');
  learners = [];
  for (const name of ['Ava One', 'Ben Two', 'Cal Three', 'Dee Four']) {
    const l = await makeUser('learner', name);
    await assign(l, coach);
    await assign(l, assessor);
    learners.push(l);
  }
  const [a, b] = await getDb()
    .insert(cohorts)
    .values([{ name: 'Cohort A' }, { name: 'Cohort B' }])
    .returning({ id: cohorts.id });
  cohortA = a!.id;
  cohortB = b!.id;
  await getDb()
    .insert(cohortMembers)
    .values(learners.map((l, i) => ({ cohortId: i < 2 ? cohortA : cohortB, learnerId: l.id })));
});

describe('maintained caseload figures equal a from-scratch count by lib/progress', () => {
  it('after every kind of change, through lib and behind its back, on this database', async () => {
    const [ava, ben, cal, dee] = learners as [TestUser, TestUser, TestUser, TestUser];
    // A new learner has a row at once (the users trigger), with nothing to count.
    expect(byKey(await maintained())).toEqual(byKey(await fromScratch()));
    await expectCaseloadAgrees();

    // Enrolments through lib (same transaction).
    await enrol(admin, { cohortId: cohortA, moduleSlugs: ['ee2-win-keep-customers', 'win-retain-customers'] });
    await enrol(admin, { learnerId: cal.id, moduleSlugs: ['ee2-win-keep-customers', REPORT_MODULE_SLUG] });
    await expectCurrentNow();

    // Evidence added and mapped, then re-mapped (a mapping added, one removed), through lib.
    const first = await createEvidence(ava, account(['ee2/pc/1', 'ee2/pc/2', 'wrc/pc/1']));
    const second = await createEvidence(ben, account(['ee2/pc/1']));
    const third = await createEvidence(cal, account(['ee2/pc/3', 'ee2/pc/4', 'ee2/pc/5']));
    await expectCurrentNow();
    await updateEvidence(ava, first.id, { ...account(['ee2/pc/2', 'ee2/pc/3', 'wrc/pc/1']), version: 1 });
    await expectCurrentNow();

    // Judgements through lib: met, not yet met, and a later met replacing a not yet met.
    await judge(assessor, {
      learnerId: ava.id,
      criterionId: 'ee2/pc/2',
      outcome: 'met',
      feedback: 'Good.',
      evidenceIds: [first.id],
    });
    await judge(assessor, {
      learnerId: ben.id,
      criterionId: 'ee2/pc/1',
      outcome: 'not_yet_met',
      feedback: 'More.',
      evidenceIds: [second.id],
    });
    for (const c of ['ee2/pc/3', 'ee2/pc/4', 'ee2/pc/5'])
      await judge(assessor, {
        learnerId: cal.id,
        criterionId: c,
        outcome: 'not_yet_met',
        feedback: 'Not yet.',
        evidenceIds: [],
      });
    await expectCurrentNow();
    await expectCaseloadAgrees();
    await judge(assessor, {
      learnerId: ben.id,
      criterionId: 'ee2/pc/1',
      outcome: 'met',
      feedback: 'Now yes.',
      evidenceIds: [second.id],
    });
    await expectCurrentNow();

    // A report signed off (its judgements come with the decision), through lib.
    const learnerActor: Actor = { id: cal.id, role: 'learner' };
    const report = await getLearnerReport(learnerActor, cal.id);
    const draft = await saveDraft(learnerActor, cal.id, {
      version: report.draft?.version ?? 0,
      content: reportWithCountedWords(3500),
      sectionTags: {},
    });
    await submitReport(learnerActor, cal.id, { draftVersion: draft.version, declared: true });
    const [v] = await getDb().select().from(reportVersions).where(eq(reportVersions.learnerId, cal.id));
    const unit = reportUnit();
    await decide(assessor, {
      learnerId: cal.id,
      versionId: v!.id,
      contentHash: v!.contentHash,
      outcome: 'signed_off',
      declared: true,
      data: {
        acs: Object.fromEntries(
          allCriterionIds(unit).map((id) => [id, { outcome: 'met' as const, feedback: 'Clear.' }]),
        ),
        range: Object.fromEntries(allRangeIds(unit).map((id) => [id, 'covered' as const])),
        discussion: { heldOn: '', acIds: [], notes: '' },
        feedback: 'A thorough report.',
      },
    });
    await expectCurrentNow();
    await expectCaseloadAgrees();

    // Unenrolled through lib.
    await unenrol(admin, { learnerId: ava.id, moduleSlug: 'win-retain-customers' });
    await expectCurrentNow();

    // Behind lib's back: a mapping removed, a piece of evidence deleted, a judgement and an enrolment inserted.
    await getDb()
      .delete(evidenceCriteria)
      .where(and(eq(evidenceCriteria.evidenceId, third.id), eq(evidenceCriteria.criterionId, 'ee2/pc/3')));
    await expectQueuedThenCurrent([cal]);
    const [loose] = await getDb()
      .insert(evidence)
      .values({
        learnerId: dee.id,
        authorId: dee.id,
        kind: 'account',
        title: 'Loose',
        occurredOn: '2025-03-01',
        body: 'x',
      })
      .returning({ id: evidence.id });
    await getDb().insert(enrolments).values({ learnerId: dee.id, moduleSlug: 'ee2-win-keep-customers' });
    await getDb().insert(evidenceCriteria).values({
      evidenceId: loose!.id,
      learnerId: dee.id,
      criterionId: 'ee2/pc/7',
      moduleSlug: 'ee2-win-keep-customers',
      note: '',
    });
    await expectQueuedThenCurrent([dee]);
    await getDb().delete(evidenceCriteria).where(eq(evidenceCriteria.evidenceId, loose!.id));
    await expectQueuedThenCurrent([dee]);
    // Evidence itself is never deleted (the database refuses); it is superseded by a new version, through lib.
    await expect(getDb().delete(evidence).where(eq(evidence.id, loose!.id))).rejects.toThrow();
    const [judged] = await getDb()
      .select({ version: evidence.version })
      .from(evidence)
      .where(eq(evidence.id, first.id));
    await updateEvidence(ava, first.id, {
      ...account(['ee2/pc/2', 'ee2/pc/6'], 'Rewritten'),
      version: judged!.version,
    });
    await expectCurrentNow();

    // Worksheets: a hand-in waits for review until a coach comments (behind lib's back, so queued).
    const [hand] = await getDb()
      .insert(worksheetSubmissions)
      .values({ learnerId: ben.id, moduleSlug: 'ws-2-8-keeping-customers', number: 1, answers: {}, answersVersion: 1 })
      .returning({ id: worksheetSubmissions.id });
    await expectQueuedThenCurrent([ben]);
    expect((await caseload(coach, { status: 'review' }, undefined, NOW)).rows.map((r) => r.id)).toEqual([ben.id]);
    await getDb()
      .insert(worksheetComments)
      .values({ submissionId: hand!.id, learnerId: ben.id, authorId: coach.id, body: 'Good.' });
    await expectQueuedThenCurrent([ben]);

    // A learner moved to another cohort: their figures stay, the cohort filter follows at once.
    await getDb().update(cohortMembers).set({ cohortId: cohortB }).where(eq(cohortMembers.learnerId, ben.id));
    const inB = await caseload(coach, { cohortId: cohortB, sort: 'name' }, undefined, NOW);
    expect(inB.rows.map((r) => r.id)).toEqual([ben.id, cal.id, dee.id]);
    expect(inB.counts.all).toBe(3);
    expect(inB.rows.find((r) => r.id === ben.id)!.cohorts.map((c) => c.name)).toEqual(['Cohort B']);

    // An assignment removed and given back: the coach's counters lose the learner and get them back.
    const countsNow = (await caseload(coach, {}, undefined, NOW)).counts;
    await getDb()
      .delete(staffAssignments)
      .where(and(eq(staffAssignments.learnerId, dee.id), eq(staffAssignments.staffId, coach.id)));
    expect((await caseload(coach, {}, undefined, NOW)).counts.all).toBe(countsNow.all - 1);
    await assign(dee, coach);
    expect((await caseload(coach, {}, undefined, NOW)).counts).toEqual(countsNow);
    // The counters (no cohort filter) and a count over the rows (a cohort filter) agree, for staff and for an admin.
    const both = await getDb().select({ id: cohorts.id }).from(cohorts);
    for (const who of [coach, assessor, admin] as Actor[]) {
      const viaCounters = await caseload(who, { sort: 'name' }, undefined, NOW);
      const perCohort = await Promise.all(both.map((c) => caseload(who, { cohortId: c.id }, undefined, NOW)));
      // Review-overdue is counted over a cohort, or when the overdue are listed (the counters do not hold it).
      expect(viaCounters.counts.overdue).toBeNull();
      for (const k of Object.keys(viaCounters.counts).filter((k) => k !== 'overdue') as ('all' | 'stuck')[])
        expect(viaCounters.counts[k], `${who.role} ${k}`).toBe(perCohort.reduce((n, p) => n + p.counts[k], 0));
      expect(viaCounters.overall.met).toBe(perCohort.reduce((n, p) => n + p.overall.met, 0));
    }

    // Renamed and deactivated: copied by the users trigger.
    await getDb().update(users).set({ name: 'Dee Renamed' }).where(eq(users.id, dee.id));
    await getDb().update(users).set({ active: false }).where(eq(users.id, ava.id));
    await expectQueuedThenCurrent([]);
    expect((await caseload(coach, {}, undefined, NOW)).rows.map((r) => r.id)).not.toContain(ava.id);

    // A release that changes the content: rows counted over other content are recomputed by the catch-up (the
    // server's start-up, `npm run -s progress -- rebuild`), a batch at a time.
    await getDb().update(learnerCaseload).set({ contentKey: 'previous-release', total: 1, met: 1 });
    expect(await catchUp(getDb(), { batch: 2 })).toBe(learners.length);
    expect(byKey(await maintained())).toEqual(byKey(await fromScratch()));

    // A rebuild from nothing gives the same rows.
    const before = byKey(await maintained());
    const counters = await getDb().execute(sql`select * from caseload_counters where n <> 0 order by 1, 2, 3`);
    await getDb().delete(learnerCaseload);
    await keepProgressCurrent(
      getDb(),
      learners.map((l) => l.id),
    );
    expect(byKey(await maintained())).toEqual(before);
    // And the counters, kept through all of the above, equal a recount from the rows.
    await getDb().execute(sql`select criterion_recount_caseload()`);
    expect(rowsOf(await getDb().execute(sql`select * from caseload_counters where n <> 0 order by 1, 2, 3`))).toEqual(
      rowsOf(counters),
    );
  }, 120_000);

  it('pages through every sort and filter in the order the page promises, 25 at a time', async () => {
    // 60 more learners, seeded behind lib's back (a CSV import would go through lib; a restore would not).
    const more: TestUser[] = [];
    for (let i = 0; i < 60; i++) {
      const l = await makeUser('learner', `Zed ${String(i).padStart(2, '0')}`);
      await assign(l, coach);
      more.push(l);
    }
    await getDb()
      .insert(enrolments)
      .values(
        more.map((l) => ({
          learnerId: l.id,
          moduleSlug: 'ee2-win-keep-customers',
          enrolledAt: new Date(NOW.getTime() - (l.name.endsWith('7') ? 30 : 1) * DAY),
        })),
      );
    await catchUp(getDb());
    for (const sort of ['attention', 'name', 'progress', 'activity'] as const) {
      for (const status of [undefined, 'stuck', 'on-track'] as const) {
        const firstPage = await caseload(coach, { sort, status }, undefined, NOW);
        const seen: string[] = [];
        for (let page = 1; page <= firstPage.pages; page++) {
          const load = await caseload(coach, { sort, status, page }, undefined, NOW);
          expect(load.rows.length).toBeLessThanOrEqual(25);
          seen.push(...load.rows.map((r) => r.id));
          if (sort === 'attention') {
            // The stuck come first across pages too.
            const stuck = load.rows.map((r) => r.stuck);
            expect(stuck).toEqual([...stuck].sort((a, b) => Number(b) - Number(a)));
          }
        }
        expect(seen.length, `${sort}/${status}`).toBe(firstPage.matched);
        expect(new Set(seen).size).toBe(seen.length);
      }
    }
    const stuck = await caseload(coach, { status: 'stuck' }, undefined, NOW);
    expect(stuck.matched).toBe(stuck.counts.stuck);
    expect(stuck.matched).toBeGreaterThan(0);
  }, 120_000);
});
