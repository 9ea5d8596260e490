import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cohortMembers, cohorts, reportVersions } from '@/db/schema';
import { createEvidence } from './evidence';
import { judge as recordJudgement } from './judgements';
import type { Actor } from '@/lib/permissions';
import { decide } from '@/lib/reports/assess';
import { getLearnerReport, saveDraft } from '@/lib/reports/drafts';
import { submitReport } from '@/lib/reports/submit';
import { allCriterionIds, allRangeIds, REPORT_MODULE_SLUG, reportUnit } from '@/lib/reports/unit';
import { assignIqa } from '@/lib/qa/iqa';
import { savePlan } from '@/lib/qa/plan';
import type { PlanRules } from '@/lib/qa/rules';
import { reportWithCountedWords } from '../fixtures/reports/make';
import { assign, enrol, makeUser, type TestUser } from './fixtures';

export const MODULE = 'ee2-win-keep-customers';

export async function makeCohort(members: TestUser[]): Promise<string> {
  const [c] = await getDb()
    .insert(cohorts)
    .values({ name: `QA cohort ${crypto.randomUUID()}` })
    .returning();
  for (const m of members) await getDb().insert(cohortMembers).values({ cohortId: c!.id, learnerId: m.id });
  return c!.id;
}

/** Evidence by the learner for one criterion, and the assessor's judgement of it. */
export async function judged(
  learner: Actor,
  assessor: Actor,
  criterionId: string,
  outcome: 'met' | 'not_yet_met' = 'met',
  body = 'I asked my customers what they thought and changed the opening hours.',
) {
  const { id: evidenceId } = await createEvidence(learner, {
    kind: 'account',
    title: `Evidence for ${criterionId}`,
    occurredOn: '2026-11-01',
    description: '',
    body,
    criteria: [{ id: criterionId, note: 'This is where I did it.' }],
  });
  const { id: judgementId } = await recordJudgement(assessor, {
    learnerId: learner.id,
    criterionId,
    outcome,
    feedback: outcome === 'met' ? 'Clear.' : 'Say what you did yourself.',
    evidenceIds: outcome === 'met' ? [evidenceId] : [],
  });
  return { evidenceId, judgementId };
}

export async function signedOffReport(learner: TestUser, assessor: Actor) {
  const report = await getLearnerReport(learner, learner.id);
  const saved = await saveDraft(learner, learner.id, {
    version: report.draft?.version ?? 0,
    content: reportWithCountedWords(3200),
    sectionTags: {},
  });
  await submitReport(learner, learner.id, { draftVersion: saved.version, declared: true });
  const [v] = await getDb()
    .select()
    .from(reportVersions)
    .where(and(eq(reportVersions.learnerId, learner.id), eq(reportVersions.moduleSlug, REPORT_MODULE_SLUG)));
  const unit = reportUnit();
  await decide(assessor, {
    learnerId: learner.id,
    versionId: v!.id,
    contentHash: v!.contentHash,
    outcome: 'signed_off',
    declared: true,
    data: {
      acs: Object.fromEntries(
        allCriterionIds(unit).map((id) => [id, { outcome: 'met' as const, feedback: 'Well evidenced.' }]),
      ),
      range: Object.fromEntries(allRangeIds(unit).map((id) => [id, 'covered' as const])),
      discussion: { heldOn: '', acIds: [], notes: '' },
      feedback: 'A thorough report.',
    },
  });
  return v!;
}

/**
 * A cohort of two learners. Priya assesses Amira; Ian assesses Ben and is also the cohort's IQA (a person may be both);
 * Iris is a second IQA (an assessor with no learners here). Both learners are enrolled on EE2.
 */
export async function qaCast(
  rules: PlanRules = { standardRate: 1, coverage: [{ dimension: 'assessor', scope: 'sample' }] },
) {
  const amira = await makeUser('learner');
  const ben = await makeUser('learner');
  const priya = await makeUser('assessor');
  const ian = await makeUser('assessor');
  const iris = await makeUser('assessor');
  const outsider = await makeUser('assessor');
  const admin = await makeUser('admin');
  await assign(amira, priya);
  await assign(ben, ian);
  await enrol(amira, MODULE);
  await enrol(ben, MODULE);
  const cohortId = await makeCohort([amira, ben]);
  await assignIqa(admin, { iqaId: ian.id, cohortId });
  await assignIqa(admin, { iqaId: iris.id, cohortId });
  const plan = await savePlan(ian, { cohortId, name: 'Spring plan', rules });
  return { amira, ben, priya, ian, iris, outsider, admin, cohortId, plan };
}

export const period = () => ({
  from: new Date(Date.now() - 86_400_000).toISOString(),
  to: new Date(Date.now() + 86_400_000).toISOString(),
});
