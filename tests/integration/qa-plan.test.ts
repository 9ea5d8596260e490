import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, samplingPlans } from '@/db/schema';
import { ConflictError, ForbiddenError, PublicError, ValidationError } from '@/lib/errors';
import { getPlanEditor, savePlan } from '@/lib/qa/plan';
import { planFormSchema } from '@/lib/qa/plan-form';
import { parseOrThrow } from '@/lib/validate';
import { useTestDatabase } from '../helpers/db';
import { MODULE, qaCast } from '../helpers/qa';

/** Editing a cohort's sampling plan (PGlite, or PostgreSQL with DATABASE_URL): versions, refusals, audit, history. */
useTestDatabase();

async function rejection(p: Promise<unknown>): Promise<PublicError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'expected a refusal').toBeInstanceOf(PublicError);
  return e as PublicError;
}

/** What the editor's form sends, as the action receives it. */
const form = (cohortId: string, basedOnVersion: number, over: Record<string, unknown> = {}) =>
  parseOrThrow(planFormSchema, {
    cohortId,
    basedOnVersion: String(basedOnVersion),
    name: 'Spring plan',
    standardRate: '20',
    signOffRate: '',
    newAssessor: 'on',
    newAssessorFirst: '3',
    newAssessorRate: '100',
    afterDisagreementFor: '10',
    afterDisagreementRate: '50',
    coverAssessor: 'sample',
    coverModule: 'plan',
    coverMethod: 'none',
    coverStage: 'none',
    coverCohort: 'none',
    ...over,
  });

const versionsOf = (cohortId: string) =>
  getDb().select().from(samplingPlans).where(eq(samplingPlans.cohortId, cohortId)).orderBy(samplingPlans.version);

describe('editing a sampling plan', () => {
  it('an IQA saves the form as the next version; the old one stays; the audit row has before and after', async () => {
    const c = await qaCast();
    const v2 = await savePlan(c.iris, form(c.cohortId, 1, { modules: [MODULE] }));
    expect(v2.version).toBe(2);
    expect(v2.rules).toEqual({
      standardRate: 0.2,
      newAssessor: { firstDecisions: 3, rate: 1 },
      coverage: [
        { dimension: 'assessor', scope: 'sample' },
        { dimension: 'module', scope: 'plan' },
      ],
      modules: [MODULE],
    });
    const rows = await versionsOf(c.cohortId);
    expect(rows.map((r) => [r.version, r.rules])).toEqual([
      [1, c.plan.rules],
      [2, v2.rules],
    ]);
    const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.subjectId, v2.id));
    expect(audit).toMatchObject({
      action: 'qa.plan.save',
      actorId: c.iris.id,
      before: { version: 1, name: 'Spring plan', rules: c.plan.rules },
      after: { cohortId: c.cohortId, version: 2, name: 'Spring plan', rules: v2.rules },
    });
  });

  it('shows every version, newest first, with who saved it and what changed', async () => {
    const c = await qaCast();
    await savePlan(c.iris, form(c.cohortId, 1));
    await savePlan(c.ian, form(c.cohortId, 2, { standardRate: '30', name: 'Spring plan, tighter' }));
    const editor = await getPlanEditor(c.ian, c.cohortId);
    expect(editor.version).toBe(3);
    expect(editor.values).toMatchObject({ name: 'Spring plan, tighter', standardRate: '30', newAssessor: true });
    expect(editor.modules.map((m) => m.slug)).toContain(MODULE);
    expect(editor.versions.map((v) => [v.version, v.createdBy, v.changes])).toEqual([
      [3, c.ian.name, ['Renamed from “Spring plan” to “Spring plan, tighter”.', 'Standard rate: 20% → 30%.']],
      [
        2,
        c.iris.name,
        [
          'Standard rate: 100% → 20%.',
          'New assessors: no higher rate → 100% of the first 3 decisions.',
          'Coverage of every unit or module: not required → over the plan’s samples.',
        ],
      ],
      [1, c.ian.name, ['First version of the plan.']],
    ]);
  });

  it('an administrator may save a plan; assessors, learners and other IQAs may neither save nor read it', async () => {
    const c = await qaCast();
    for (const actor of [c.outsider, c.priya, c.amira]) {
      expect(await rejection(savePlan(actor, form(c.cohortId, 1))), actor.name).toBeInstanceOf(ForbiddenError);
      expect(await rejection(getPlanEditor(actor, c.cohortId)), actor.name).toBeInstanceOf(ForbiddenError);
    }
    expect((await savePlan(c.admin, form(c.cohortId, 1))).version).toBe(2);
    expect((await getPlanEditor(c.admin, c.cohortId)).versions).toHaveLength(2);
    expect(await versionsOf(c.cohortId)).toHaveLength(2);
  });

  it('refuses a save over a version saved meanwhile, and one that changes nothing; nothing is stored', async () => {
    const c = await qaCast();
    await savePlan(c.iris, form(c.cohortId, 1));
    const stale = await rejection(savePlan(c.ian, form(c.cohortId, 1, { standardRate: '40' })));
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale.message).toMatch(/^Version 2 of this plan was saved while you were editing version 1/);
    const same = await rejection(savePlan(c.ian, form(c.cohortId, 2)));
    expect(same).toBeInstanceOf(ValidationError);
    expect(same.message).toMatch(/^Nothing changed: version 2 already says this/);
    const unknown = await rejection(savePlan(c.ian, form(c.cohortId, 2, { modules: ['no-such-module'] })));
    expect(unknown).toBeInstanceOf(ValidationError);
    expect(unknown.fieldErrors).toEqual({ modules: 'Choose modules from the list.' });
    expect(await versionsOf(c.cohortId)).toHaveLength(2);
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.action, 'qa.plan.save'));
    expect(audits.filter((a) => (a.after as { cohortId: string }).cohortId === c.cohortId)).toHaveLength(2);
  });

  it('two saves based on the same version at once: one is stored, the other is refused as stale', async () => {
    const c = await qaCast();
    const results = await Promise.allSettled([
      savePlan(c.ian, form(c.cohortId, 1, { standardRate: '40' })),
      savePlan(c.iris, form(c.cohortId, 1, { standardRate: '50' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(ConflictError);
    expect(await versionsOf(c.cohortId)).toHaveLength(2);
  });
});
