import { describe, expect, it } from 'vitest';
import { authorize, can, POLICY, relationTo, type Action } from '@/lib/permissions';
import { ForbiddenError } from '@/lib/errors';
import { useTestDatabase } from '../helpers/db';
import { makeCast } from '../helpers/fixtures';

useTestDatabase();

describe('permissions', () => {
  it('derives each relation from the database', async () => {
    const c = await makeCast();
    expect(await relationTo(c.learner, c.learner.id)).toBe('self');
    expect(await relationTo(c.otherLearner, c.learner.id)).toBe('none');
    expect(await relationTo(c.assessor, c.learner.id)).toBe('assessor');
    expect(await relationTo(c.otherAssessor, c.learner.id)).toBe('none');
    expect(await relationTo(c.coach, c.learner.id)).toBe('coach');
    expect(await relationTo(c.otherCoach, c.learner.id)).toBe('none');
    expect(await relationTo(c.admin, c.learner.id)).toBe('admin');
  });

  it('a coach assigned as coach is not thereby an assessor', async () => {
    const c = await makeCast();
    // Same person id, claimed with the wrong role: the link is per role.
    expect(await relationTo({ id: c.coach.id, role: 'assessor' }, c.learner.id)).toBe('none');
  });

  // Expected outcomes written out by hand, not derived from POLICY, so a change to the policy must be deliberate.
  const expected: Record<Action, string[]> = {
    'learner.view': ['learner', 'assessor', 'coach', 'admin'],
    'evidence.view': ['learner', 'assessor', 'coach', 'admin'],
    'evidence.write': ['learner'],
    'evidence.record': ['assessor'],
    'judgement.write': ['assessor'],
    'worksheet.view': ['learner', 'assessor', 'coach', 'admin'],
    'worksheet.write': ['learner'],
    'worksheet.comment': ['coach'],
    'report.view': ['learner', 'assessor', 'coach', 'admin'],
    'report.write': ['learner'],
    'report.assess': ['assessor'],
    'export.view': ['learner', 'assessor', 'coach', 'admin'],
    'record.export': ['learner', 'assessor', 'admin'],
    'badge.view': ['learner', 'admin'],
    'review.view': ['learner', 'assessor', 'coach', 'admin'],
    'review.write': ['coach'],
    'review.sign': ['learner', 'coach'],
    'target.claim': ['learner'],
    'target.confirm': ['coach'],
    'hours.view': ['learner', 'assessor', 'coach', 'admin'],
    'hours.write': ['learner'],
  };

  it('covers every action in the policy', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(POLICY).sort());
  });

  for (const [action, allowed] of Object.entries(expected) as [Action, string[]][]) {
    it(`${action}: allowed for ${allowed.join(', ')} on their own/assigned learner, never for unassigned`, async () => {
      const c = await makeCast();
      const actors = { learner: c.learner, assessor: c.assessor, coach: c.coach, admin: c.admin };
      for (const [name, actor] of Object.entries(actors)) {
        expect(await can(actor, action, c.learner.id), `${name} ${action}`).toBe(allowed.includes(name));
      }
      for (const outsider of [c.otherLearner, c.otherAssessor, c.otherCoach]) {
        expect(await can(outsider, action, c.learner.id), `${outsider.role} (unassigned) ${action}`).toBe(false);
      }
    });
  }

  it('authorize throws a 403 error for the unassigned', async () => {
    const c = await makeCast();
    await expect(authorize(c.otherAssessor, 'judgement.write', c.learner.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(authorize(c.assessor, 'judgement.write', c.learner.id)).resolves.toBe('assessor');
  });
});
