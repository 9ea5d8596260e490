import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { addMembers, removeMember } from '@/lib/admin/cohorts';
import { caseload } from '@/lib/dashboards/caseload';
import { learnerHome } from '@/lib/dashboards/learner-home';
import {
  auditLog,
  qaActionResponses,
  reportCountersignatures,
  reportDecisions,
  signOffSupersessions,
} from '@/db/schema';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { countersign, getSignOffForQa } from '@/lib/qa/countersign';
import { closeQaAction, loadQaStates, recordQaDecision } from '@/lib/qa/decisions';
import { drawQaSample } from '@/lib/qa/draw';
import { getMyQaFeedback, getSampledItem } from '@/lib/qa/pages';
import { respondToAction } from '@/lib/qa/responses';
import { learnerSeesQaReview, saveQaSettings } from '@/lib/qa/settings';
import { myProgress } from '@/lib/evidence/portfolio';
import { signOffStates } from '@/lib/progress/unit';
import { decide, getAssessorView } from '@/lib/reports/assess';
import { getLearnerReport } from '@/lib/reports/drafts';
import { listReportsForStaff } from '@/lib/reports/list';
import { allCriterionIds, allRangeIds, REPORT_MODULE_SLUG, reportUnit } from '@/lib/reports/unit';
import { useTestDatabase } from '../helpers/db';
import { rejection, databaseRefusal as refusal } from '../helpers/refusals';
import { enrol } from '../helpers/fixtures';
import { judge as recordJudgement } from '../helpers/judgements';
import { judged, makeCohort, period, qaCast, signedOffReport } from '../helpers/qa';

/**
 * The decisions half of quality assurance (issue 20), on PGlite and PostgreSQL: countersigning binds the signed-off
 * version's hash and is refused where it must be; an IQA's disagreement supersedes a sign-off without undoing it; the
 * assessor responds to actions; a centre's settings gate completion and what learners see.
 */
useTestDatabase();

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Amira's report signed off by Priya, in a cohort whose IQAs are Ian and Iris; the cohort requires countersigning. */
async function signedOff({ required = true } = {}) {
  const c = await qaCast({ standardRate: 1, signOffRate: 1, coverage: [] });
  await enrol(c.amira, REPORT_MODULE_SLUG);
  const version = await signedOffReport(c.amira, c.priya);
  await saveQaSettings(c.admin, { cohortId: c.cohortId, countersignRequired: required, showReviewToLearners: false });
  const [decision] = await getDb()
    .select()
    .from(reportDecisions)
    .where(and(eq(reportDecisions.learnerId, c.amira.id), eq(reportDecisions.outcome, 'signed_off')));
  return { ...c, version, decision: decision! };
}

/** Priya signs the version off again (after a supersession): every criterion met, the whole range covered. */
async function signOffAgain(
  c: Awaited<ReturnType<typeof signedOff>>,
  how: { acFeedback: string; discussion: { heldOn: string; acIds: string[]; notes: string }; feedback: string },
) {
  const unit = reportUnit();
  await decide(c.priya, {
    learnerId: c.amira.id,
    versionId: c.version.id,
    contentHash: c.version.contentHash,
    outcome: 'signed_off',
    declared: true,
    data: {
      acs: Object.fromEntries(
        allCriterionIds(unit).map((id) => [id, { outcome: 'met' as const, feedback: how.acFeedback }]),
      ),
      range: Object.fromEntries(allRangeIds(unit).map((id) => [id, 'covered' as const])),
      discussion: how.discussion,
      feedback: how.feedback,
    },
  });
}

