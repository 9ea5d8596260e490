import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  cohortMembers,
  cohorts,
  enrolments,
  evidence,
  evidenceCriteria,
  judgements,
  reportDrafts,
  reportVersions,
  learnerCaseload,
  learnerProgressCache,
  progressStale,
  users,
  worksheetComments,
  worksheetSubmissions,
} from '@/db/schema';
import { getItem } from '@/lib/content';
import { caseload } from '@/lib/dashboards/caseload';
import { coachLearnerView } from '@/lib/dashboards/coach-learner';
import { coachDashboard } from '@/lib/dashboards/dashboard';
import { catchUp } from '@/lib/dashboards/progress-current';
import { learnerHome } from '@/lib/dashboards/learner-home';
import { cohortMatrix, scopedCohorts } from '@/lib/dashboards/matrix';
import { assessorQueue } from '@/lib/dashboards/queue';
import { ForbiddenError } from '@/lib/errors';
import { useTestDatabase } from '../helpers/db';
import { assign, enrol, makeUser, type TestUser } from '../helpers/fixtures';

useTestDatabase();

const DAY = 86_400_000;
const NOW = new Date();
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

async function addEvidence(
  learner: TestUser,
  criteria: string[],
  at: Date,
  author: TestUser = learner,
): Promise<string> {
  const [row] = await getDb()
    .insert(evidence)
    .values({
      learnerId: learner.id,
      authorId: author.id,
      kind: 'account',
      title: `Evidence for ${criteria.join(', ')}`,
      occurredOn: at.toISOString().slice(0, 10),
      body: 'What I did.',
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: evidence.id });
  await getDb()
    .insert(evidenceCriteria)
    .values(
      criteria.map((criterionId) => ({
        evidenceId: row.id,
        criterionId,
        moduleSlug: getItem(criterionId)!.moduleSlug,
        learnerId: learner.id,
        note: 'Because.',
        createdAt: at,
      })),
    );
  return row.id;
}

async function judge(
  learner: TestUser,
  assessor: TestUser,
  criterionId: string,
  outcome: 'met' | 'not_yet_met',
  at: Date,
  cite: string[] = [],
) {
  await getDb()
    .insert(judgements)
    .values({
      learnerId: learner.id,
      criterionId,
      moduleSlug: getItem(criterionId)!.moduleSlug,
      outcome,
      assessorId: assessor.id,
      feedback: outcome === 'met' ? `Good: ${criterionId}` : `Not yet: ${criterionId}`,
      evidenceIds: cite,
      createdAt: at,
    });
}

async function handIn(learner: TestUser, number: number, at: Date, commentBy?: TestUser) {
  const [s] = await getDb()
    .insert(worksheetSubmissions)
    .values({
      learnerId: learner.id,
      moduleSlug: 'ws-2-8-keeping-customers',
      number,
      answers: { 'contacts-review': 'An answer.' },
      answersVersion: number,
      submittedAt: at,
    })
    .returning({ id: worksheetSubmissions.id });
  if (commentBy)
    await getDb()
      .insert(worksheetComments)
      .values({ submissionId: s.id, learnerId: learner.id, authorId: commentBy.id, body: 'Nice.', createdAt: at });
  return s.id;
}

async function cohort(name: string, members: TestUser[]) {
  const [c] = await getDb().insert(cohorts).values({ name }).returning({ id: cohorts.id });
  await getDb()
    .insert(cohortMembers)
    .values(members.map((m) => ({ cohortId: c.id, learnerId: m.id })));
  return c.id;
}

/**
 * The hand-computed fixture. Coach and assessor look after A, B and C; D belongs to other staff.
 *   A (EE2 + unit 306 + worksheet), active 2 days ago:
 *     EE2 PC 1 met; PC 2 not yet met; PC 3 not yet met then new evidence (awaiting); PC 4 evidence, never judged (awaiting);
 *     PC 5 met, later judged not yet met; 306 AC 1.1 met. Two worksheet hand-ins, no comment on the latest.
 *     EE2: 26 criteria -> 1 met, 2 not yet met, 2 awaiting, 21 none. 306: 14 -> 1 met, 13 none.
 *   B (EE2), active 1 day ago: PC 6, 7, 8 not yet met (stuck: 3 not yet met). One hand-in, commented. Report version waiting.
 *   C (DCR), enrolled 20 days ago, never active (stuck: quiet).
 *   D (EE2), other coach and assessor: PC 1 awaiting.
 */
