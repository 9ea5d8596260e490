import { and, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { users, worksheetAnswers } from '@/db/schema';
import {
  ACCESS,
  assertAccess,
  can,
  learnerScope,
  ownWorkRole,
  POLICY,
  rolesAllowed,
  type Action,
  type Actor,
  type Capability,
} from '@/lib/permissions';
import { ForbiddenError } from '@/lib/errors';
import { useTestDatabase } from '../helpers/db';
import { assign, makeCast, makeUser } from '../helpers/fixtures';

useTestDatabase();

type Cast = Awaited<ReturnType<typeof makeCast>>;

/** The cast's learners that `actor` may do `action` on, by the list gate. */
async function scoped(c: Cast, actor: Actor, action: Action): Promise<string[]> {
  const rows = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [c.learner.id, c.otherLearner.id]), learnerScope(actor, action, users.id)));
  return rows.map((r) => r.id).sort();
}

// Written out by hand (not derived from POLICY): which of the two learners each member of the cast may list, per
// kind of action. "own": the learner alone; "assigned": c.learner for the assessor/coach linked to her, c.otherLearner
// for the other assessor/coach; "all": both; "none": neither.
type Reach = 'own' | 'assigned' | 'all' | 'none';
const EXPECTED: Record<Action, Record<'learner' | 'assessor' | 'coach' | 'admin', Reach>> = {
  'learner.view': { learner: 'own', assessor: 'assigned', coach: 'assigned', admin: 'all' },
  'evidence.view': { learner: 'own', assessor: 'assigned', coach: 'assigned', admin: 'all' },
  'evidence.write': { learner: 'own', assessor: 'none', coach: 'none', admin: 'none' },
  'evidence.record': { learner: 'none', assessor: 'assigned', coach: 'none', admin: 'none' },
  'judgement.write': { learner: 'none', assessor: 'assigned', coach: 'none', admin: 'none' },
  'worksheet.view': { learner: 'own', assessor: 'assigned', coach: 'assigned', admin: 'all' },
  'worksheet.write': { learner: 'own', assessor: 'none', coach: 'none', admin: 'none' },
  'worksheet.comment': { learner: 'none', assessor: 'none', coach: 'assigned', admin: 'none' },
  'report.view': { learner: 'own', assessor: 'assigned', coach: 'assigned', admin: 'all' },
  'report.write': { learner: 'own', assessor: 'none', coach: 'none', admin: 'none' },
  'report.assess': { learner: 'none', assessor: 'assigned', coach: 'none', admin: 'none' },
  'export.view': { learner: 'own', assessor: 'assigned', coach: 'assigned', admin: 'all' },
  'record.export': { learner: 'own', assessor: 'assigned', coach: 'none', admin: 'all' },
  'badge.view': { learner: 'own', assessor: 'none', coach: 'none', admin: 'all' },
  'review.view': { learner: 'own', assessor: 'assigned', coach: 'assigned', admin: 'all' },
  'review.write': { learner: 'none', assessor: 'none', coach: 'assigned', admin: 'none' },
  'review.sign': { learner: 'own', assessor: 'none', coach: 'assigned', admin: 'none' },
  'target.claim': { learner: 'own', assessor: 'none', coach: 'none', admin: 'none' },
  'target.confirm': { learner: 'none', assessor: 'none', coach: 'assigned', admin: 'none' },
  'hours.view': { learner: 'own', assessor: 'assigned', coach: 'assigned', admin: 'all' },
  'hours.write': { learner: 'own', assessor: 'none', coach: 'none', admin: 'none' },
};

