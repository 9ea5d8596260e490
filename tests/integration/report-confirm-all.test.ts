import { and, eq, gt, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, judgements, reportAcJudgements, reportDecisions, reportVersions } from '@/db/schema';
import { PublicError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { confirmAll, getAssessorView } from '@/lib/reports/assess';
import { confirmAllProposal } from '@/lib/reports/checks';
import { getLearnerReport, saveDraft } from '@/lib/reports/drafts';
import { confirmAllSchema } from '@/lib/reports/schemas';
import { submitReport } from '@/lib/reports/submit';
import { EMPTY_ASSESSMENT } from '@/lib/reports/types';
import { allCriterionIds, allRangeIds, REPORT_MODULE_SLUG, reportUnit } from '@/lib/reports/unit';
import { useTestDatabase } from '../helpers/db';
import { createEvidence } from '../helpers/evidence';
import { enrol, makeCast } from '../helpers/fixtures';
import { linkedSectionTags, reportWithCountedWords } from '../fixtures/reports/make';

useTestDatabase();

/**
 * Confirm-all (issue 24): one step signs off a report that meets everything, and writes exactly what the per-criterion
 * path writes: a judgement and a link row per criterion, the sign-off bound to the version's hash, one audit row.
 */

async function rejection(p: Promise<unknown>): Promise<PublicError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'expected a refusal').toBeInstanceOf(PublicError);
  return e as PublicError;
}

/** The learner writes a report with every "1.1 ..." heading linked to its criterion (except `unlink`), and submits. */
async function submitLinked(learner: Actor, content: string, unlink: string[] = []) {
  const tags = linkedSectionTags(content, unlink);
  const report = await getLearnerReport(learner, learner.id);
  const saved = await saveDraft(learner, learner.id, {
    version: report.draft?.version ?? 0,
    content,
    sectionTags: tags,
  });
  await submitReport(learner, learner.id, { draftVersion: saved.version, declared: true });
}

async function cast() {
  const c = await makeCast();
  await enrol(c.learner, REPORT_MODULE_SLUG);
  return c;
}

/** What the assessor's page shows and confirm-all sends: the proposal built from the page's basis. */
async function shown(assessor: Actor, learnerId: string) {
  const view = await getAssessorView(assessor, learnerId);
  expect(view.canAssess).toBe(true);
  const { data } = confirmAllProposal(reportUnit(), view.basis!, view.assessmentDraft?.data ?? EMPTY_ASSESSMENT);
  return {
    view,
    input: confirmAllSchema.parse({
      learnerId,
      versionId: view.latest!.id,
      contentHash: view.latest!.contentHash,
      data,
      declared: true,
    }),
  };
}

async function recordsOf(learnerId: string) {
  const db = getDb();
  return {
    judgements: await db.select().from(judgements).where(eq(judgements.learnerId, learnerId)),
    links: await db.select().from(reportAcJudgements).where(eq(reportAcJudgements.learnerId, learnerId)),
    decisions: await db.select().from(reportDecisions).where(eq(reportDecisions.learnerId, learnerId)),
    audits: await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.learnerId, learnerId), eq(auditLog.action, 'report.signoff'))),
  };
}