let cast: {
  a: TestUser;
  b: TestUser;
  c: TestUser;
  d: TestUser;
  coach: TestUser;
  assessor: TestUser;
  otherCoach: TestUser;
  otherAssessor: TestUser;
  admin: TestUser;
  cohortX: string;
  cohortY: string;
  aLatestHandIn: string;
};

beforeAll(async () => {
  const [a, b, c, d] = [
    await makeUser('learner', 'Ada Able'),
    await makeUser('learner', 'Bo Busy'),
    await makeUser('learner', 'Cy Quiet'),
    await makeUser('learner', 'Di Elsewhere'),
  ];
  const [coach, assessor, otherCoach, otherAssessor, admin] = [
    await makeUser('coach'),
    await makeUser('assessor'),
    await makeUser('coach'),
    await makeUser('assessor'),
    await makeUser('admin'),
  ];
  for (const l of [a, b, c]) {
    await assign(l, coach);
    await assign(l, assessor);
  }
  await assign(d, otherCoach);
  await assign(d, otherAssessor);
  await enrol(a, 'ee2-win-keep-customers', 'u306-customers-retention', 'ws-2-8-keeping-customers');
  await enrol(b, 'ee2-win-keep-customers', 'ws-2-8-keeping-customers');
  await getDb()
    .insert(enrolments)
    .values({ learnerId: c.id, moduleSlug: 'develop-customer-relationships', enrolledAt: ago(20) });
  await enrol(d, 'ee2-win-keep-customers');
  const cohortX = await cohort(`X ${crypto.randomUUID()}`, [a, b]);
  const cohortY = await cohort(`Y ${crypto.randomUUID()}`, [c]);
  await cohort(`Z ${crypto.randomUUID()}`, [d]);

  // A, in time order (activity positions follow insertion order).
  const e1 = await addEvidence(a, ['ee2/pc/1'], ago(60));
  await judge(a, assessor, 'ee2/pc/1', 'met', ago(55), [e1]);
  const e5 = await addEvidence(a, ['ee2/pc/5'], ago(50));
  await judge(a, assessor, 'ee2/pc/5', 'met', ago(45), [e5]);
  await addEvidence(a, ['ee2/pc/2'], ago(40));
  await judge(a, assessor, 'ee2/pc/2', 'not_yet_met', ago(35));
  await addEvidence(a, ['ee2/pc/3'], ago(30));
  await judge(a, assessor, 'ee2/pc/3', 'not_yet_met', ago(25));
  await judge(a, assessor, 'ee2/pc/5', 'not_yet_met', ago(10));
  await addEvidence(a, ['ee2/pc/4'], ago(8));
  await addEvidence(a, ['ee2/pc/3'], ago(6));
  const eAc = await addEvidence(a, ['u306/ac/1.1'], ago(5));
  await judge(a, assessor, 'u306/ac/1.1', 'met', ago(3), [eAc]);
  await handIn(a, 1, ago(4));
  const aLatestHandIn = await handIn(a, 2, ago(2));

  for (const pc of ['ee2/pc/6', 'ee2/pc/7', 'ee2/pc/8']) {
    await addEvidence(b, [pc], ago(9));
    await judge(b, assessor, pc, 'not_yet_met', ago(7));
  }
  await handIn(b, 1, ago(1), coach);
  const content = 'My report.\n';
  const [draft] = await getDb()
    .insert(reportDrafts)
    .values({
      learnerId: b.id,
      moduleSlug: 'u306-customers-retention',
      content,
      createdAt: ago(13),
      updatedAt: ago(13),
    })
    .returning({ id: reportDrafts.id });
  await getDb()
    .insert(reportVersions)
    .values({
      learnerId: b.id,
      moduleSlug: 'u306-customers-retention',
      number: 1,
      draftId: draft.id,
      draftVersion: 1,
      content,
      contentHash: crypto.createHash('sha256').update(content).digest('hex'),
      totalWords: 2,
      countedWords: 2,
      excluded: [],
      sectionTags: {},
      declaration: 'Mine.',
      submittedBy: b.id,
      submittedAt: ago(12),
    });
  // B must be enrolled on the unit for its report to be listed.
  await enrol(b, 'u306-customers-retention');

  await addEvidence(d, ['ee2/pc/1'], ago(3));
  cast = { a, b, c, d, coach, assessor, otherCoach, otherAssessor, admin, cohortX, cohortY, aLatestHandIn };
}, 180_000);