describe('learnerScope: the list form of authorize', () => {
  it('covers every action in the policy', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(POLICY).sort());
  });

  for (const action of Object.keys(EXPECTED) as Action[]) {
    it(`${action}: each actor lists exactly the learners expected, and exactly those can() allows`, async () => {
      const c = await makeCast();
      const both = [c.learner.id, c.otherLearner.id].sort();
      const reach = (r: Reach, own: string): string[] => (r === 'all' ? both : r === 'none' ? [] : [own]);
      const cases: [string, Actor, string[]][] = [
        ['learner', c.learner, reach(EXPECTED[action].learner, c.learner.id)],
        ['other learner', c.otherLearner, reach(EXPECTED[action].learner, c.otherLearner.id)],
        ['assessor', c.assessor, reach(EXPECTED[action].assessor, c.learner.id)],
        ['other assessor', c.otherAssessor, reach(EXPECTED[action].assessor, c.otherLearner.id)],
        ['coach', c.coach, reach(EXPECTED[action].coach, c.learner.id)],
        ['other coach', c.otherCoach, reach(EXPECTED[action].coach, c.otherLearner.id)],
        ['admin', c.admin, reach(EXPECTED[action].admin, c.admin.id)],
      ];
      for (const [name, actor, expected] of cases) {
        const listed = await scoped(c, actor, action);
        expect(listed, `${name} ${action}`).toEqual(expected);
        // One table decides both: the per-learner check agrees with the list for each learner.
        for (const id of [c.learner.id, c.otherLearner.id]) {
          expect(
            await can(actor, action, id),
            `${name} ${action} can(${id === c.learner.id ? 'learner' : 'other learner'})`,
          ).toBe(listed.includes(id));
        }
      }
    });
  }

  it('an assignment is per role: a coach claimed as an assessor, or an assessor as a coach, lists no one', async () => {
    const c = await makeCast();
    expect(await scoped(c, { id: c.coach.id, role: 'assessor' }, 'evidence.view')).toEqual([]);
    expect(await scoped(c, { id: c.assessor.id, role: 'coach' }, 'evidence.view')).toEqual([]);
  });

  it('a member of staff assigned in both roles to different learners lists each learner only for its role', async () => {
    const c = await makeCast();
    const both = await makeUser('coach');
    await assign(c.otherLearner, both);
    // The same person as an assessor of c.learner (assigned by id, as an admin would for a dual-role account).
    await assign(c.learner, { ...both, role: 'assessor' });
    expect(await scoped(c, both, 'worksheet.comment')).toEqual([c.otherLearner.id]);
    expect(await scoped(c, { ...both, role: 'assessor' }, 'judgement.write')).toEqual([c.learner.id]);
  });

  it("works inside a join and in a hand-written statement, over another table's learner column", async () => {
    const c = await makeCast();
    await getDb()
      .insert(worksheetAnswers)
      .values([
        { learnerId: c.learner.id, moduleSlug: 'x-one', answers: {}, version: 1 },
        { learnerId: c.otherLearner.id, moduleSlug: 'x-one', answers: {}, version: 1 },
      ]);
    const rows = await getDb()
      .select({ id: worksheetAnswers.learnerId })
      .from(worksheetAnswers)
      .innerJoin(users, sql`${users.id} = ${worksheetAnswers.learnerId}`)
      .where(learnerScope(c.coach, 'worksheet.view', worksheetAnswers.learnerId));
    expect(rows.map((r) => r.id)).toEqual([c.learner.id]);
    const raw = await getDb().execute(
      sql`select w.learner_id from worksheet_answers w where ${learnerScope(c.otherAssessor, 'worksheet.view', sql.raw('w.learner_id'))}`,
    );
    const rawRows = (Array.isArray(raw) ? raw : (raw as { rows: unknown[] }).rows) as { learner_id: string }[];
    expect(rawRows.map((r) => r.learner_id)).toEqual([c.otherLearner.id]);
  });
});

describe('page capabilities (ACCESS), derived from POLICY', () => {
  // By hand: the roles each kind of page has always admitted (the authorization matrix checks them over HTTP).
  const expected: Record<Capability, string[]> = {
    'home.learner': ['learner'],
    'home.assessor': ['assessor'],
    'home.coach': ['coach'],
    admin: ['admin'],
    'own.worksheets': ['learner'],
    'own.worksheet-hand-ins': ['learner'],
    'own.evidence': ['learner'],
    'own.evidence.write': ['learner'],
    'own.report': ['learner'],
    'own.report.versions': ['learner'],
    'own.hours': ['learner'],
    'own.badges': ['learner'],
    'learners.assigned': ['assessor', 'coach'],
    'learner.portfolio': ['admin', 'assessor', 'coach'],
    'hand-ins.view': ['admin', 'assessor', 'coach'],
    'hand-ins.queue': ['coach'],
    'reports.view': ['admin', 'assessor', 'coach'],
    dashboards: ['admin', 'assessor', 'coach'],
    coaching: ['admin', 'coach'],
    // Quality assurance: the staff roles that may hold the IQA capability; lib/qa refuses those who do not.
    quality: ['admin', 'assessor', 'coach'],
    'quality.feedback': ['assessor'],
    // The external quality assurer's visit; its pack also for the centre's IQA (staff) and administrators.
    eqa: ['eqa'],
    'eqa.pack': ['admin', 'assessor', 'coach', 'eqa'],
    // A progress review: the learner's own, or one of a learner the member of staff may read.
    review: ['admin', 'assessor', 'coach', 'learner'],
  };

  it('admits exactly the roles each page admitted before', () => {
    expect(Object.fromEntries(Object.entries(ACCESS).map(([k, roles]) => [k, [...roles].sort()]))).toEqual(expected);
  });

  it('rolesAllowed reads POLICY by relation', () => {
    expect(rolesAllowed('judgement.write', 'assigned')).toEqual(['assessor']);
    expect(rolesAllowed('judgement.write', 'own')).toEqual([]);
    expect(rolesAllowed('export.view', 'others').sort()).toEqual(['admin', 'assessor', 'coach']);
    expect(rolesAllowed('worksheet.write', 'own')).toEqual(['learner']);
  });

  it('assertAccess refuses with a 403 and the given message', async () => {
    const c = await makeCast();
    expect(() => assertAccess(c.learner, 'reports.view', 'Not for you.')).toThrow(ForbiddenError);
    expect(() => assertAccess(c.learner, 'reports.view', 'Not for you.')).toThrow('Not for you.');
    expect(() => assertAccess(c.admin, 'reports.view')).not.toThrow();
  });

  it('ownWorkRole: the roles that may write their own worksheet, as a condition on a role column', async () => {
    const c = await makeCast();
    const ids = [c.learner.id, c.assessor.id, c.coach.id, c.admin.id];
    const rows = await getDb()
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, ids), ownWorkRole('worksheet.write', users.role)));
    expect(rows.map((r) => r.id)).toEqual([c.learner.id]);
    const none = await getDb()
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, ids), ownWorkRole('judgement.write', users.role)));
    expect(none).toEqual([]);
  });
});