describe('confirm-all: one step, each criterion its own decision', () => {
  it('writes a judgement and a version link per criterion, the sign-off bound to the hash, and one audit row', async () => {
    const { learner, assessor } = await cast();
    await submitLinked(learner, reportWithCountedWords(3400));
    const { view, input } = await shown(assessor, learner.id);
    const ids = allCriterionIds(reportUnit());
    // The page's basis: every criterion has the section the learner linked to it, with its place among the headings.
    expect(view.basis!['u306/ac/2.4']!.sections).toEqual([
      { heading: '2.4 Techniques to attract and retain customers', index: 9 },
    ]);
    // Shown before it is sent: every criterion met and every range item pre-marked covered.
    expect(Object.values(input.data.acs).map((a) => a.outcome)).toEqual(ids.map(() => 'met'));
    expect(Object.keys(input.data.range).sort()).toEqual(allRangeIds(reportUnit()).sort());

    const result = await confirmAll(assessor, input);
    expect(result.outcome).toBe('signed_off');
    expect(result.message).toMatch(/Version 1 is signed off/);

    const r = await recordsOf(learner.id);
    expect(r.judgements.map((j) => j.criterionId).sort()).toEqual([...ids].sort());
    expect(r.judgements.every((j) => j.outcome === 'met' && j.assessorId === assessor.id)).toBe(true);
    expect(r.links.map((l) => l.acId).sort()).toEqual([...ids].sort());
    expect(new Set(r.links.map((l) => l.judgementId))).toEqual(new Set(r.judgements.map((j) => j.id)));
    expect(r.links.every((l) => l.versionId === input.versionId && l.decisionId === result.decisionId)).toBe(true);
    expect(r.decisions).toHaveLength(1);
    const [decision] = r.decisions;
    expect(decision!.outcome).toBe('signed_off');
    expect(decision!.contentHash).toBe(input.contentHash);
    expect(decision!.declaration).toMatch(/I confirm that I have assessed this version/);
    expect(decision!.rangeMarks).toEqual(input.data.range);
    expect(r.audits).toHaveLength(1);
    const after = r.audits[0]!.after as {
      via: string;
      contentHash: string;
      judgements: [string, string][];
      basis: Record<string, { sections: string[]; evidence: string[] }>;
    };
    expect(after.via).toBe('confirm_all');
    expect(after.contentHash).toBe(input.contentHash);
    expect(after.judgements).toHaveLength(ids.length);
    expect(after.basis['u306/ac/1.1']!.sections).toEqual(['1.1 The customer experience']);

    // The assessor's view afterwards: the decision with each criterion's own judgement.
    const later = await getAssessorView(assessor, learner.id);
    expect(later.canAssess).toBe(false);
    expect(later.latest!.decisionDetail!.acJudgements.map((j) => j.acId).sort()).toEqual([...ids].sort());
  });

  it('mapped evidence stands in for a missing section link, and a criterion with neither is refused', async () => {
    const { learner, assessor } = await cast();
    await submitLinked(learner, reportWithCountedWords(3300), ['u306/ac/3.3', 'u306/ac/2.6']);
    const bare = await shown(assessor, learner.id);
    expect(bare.view.basis!['u306/ac/3.3']!.sections).toEqual([]);
    const refused = await rejection(confirmAll(assessor, bare.input));
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/2\.6, 3\.3 have no section of the report linked and no evidence mapped/);
    expect(refused.message).toMatch(/Nothing was recorded/);
    expect((await recordsOf(learner.id)).judgements).toEqual([]);

    // Evidence mapped to both: now each has something to point at.
    await createEvidence(learner, {
      kind: 'account',
      title: 'Monthly satisfaction survey',
      occurredOn: '2026-03-01',
      description: '',
      body: 'I run a survey every month and follow up every complaint within a day.',
      criteria: [
        { id: 'u306/ac/3.3', note: '' },
        { id: 'u306/ac/2.6', note: '' },
      ],
    });
    const { view, input } = await shown(assessor, learner.id);
    expect(view.basis!['u306/ac/3.3']!.evidence.map((e) => e.title)).toEqual(['Monthly satisfaction survey']);
    await confirmAll(assessor, input);
    const r = await recordsOf(learner.id);
    expect(r.judgements).toHaveLength(allCriterionIds(reportUnit()).length);
    const basis = (r.audits[0]!.after as { basis: Record<string, { evidence: string[] }> }).basis;
    expect(basis['u306/ac/3.3']!.evidence).toEqual([view.basis!['u306/ac/3.3']!.evidence[0]!.id]);
  });

  it('refuses a version that changed since the page was opened, and writes nothing', async () => {
    const { learner, assessor } = await cast();
    await submitLinked(learner, reportWithCountedWords(3400));
    const { input } = await shown(assessor, learner.id);
    // The learner submits a new version after the assessor opened version 1.
    await submitLinked(learner, reportWithCountedWords(3500, { seed: 3 }));
    const stale = await rejection(confirmAll(assessor, input));
    expect(stale.status).toBe(409);
    expect(stale.message).toMatch(/submitted version 2 after you opened version 1\. Nothing was recorded/);
    // The hash of other text than the version's: refused too.
    const { input: fresh } = await shown(assessor, learner.id);
    const otherText = await rejection(confirmAll(assessor, { ...fresh, contentHash: 'a'.repeat(64) }));
    expect(otherText.status).toBe(409);
    const r = await recordsOf(learner.id);
    expect([r.judgements, r.links, r.decisions, r.audits]).toEqual([[], [], [], []]);
  });

  it('refuses anything short of a complete sign-off: a criterion not met, a range item unmarked; nothing half-saves', async () => {
    const { learner, assessor } = await cast();
    await submitLinked(learner, reportWithCountedWords(3400));
    const { input } = await shown(assessor, learner.id);
    const notMet = {
      ...input,
      data: { ...input.data, acs: { ...input.data.acs, 'u306/ac/2.5': { outcome: 'not_yet_met' as const } } },
    };
    expect((await rejection(confirmAll(assessor, notMet))).message).toMatch(/2\.5 is not yet met/);
    const range = { ...input.data.range };
    delete range[allRangeIds(reportUnit())[0]!];
    expect((await rejection(confirmAll(assessor, { ...input, data: { ...input.data, range } }))).message).toMatch(
      /Mark every range item/,
    );
    // The declaration is part of the input's shape: without it the boundary refuses.
    expect(confirmAllSchema.safeParse({ ...input, declared: false }).success).toBe(false);
    const r = await recordsOf(learner.id);
    expect([r.judgements, r.links, r.decisions, r.audits]).toEqual([[], [], [], []]);
  });

  it('only the assigned assessor: everyone else gets 403 and nothing is written', async () => {
    const c = await cast();
    await submitLinked(c.learner, reportWithCountedWords(3400));
    const { input } = await shown(c.assessor, c.learner.id);
    const db = getDb();
    const [{ maxAudit }] = await db
      .select({ maxAudit: sql<number>`coalesce(max(${auditLog.id}), 0)::int` })
      .from(auditLog);
    for (const actor of [c.otherAssessor, c.coach, c.admin, c.learner, c.otherLearner, c.otherCoach]) {
      expect((await rejection(confirmAll(actor, input))).status).toBe(403);
    }
    const r = await recordsOf(c.learner.id);
    expect([r.judgements, r.links, r.decisions]).toEqual([[], [], []]);
    expect(await db.select().from(auditLog).where(gt(auditLog.id, maxAudit))).toEqual([]);
    // The version is still waiting for its own assessor.
    const [v] = await db.select().from(reportVersions).where(eq(reportVersions.id, input.versionId));
    expect(v).toBeDefined();
    expect((await getAssessorView(c.assessor, c.learner.id)).canAssess).toBe(true);
  });
});