describe('coach caseload figures', () => {
  it('matches the hand-computed progress per module', async () => {
    const load = await caseload(cast.coach, {}, undefined, NOW);
    const a = load.rows.find((r) => r.id === cast.a.id)!;
    expect(a.modules.map((m) => [m.code, m.progress])).toEqual([
      ['EE2', { total: 26, met: 1, notYetMet: 2, submitted: 2, noEvidence: 21 }],
      ['306/696', { total: 14, met: 1, notYetMet: 0, submitted: 0, noEvidence: 13 }],
    ]);
    expect(a.totals).toEqual({ total: 40, met: 2, notYetMet: 2, submitted: 2, noEvidence: 34 });
    const b = load.rows.find((r) => r.id === cast.b.id)!;
    expect(b.totals).toMatchObject({ met: 0, notYetMet: 3, submitted: 0 });
    expect(load.overall).toEqual({ total: 40 + 40 + 30, met: 2, notYetMet: 5, submitted: 2, noEvidence: 101 });
  });

  it('dates last activity from the learner\u2019s own actions and counts only the latest uncommented hand-in', async () => {
    const load = await caseload(cast.coach, {}, undefined, NOW);
    const row = (id: string) => load.rows.find((r) => r.id === id)!;
    expect(new Date(row(cast.a.id).lastActivity!).getTime()).toBe(ago(2).getTime());
    expect(new Date(row(cast.b.id).lastActivity!).getTime()).toBe(ago(1).getTime());
    expect(row(cast.c.id).lastActivity).toBeNull();
    expect(row(cast.a.id)).toMatchObject({ worksheetsToReview: 1, firstWorksheetToReview: cast.aLatestHandIn });
    expect(row(cast.b.id).worksheetsToReview).toBe(0);
  });

  it('flags who is stuck, and why', async () => {
    const load = await caseload(cast.coach, {}, undefined, NOW);
    const row = (id: string) => load.rows.find((r) => r.id === id)!;
    expect(row(cast.a.id)).toMatchObject({ stuck: false, stuckReasons: [] });
    expect(row(cast.b.id)).toMatchObject({ stuck: true, stuckReasons: ['3 criteria not yet met'] });
    expect(row(cast.c.id)).toMatchObject({
      stuck: true,
      stuckReasons: ['Nothing done in the 20 days since enrolment'],
    });
    expect(load.counts).toMatchObject({ all: 3, stuck: 2, review: 1, awaiting: 1, 'on-track': 1, complete: 0 });
    // "Needs attention" puts the stuck first.
    expect(
      load.rows
        .slice(0, 2)
        .map((r) => r.id)
        .sort(),
    ).toEqual([cast.b.id, cast.c.id].sort());
  });

  it('filters by cohort, module and status, and sorts', async () => {
    const byCohort = await caseload(cast.coach, { cohortId: cast.cohortX }, undefined, NOW);
    expect(byCohort.rows.map((r) => r.name).sort()).toEqual(['Ada Able', 'Bo Busy']);
    const byModule = await caseload(cast.coach, { moduleSlug: 'develop-customer-relationships' }, undefined, NOW);
    expect(byModule.rows.map((r) => r.name)).toEqual(['Cy Quiet']);
    expect(byModule.rows[0].modules.map((m) => m.slug)).toEqual(['develop-customer-relationships']);
    const stuck = await caseload(cast.coach, { status: 'stuck', sort: 'name' }, undefined, NOW);
    expect(stuck.rows.map((r) => r.name)).toEqual(['Bo Busy', 'Cy Quiet']);
    const review = await caseload(cast.coach, { status: 'review' }, undefined, NOW);
    expect(review.rows.map((r) => r.name)).toEqual(['Ada Able']);
    const progress = await caseload(cast.coach, { sort: 'progress' }, undefined, NOW);
    expect(progress.rows.at(-1)!.name).toBe('Ada Able');
    expect(byCohort.cohorts.map((c) => c.id).sort()).toEqual([cast.cohortX, cast.cohortY].sort());
  });

  it('charts criteria met week by week, ending at today\u2019s figure', async () => {
    const { trend, caseload: load } = await coachDashboard(cast.coach, {}, undefined, NOW);
    expect(trend.points).toHaveLength(12);
    expect(trend.metNow).toBe(load.overall.met);
    expect(trend.points.at(-1)!).toEqual({ weekEnding: NOW.toISOString(), met: 2 });
    // From the fixture's history: A's PC 1 met from day 55; PC 5 met from day 45 until judged again on day 10;
    // 306 AC 1.1 met from day 3. Each point counts what was met at the end of its week.
    const metAt = (t: number) =>
      Number(t >= ago(55).getTime()) +
      Number(t >= ago(45).getTime() && t < ago(10).getTime()) +
      Number(t >= ago(3).getTime());
    expect(trend.points.map((p) => p.met)).toEqual(trend.points.map((p) => metAt(new Date(p.weekEnding).getTime())));
    // The window covers the changes: it is not a flat line.
    expect(new Set(trend.points.map((p) => p.met)).size).toBeGreaterThan(1);
    // Weeks end on Sunday night (UTC), seven days apart.
    const ends = trend.points.slice(0, -1).map((p) => new Date(p.weekEnding));
    expect(ends.every((d) => d.getUTCDay() === 0)).toBe(true);
    expect(ends[1].getTime() - ends[0].getTime()).toBe(7 * DAY);
  });
});