/** Priya's caseload (her counters), the cohort's (counted row by row), and the "All met" filter, for the unit. */
async function caseloadViews(c: Awaited<ReturnType<typeof signedOff>>) {
  const mine = await caseload(c.priya, { moduleSlug: REPORT_MODULE_SLUG });
  const cohort = await caseload(c.admin, { moduleSlug: REPORT_MODULE_SLUG, cohortId: c.cohortId });
  const allMet = await caseload(c.priya, { moduleSlug: REPORT_MODULE_SLUG, status: 'complete' });
  const row = mine.rows.find((r) => r.id === c.amira.id)!;
  return {
    complete: [mine.counts.complete, cohort.counts.complete],
    listed: allMet.rows.map((r) => r.id),
    awaiting: row.modules.map((m) => m.awaitingCountersignature),
    superseded: row.modules.map((m) => m.signOffSuperseded),
    met: [row.totals.met, row.totals.total],
  };
}

const completion = async (learnerId: string) =>
  (await signOffStates(getDb(), [learnerId], REPORT_MODULE_SLUG)).get(learnerId)!.completion;

describe('countersigning', () => {
  it('where required, a signed-off unit awaits the countersignature, which binds the version hash; then it is complete', async () => {
    const c = await signedOff();
    expect(await completion(c.amira.id)).toBe('awaiting_countersignature');
    expect((await getLearnerReport(c.amira, c.amira.id)).status).toBe('awaiting_countersignature');
    const row = (await listReportsForStaff(c.priya)).find((r) => r.learnerId === c.amira.id)!;
    expect(row.status).toBe('awaiting_countersignature');

    const view = await getSignOffForQa(c.iris, c.decision.id);
    expect(view).toMatchObject({ contentHash: c.version.contentHash, canCountersign: true, countersignRequired: true });

    // A hash that is not the signed-off version's is refused, and nothing is stored.
    const stale = await rejection(
      countersign(c.iris, { reportDecisionId: c.decision.id, contentHash: 'a'.repeat(64), declared: true }),
    );
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale.message).toMatch(/SHA-256 differs/);
    expect(
      await rejection(
        countersign(c.iris, { reportDecisionId: c.decision.id, contentHash: c.version.contentHash, declared: false }),
      ),
    ).toBeInstanceOf(ValidationError);
    const countersignaturesOf = (id: string) =>
      getDb().select().from(reportCountersignatures).where(eq(reportCountersignatures.reportDecisionId, id));
    expect(await countersignaturesOf(c.decision.id)).toHaveLength(0);

    const out = await countersign(c.iris, {
      reportDecisionId: c.decision.id,
      contentHash: c.version.contentHash,
      declared: 'on',
    });
    expect(out.completion).toBe('complete');
    expect(await completion(c.amira.id)).toBe('complete');
    expect((await getLearnerReport(c.amira, c.amira.id)).status).toBe('signed_off');
    const [stored] = await countersignaturesOf(c.decision.id);
    expect(stored).toMatchObject({ iqaId: c.iris.id, contentHash: c.version.contentHash, versionId: c.version.id });
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'report.countersign'), eq(auditLog.subjectId, c.decision.id)));
    expect(entry).toMatchObject({ actorId: c.iris.id, subjectId: c.decision.id, learnerId: c.amira.id });

    // Once only; and the record is never changed or removed.
    expect(
      await rejection(
        countersign(c.ian, { reportDecisionId: c.decision.id, contentHash: c.version.contentHash, declared: true }),
      ),
    ).toBeInstanceOf(ConflictError);
    expect(await refusal(sql`update report_countersignatures set content_hash = ${'b'.repeat(64)}`)).toMatch(
      /refused/i,
    );
    expect(await refusal(sql`delete from report_countersignatures`)).toMatch(/refused/i);
    expect(await refusal(sql`truncate report_countersignatures`)).toMatch(/refused/i);
  });

  it('without the setting a sign-off is complete at once; the setting is audited and only an administrator changes it', async () => {
    const c = await signedOff({ required: false });
    expect(await completion(c.amira.id)).toBe('complete');
    expect((await getLearnerReport(c.amira, c.amira.id)).status).toBe('signed_off');
    expect(
      await rejection(
        saveQaSettings(c.ian, { cohortId: c.cohortId, countersignRequired: true, showReviewToLearners: false }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    await saveQaSettings(c.admin, { cohortId: c.cohortId, countersignRequired: 'on', showReviewToLearners: undefined });
    expect(await completion(c.amira.id)).toBe('awaiting_countersignature');
    const changes = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'qa.settings.change'), eq(auditLog.subjectId, c.cohortId)));
    // The first save changed nothing (both off, as before), so only the change is in the log.
    expect(changes.map((e) => [e.before, e.after])).toEqual([
      [
        { countersignRequired: false, showReviewToLearners: false },
        { countersignRequired: true, showReviewToLearners: false },
      ],
    ]);
  });

  it('the caseload counts the unit "All met" only once the countersignature its cohort requires is given', async () => {
    const c = await signedOff({ required: false });
    const views = () => caseloadViews(c);
    // Not required: complete at the sign-off.
    let v = await views();
    expect(v.complete).toEqual([1, 1]);
    expect(v.listed).toEqual([c.amira.id]);
    expect(v.met[0]).toBe(v.met[1]);

    // The cohort starts requiring it: every criterion is still met, but the unit is no longer "All met".
    await saveQaSettings(c.admin, { cohortId: c.cohortId, countersignRequired: true, showReviewToLearners: false });
    v = await views();
    expect(v.complete).toEqual([0, 0]);
    expect(v.listed).toEqual([]);
    expect(v.awaiting).toEqual([true]);
    expect(v.met[0]).toBe(v.met[1]);

    await countersign(c.iris, { reportDecisionId: c.decision.id, contentHash: c.version.contentHash, declared: true });
    v = await views();
    expect(v.complete).toEqual([1, 1]);
    expect(v.listed).toEqual([c.amira.id]);
    expect(v.awaiting).toEqual([false]);
    expect(await completion(c.amira.id)).toBe('complete');
  });

  it('a learner joining a cohort that requires countersigning leaves "All met" until countersigned', async () => {
    const c = await signedOff({ required: false });
    const strict = await makeCohort([]);
    await saveQaSettings(c.admin, { cohortId: strict, countersignRequired: true, showReviewToLearners: false });
    const counted = async () => (await caseload(c.priya, { moduleSlug: REPORT_MODULE_SLUG })).counts.complete;
    expect(await counted()).toBe(1);
    await addMembers(c.admin, { cohortId: strict, learnerIds: [c.amira.id] });
    expect(await counted()).toBe(0);
    await removeMember(c.admin, { cohortId: strict, learnerId: c.amira.id });
    expect(await counted()).toBe(1);
  });

  it("is refused for the IQA's own sign-off, an IQA of no cohort of the learner, and a referral, by the app and by the database", async () => {
    const c = await signedOff();
    // Ian is an IQA of the cohort and also an assessor: the sign-off of his own learner is his own.
    await enrol(c.ben, REPORT_MODULE_SLUG);
    const bens = await signedOffReport(c.ben, c.ian);
    const [ianSignOff] = await getDb()
      .select()
      .from(reportDecisions)
      .where(and(eq(reportDecisions.learnerId, c.ben.id), eq(reportDecisions.outcome, 'signed_off')));
    expect(
      await rejection(
        countersign(c.ian, { reportDecisionId: ianSignOff!.id, contentHash: bens.contentHash, declared: true }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect((await getSignOffForQa(c.ian, ianSignOff!.id)).canCountersign).toBe(false);
    expect(
      await rejection(
        countersign(c.outsider, {
          reportDecisionId: c.decision.id,
          contentHash: c.version.contentHash,
          declared: true,
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await rejection(
        countersign(c.priya, { reportDecisionId: c.decision.id, contentHash: c.version.contentHash, declared: true }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(await rejection(getSignOffForQa(c.outsider, c.decision.id))).toBeInstanceOf(ForbiddenError);

    const insert = (
      decisionId: string,
      iqaId: string,
      hash: string,
      learnerId = c.amira.id,
      versionId = c.version.id,
    ) =>
      sql`insert into report_countersignatures (report_decision_id, version_id, learner_id, module_slug, iqa_id, content_hash, declaration)
          values (${decisionId}, ${versionId}, ${learnerId}, ${REPORT_MODULE_SLUG}, ${iqaId}, ${hash}, 'x')`;
    expect(await refusal(insert(ianSignOff!.id, c.ian.id, bens.contentHash, c.ben.id, bens.id))).toMatch(
      /own sign-off/,
    );
    expect(await refusal(insert(c.decision.id, c.outsider.id, c.version.contentHash))).toMatch(/not an IQA/);
    expect(await refusal(insert(c.decision.id, c.iris.id, 'c'.repeat(64)))).toMatch(/content_hash does not match/);
    const mine = [ianSignOff!.id, c.decision.id];
    expect(
      (await getDb().select().from(reportCountersignatures)).filter((r) => mine.includes(r.reportDecisionId)),
    ).toHaveLength(0);
  });
});

describe('an IQA disagreeing with a sign-off', () => {
  it('supersedes it with a linked record, keeps the history, returns the version to the assessor, who decides again', async () => {
    const c = await signedOff();
    const sample = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period() });
    const item = sample.items.find((i) => i.kind === 'sign_off')!;
    const d = await recordQaDecision(c.iris, {
      itemId: item.id,
      verdict: 'disagree',
      feedback: 'AC 2.3 rests on a plan, not on what Amira did.',
      actions: [{ text: 'Hold a professional discussion on AC 2.3 and decide again.', dueOn: inDays(14) }],
    });
    expect(d.supersededSignOff).toBe(c.decision.id);

    // The sign-off is still recorded, unchanged; a supersession links it to the disagreement.
    const [still] = await getDb().select().from(reportDecisions).where(eq(reportDecisions.id, c.decision.id));
    expect(still).toMatchObject({ outcome: 'signed_off', contentHash: c.version.contentHash });
    const [link] = await getDb()
      .select()
      .from(signOffSupersessions)
      .where(eq(signOffSupersessions.reportDecisionId, c.decision.id));
    expect(link).toMatchObject({ reportDecisionId: c.decision.id, qaDecisionId: d.id, supersededBy: c.iris.id });
    expect(await refusal(sql`delete from sign_off_supersessions`)).toMatch(/refused/i);

    // It no longer counts: not complete, not countersignable, and the version is back with the assessor.
    expect(await completion(c.amira.id)).toBe('not_signed_off');
    const report = await getLearnerReport(c.amira, c.amira.id);
    expect(report.status).toBe('submitted');
    expect(
      await rejection(
        countersign(c.ian, { reportDecisionId: c.decision.id, contentHash: c.version.contentHash, declared: true }),
      ),
    ).toBeInstanceOf(ConflictError);
    const assessorView = await getAssessorView(c.priya, c.amira.id);
    expect(assessorView.canAssess).toBe(true);
    expect(assessorView.latest!.supersededSignOffs).toEqual([
      expect.objectContaining({
        supersededBy: expect.any(String),
        reason: 'AC 2.3 rests on a plan, not on what Amira did.',
        itemId: item.id,
      }),
    ]);
    expect(assessorView.latest!.supersededSignOffs[0]!.decision.id).toBe(c.decision.id);
    const itemView = await getSampledItem(c.iris, item.id);
    expect(itemView.current.reportDecisions).toEqual([
      expect.objectContaining({ outcome: 'signed_off', superseded: true }),
    ]);
    expect(
      (await loadQaStates(getDb(), c.amira.id, [allCriterionIds(reportUnit())[0]!])).get(
        allCriterionIds(reportUnit())[0]!,
      )!.underReview,
    ).toBe(true);

    // The assessor signs the same version off again: a new decision that names the one it follows.
    await signOffAgain(c, {
      acFeedback: 'Discussed.',
      discussion: {
        heldOn: '2026-12-01',
        acIds: [allCriterionIds(reportUnit())[0]!],
        notes: 'Amira described what she did.',
      },
      feedback: 'Signed off after a professional discussion.',
    });
    const decisions = await getDb().select().from(reportDecisions).where(eq(reportDecisions.versionId, c.version.id));
    expect(decisions).toHaveLength(2);
    const again = decisions.find((x) => x.id !== c.decision.id)!;
    expect(again.reopensId).toBe(c.decision.id);
    expect(await completion(c.amira.id)).toBe('awaiting_countersignature');
    // A second decision on a version without a superseded sign-off, or a second sign-off in force, is refused.
    expect(
      await refusal(sql`insert into report_decisions (version_id, learner_id, module_slug, assessor_id, outcome, feedback, range_marks, discussion, declaration, content_hash, counted_words, reopens_id)
        select version_id, learner_id, module_slug, assessor_id, outcome, feedback, range_marks, discussion, declaration, content_hash, counted_words, ${again.id}
        from report_decisions where id = ${again.id}`),
    ).toMatch(/reopens only a superseded sign-off/);

    // The IQA agrees with the new decision and countersigns it.
    await countersign(c.iris, { reportDecisionId: again.id, contentHash: c.version.contentHash, declared: true });
    expect(await completion(c.amira.id)).toBe('complete');
  });

  it('takes the unit out of "All met" on the caseload, every criterion still met, until the assessor signs off again', async () => {
    const c = await signedOff({ required: false });
    let v = await caseloadViews(c);
    expect(v.complete).toEqual([1, 1]);
    const sample = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period() });
    await recordQaDecision(c.iris, {
      itemId: sample.items.find((i) => i.kind === 'sign_off')!.id,
      verdict: 'disagree',
      feedback: 'AC 2.3 rests on a plan, not on what Amira did.',
      actions: [],
    });
    v = await caseloadViews(c);
    expect(v.complete).toEqual([0, 0]);
    expect(v.listed).toEqual([]);
    expect(v.superseded).toEqual([true]);
    expect(v.awaiting).toEqual([false]);
    expect(v.met[0]).toBe(v.met[1]);
    expect((await learnerHome(c.amira, c.amira.id)).modules.find((m) => m.slug === REPORT_MODULE_SLUG)).toMatchObject({
      signOffSuperseded: true,
    });

    await signOffAgain(c, {
      acFeedback: '',
      discussion: { heldOn: '', acIds: [], notes: '' },
      feedback: 'Signed off again.',
    });
    v = await caseloadViews(c);
    expect(v.complete).toEqual([1, 1]);
    expect(v.listed).toEqual([c.amira.id]);
    expect(v.superseded).toEqual([false]);
  });

  it('refuses a supersession the database cannot link to a disagreement with that sign-off', async () => {
    const c = await signedOff();
    const sample = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period() });
    const item = sample.items.find((i) => i.kind === 'sign_off')!;
    const agree = await recordQaDecision(c.iris, { itemId: item.id, verdict: 'agree', feedback: '' });
    expect(agree.supersededSignOff).toBeNull();
    expect(
      await refusal(sql`insert into sign_off_supersessions (report_decision_id, qa_decision_id, learner_id, module_slug, superseded_by)
        values (${c.decision.id}, ${agree.id}, ${c.amira.id}, ${REPORT_MODULE_SLUG}, ${c.iris.id})`),
    ).toMatch(/only an IQA's disagreement/);
    expect(await completion(c.amira.id)).toBe('awaiting_countersignature');
  });
});

describe("the assessor's response to an action", () => {
  it('the sampled assessor responds, linking the re-judgement; the IQA sees it and closes the action; then responses are refused', async () => {
    const c = await qaCast();
    const priyas = await judged(c.amira, c.priya, 'ee2/pc/1');
    const sample = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period() });
    const itemId = sample.items.find((i) => i.subjectId === priyas.judgementId)!.id;
    const d = await recordQaDecision(c.iris, {
      itemId,
      verdict: 'disagree',
      feedback: 'The account is a plan.',
      actions: [{ text: 'Ask Amira what she did, then re-judge.', dueOn: inDays(7) }],
    });
    const actionId = d.actionIds[0]!;

    // Nobody but Priya responds.
    for (const who of [c.iris, c.ian, c.outsider, c.amira, c.admin])
      expect(await rejection(respondToAction(who, { actionId, text: 'Done.' }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(respondToAction(c.priya, { actionId, text: '   ' }))).toBeInstanceOf(ValidationError);

    const first = await respondToAction(c.priya, { actionId, text: 'I will ask Amira for a witness statement.' });
    expect(first.judgementId).toBeNull();
    const again = await recordJudgement(c.priya, {
      learnerId: c.amira.id,
      criterionId: 'ee2/pc/1',
      outcome: 'not_yet_met',
      feedback: 'Add what you did yourself.',
      evidenceIds: [],
    });
    const second = await respondToAction(c.priya, {
      actionId,
      text: 'Re-judged: not yet met until Amira adds her account.',
    });
    expect(second.judgementId).toBe(again.id);

    const feedback = (await getMyQaFeedback(c.priya)).find((i) => i.itemId === itemId)!;
    expect(feedback.actions[0]!.responses.map((r) => r.text)).toEqual([
      'I will ask Amira for a witness statement.',
      'Re-judged: not yet met until Amira adds her account.',
    ]);
    expect(feedback.actions[0]!.responses[1]!.rejudgement).toMatchObject({ outcome: 'not_yet_met' });
    const view = await getSampledItem(c.iris, itemId);
    expect(view.decisions[0]!.actions[0]!.responses).toHaveLength(2);

    await closeQaAction(c.iris, { actionId, note: 'Agreed.' });
    expect(await rejection(respondToAction(c.priya, { actionId, text: 'One more thing.' }))).toBeInstanceOf(
      ConflictError,
    );
    expect(await getDb().select().from(qaActionResponses).where(eq(qaActionResponses.actionId, actionId))).toHaveLength(
      2,
    );
    expect(await refusal(sql`update qa_action_responses set text = 'changed'`)).toMatch(/refused/i);
    expect(
      await refusal(
        sql`insert into qa_action_responses (action_id, assessor_id, text) values (${actionId}, ${c.priya.id}, 'late')`,
      ),
    ).toMatch(/closed/);
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'qa.action.respond'), eq(auditLog.subjectId, actionId)));
    expect(audits).toHaveLength(2);
  });
});

describe('showing "under quality review" to learners', () => {
  it('only where a cohort of the learner chooses it, on their own criteria', async () => {
    const c = await qaCast();
    const priyas = await judged(c.amira, c.priya, 'ee2/pc/1');
    const sample = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period() });
    const itemId = sample.items.find((i) => i.subjectId === priyas.judgementId)!.id;
    await recordQaDecision(c.iris, { itemId, verdict: 'disagree', feedback: 'Not her own work.' });
    const marked = async () =>
      (await myProgress(c.amira, c.amira.id))
        .flatMap((m) => m.items)
        .filter((i) => i.underQualityReview)
        .map((i) => i.criterion.id);
    expect(await learnerSeesQaReview(getDb(), c.amira.id)).toBe(false);
    expect(await marked()).toEqual([]);
    await saveQaSettings(c.admin, { cohortId: c.cohortId, countersignRequired: false, showReviewToLearners: true });
    expect(await marked()).toEqual(['ee2/pc/1']);
    // Another learner's state is never theirs to read, and Ben has none.
    expect((await myProgress(c.ben, c.ben.id)).flatMap((m) => m.items).some((i) => i.underQualityReview)).toBe(false);
  });
});