describe('cohort matrix', () => {
  it('shows each criterion\u2019s status for each learner of the cohort', async () => {
    const m = await cohortMatrix(cast.coach, { cohortId: cast.cohortX, moduleSlug: 'ee2-win-keep-customers' });
    expect(m.learners.map((l) => l.name)).toEqual(['Ada Able', 'Bo Busy']);
    expect(m.criteria).toHaveLength(26);
    expect(m.criteria[0]).toMatchObject({ id: 'ee2/pc/1', label: 'EE2 PC 1', short: 'PC 1' });
    const a = m.learners[0].statuses;
    expect(a.slice(0, 8)).toEqual([
      'met',
      'not_yet_met',
      'evidence_submitted',
      'evidence_submitted',
      'not_yet_met',
      'no_evidence',
      'no_evidence',
      'no_evidence',
    ]);
    expect(m.learners[1].statuses.slice(5, 8)).toEqual(['not_yet_met', 'not_yet_met', 'not_yet_met']);
    expect(m.metPerCriterion[0]).toBe(1);
    expect(m.learners[0].met).toBe(1);
  });

  it('holds only the actor\u2019s own learners, and refuses learners', async () => {
    const other = await cohortMatrix(cast.otherCoach, { cohortId: cast.cohortX, moduleSlug: 'ee2-win-keep-customers' });
    expect(other.learners).toEqual([]);
    expect((await scopedCohorts(cast.otherCoach)).map((c) => c.id)).not.toContain(cast.cohortX);
    const admin = await cohortMatrix(cast.admin, { cohortId: cast.cohortX, moduleSlug: 'ee2-win-keep-customers' });
    expect(admin.learners).toHaveLength(2);
    await expect(
      cohortMatrix(cast.a, { cohortId: cast.cohortX, moduleSlug: 'ee2-win-keep-customers' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('permissions: a coach sees only assigned learners', () => {
  it('scopes the caseload by assignment', async () => {
    const mine = await caseload(cast.coach, {}, undefined, NOW);
    expect(mine.rows.map((r) => r.id)).not.toContain(cast.d.id);
    const theirs = await caseload(cast.otherCoach, {}, undefined, NOW);
    expect(theirs.rows.map((r) => r.id)).toEqual([cast.d.id]);
    // Filtering by another coach's cohort cannot widen the scope.
    const sneaky = await caseload(cast.otherCoach, { cohortId: cast.cohortX }, undefined, NOW);
    expect(sneaky.rows).toEqual([]);
    const all = await caseload(cast.admin, {}, undefined, NOW);
    expect(all.rows.map((r) => r.id)).toEqual(expect.arrayContaining([cast.a.id, cast.b.id, cast.c.id, cast.d.id]));
    await expect(caseload(cast.a)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('opens a learner\u2019s read-only page only for their coach, assessor or an admin', async () => {
    const view = await coachLearnerView(cast.coach, cast.a.id);
    expect(view.portfolio.learner.name).toBe('Ada Able');
    expect(view.worksheets[0].submissions.map((s) => [s.number, s.comments])).toEqual([
      [2, 0],
      [1, 0],
    ]);
    await expect(coachLearnerView(cast.otherCoach, cast.a.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(coachLearnerView(cast.b, cast.a.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(coachLearnerView(cast.admin, cast.a.id)).resolves.toBeTruthy();
  });
});

describe('assessor queue', () => {
  it('lists evidence awaiting judgement and reports awaiting sign-off, oldest first', async () => {
    const q = await assessorQueue(cast.assessor);
    expect(q.items.map((i) => [i.kind, i.learnerName, i.count])).toEqual([
      ['report', 'Bo Busy', 1],
      ['evidence', 'Ada Able', 2],
    ]);
    const a = q.items[1];
    expect(a.details).toEqual(['EE2 PC 3', 'EE2 PC 4']);
    // PC 4's evidence (8 days ago) waits longer than PC 3's new evidence (6 days ago).
    expect(new Date(a.since).getTime()).toBe(ago(8).getTime());
    expect(a.href).toBe(`/learners/${cast.a.id}`);
    expect(q.items[0].href).toBe(`/reports/${cast.b.id}`);
    expect(q).toMatchObject({ criteriaWaiting: 2, learnersWaiting: 1, reportsWaiting: 1, learnerCount: 3 });
  });

  it('holds only the assessor\u2019s assigned learners', async () => {
    const other = await assessorQueue(cast.otherAssessor);
    expect(other.items.map((i) => i.learnerId)).toEqual([cast.d.id]);
    await expect(assessorQueue(cast.coach)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(assessorQueue(cast.admin)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('drops an item once it is judged', async () => {
    const before = await assessorQueue(cast.otherAssessor);
    expect(before.criteriaWaiting).toBe(1);
    await judge(cast.d, cast.otherAssessor, 'ee2/pc/1', 'met', new Date());
    const after = await assessorQueue(cast.otherAssessor);
    expect(after.items).toEqual([]);
  });
});

describe('learner home', () => {
  it('shows progress, feedback newest first, and puts "not yet met" first among next steps', async () => {
    const home = await learnerHome(cast.a);
    expect(home.modules.map((m) => [m.code, m.progress.met, m.progress.total])).toEqual([
      ['EE2', 1, 26],
      ['306/696', 1, 14],
    ]);
    expect(home.feedback.map((f) => f.criterionLabel)).toEqual([
      '306/696 AC 1.1',
      'EE2 PC 5',
      'EE2 PC 3',
      'EE2 PC 2',
      'EE2 PC 5',
    ]);
    expect(home.next[0]).toMatchObject({ tone: 'notyet', title: 'Improve your evidence for 2 criteria not yet met' });
    expect(home.next[0].href).toBe('/learner/evidence/new?criterion=ee2%2Fpc%2F2');
    expect(home.report).toMatchObject({ status: 'not_started', draftWords: 0, minWords: 3000, maxWords: 5000 });
  });

  it('moves the progress bar when a criterion is judged met', async () => {
    const before = (await learnerHome(cast.a)).modules[0].progress;
    await judge(cast.a, cast.assessor, 'ee2/pc/4', 'met', new Date());
    const after = (await learnerHome(cast.a)).modules[0].progress;
    expect(after.met).toBe(before.met + 1);
    expect(after.submitted).toBe(before.submitted - 1);
  });

  it('is the learner\u2019s own', async () => {
    await expect(learnerHome(cast.b, cast.a.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(learnerHome(cast.otherCoach, cast.a.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('says when nothing is enrolled', async () => {
    const lonely = await makeUser('learner');
    const home = await learnerHome(lonely);
    expect(home.modules).toEqual([]);
    expect(home.next[0].title).toBe('You are not enrolled on a module yet');
  });
});

describe('scope edge cases', () => {
  it('leaves out disabled learners and learners without an enrolment in the module', async () => {
    const e = await makeUser('learner');
    await assign(e, cast.coach);
    await enrol(e, 'win-retain-customers');
    const load = await caseload(cast.coach, { moduleSlug: 'ee2-win-keep-customers' }, undefined, NOW);
    expect(load.rows.map((r) => r.id)).not.toContain(e.id);
    await getDb().update(users).set({ active: false }).where(eq(users.id, e.id));
    const all = await caseload(cast.coach, {}, undefined, NOW);
    expect(all.rows.map((r) => r.id)).not.toContain(e.id);
  });
});

describe('maintained caseload figures', () => {
  it('keeps each learner\u2019s figures current through any change to their evidence or judgements', async () => {
    const f = await makeUser('learner', 'Fay Fresh');
    await assign(f, cast.coach);
    await enrol(f, 'ee2-win-keep-customers');
    await addEvidence(f, ['ee2/pc/1'], ago(4));
    const before = await caseload(cast.coach, {}, undefined, NOW);
    const rowA = (load: typeof before) => load.rows.find((r) => r.id === f.id)!;
    // A new mapping, then a new judgement, each show at once.
    await addEvidence(f, ['ee2/pc/9'], new Date());
    const afterMapping = await caseload(cast.coach, {}, undefined, NOW);
    expect(rowA(afterMapping).totals.submitted).toBe(rowA(before).totals.submitted + 1);
    await judge(f, cast.assessor, 'ee2/pc/9', 'met', new Date());
    const afterJudgement = await caseload(cast.coach, {}, undefined, NOW);
    expect(rowA(afterJudgement).totals).toMatchObject({
      met: rowA(before).totals.met + 1,
      submitted: rowA(before).totals.submitted,
    });
    // Removing a mapping (fewer rows, no newer position) is noticed too.
    const e = await addEvidence(f, ['ee2/pc/10'], new Date());
    expect(rowA(await caseload(cast.coach, {}, undefined, NOW)).modules[0].progress.submitted).toBe(
      rowA(afterJudgement).modules[0].progress.submitted + 1,
    );
    await getDb().delete(evidenceCriteria).where(eq(evidenceCriteria.evidenceId, e));
    expect(rowA(await caseload(cast.coach, {}, undefined, NOW)).modules[0].progress).toEqual(
      rowA(afterJudgement).modules[0].progress,
    );
    // The page reads the maintained index (so tampered figures show) until the learner is queued again or counted
    // over other content; then the next load (a change's trigger) or the catch-up (a release) puts them right.
    const right = rowA(await caseload(cast.coach, {}, undefined, NOW)).totals;
    const tamper = () =>
      getDb()
        .update(learnerCaseload)
        .set({ met: 20 })
        .where(and(eq(learnerCaseload.learnerId, f.id), eq(learnerCaseload.moduleSlug, '')));
    await tamper();
    expect(rowA(await caseload(cast.coach, {}, undefined, NOW)).totals.met).toBe(20);
    await getDb().insert(progressStale).values({ learnerId: f.id }).onConflictDoNothing();
    expect(rowA(await caseload(cast.coach, {}, undefined, NOW)).totals).toEqual(right);
    await tamper();
    await getDb().update(learnerCaseload).set({ contentKey: 'old-release' }).where(eq(learnerCaseload.learnerId, f.id));
    expect(await catchUp(getDb())).toBeGreaterThanOrEqual(1);
    expect(rowA(await caseload(cast.coach, {}, undefined, NOW)).totals).toEqual(right);
    // The matrix's per-criterion figures are written alongside, for the same version of the learner's records.
    const cached = await getDb().select().from(learnerProgressCache).where(eq(learnerProgressCache.learnerId, f.id));
    expect(cached).toHaveLength(1);
  });
});

describe('criterion labels', () => {
  it('tells apart knowledge items whose numbers repeat under different headings', async () => {
    const { criterionLabel, shortLabel } = await import('@/lib/dashboards/labels');
    expect(criterionLabel(getItem('ee2/k/market/1')!)).toBe('EE2 K 1 (market)');
    expect(criterionLabel(getItem('ee2/k/marketing/1')!)).toBe('EE2 K 1 (marketing)');
    expect(criterionLabel(getItem('ee2/pc/3')!)).toBe('EE2 PC 3');
    expect(criterionLabel(getItem('wrc/k/market/1')!)).toBe('WRC K 1');
    expect(shortLabel(getItem('ee2/k/feedback/2')!)).toEqual({ text: 'K 2', group: 'feedback' });
    expect(shortLabel(getItem('u306/ac/2.4')!)).toEqual({ text: 'AC 2.4' });
  });
});
