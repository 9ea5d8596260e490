import { describe, expect, it } from 'vitest';
import { planProblems, readsOwnAssignments, STAFF_KEY, type PlanNode } from '../helpers/list-queries';

/** The rules tests/system/query-plans.test.ts applies to EXPLAIN output, on plans PostgreSQL gave at 10,000 learners. */
const node = (type: string, extra: Record<string, unknown> = {}, plans: PlanNode[] = []): PlanNode =>
  ({ 'Node Type': type, ...extra, ...(plans.length && { Plans: plans }) }) as PlanNode;

const mappingsOf = (driver: PlanNode) =>
  node('Nested Loop', {}, [
    driver,
    node('Bitmap Heap Scan', { 'Relation Name': 'evidence_criteria' }, [
      node('Bitmap Index Scan', {
        'Index Name': 'evidence_criteria_learner_idx',
        'Index Cond': '(learner_id = staff_assignments.learner_id)',
      }),
    ]),
  ]);

describe('planProblems', () => {
  it('accepts a list that starts from the staff-first key by the actor\u2019s id', () => {
    const plan = mappingsOf(
      node('Index Only Scan', {
        'Relation Name': 'staff_assignments',
        'Index Name': STAFF_KEY,
        'Index Cond': "((staff_id = '00af'::uuid) AND (staff_role = 'assessor'::staff_role))",
      }),
    );
    expect(planProblems(plan)).toEqual([]);
    expect(readsOwnAssignments(plan)).toBe(true);
  });

  it('refuses the plan found before issue 19: the whole learner-first key read in parallel to find one assessor\u2019s rows', () => {
    const plan = node('Gather Merge', {}, [
      mappingsOf(
        node('Index Only Scan', {
          'Relation Name': 'staff_assignments',
          'Index Name': 'staff_assignments_learner_id_staff_id_staff_role_pk',
          'Parallel Aware': true,
          'Index Cond': "((staff_id = '00af'::uuid) AND (staff_role = 'assessor'::staff_role))",
        }),
      ),
    ]);
    expect(planProblems(plan)).toEqual([expect.stringContaining('parallel scan of staff_assignments')]);
    expect(readsOwnAssignments(plan)).toBe(false);
  });

  it('refuses a sequential scan of a table that grows with the centre, and of the assignments', () => {
    for (const table of ['evidence', 'evidence_criteria', 'judgements', 'audit_log', 'staff_assignments']) {
      expect(planProblems(node('Hash Join', {}, [node('Seq Scan', { 'Relation Name': table })]))).toEqual([
        `sequential scan of ${table}`,
      ]);
    }
    // A small table the planner rightly reads whole is not the concern of this rule.
    expect(planProblems(node('Seq Scan', { 'Relation Name': 'cohorts' }))).toEqual([]);
  });

  it('refuses an index of a large table read whole, without a condition (an ordered full scan)', () => {
    expect(
      planProblems(node('Index Scan', { 'Relation Name': 'judgements', 'Index Name': 'judgements_created_idx' })),
    ).toEqual(['whole index judgements_created_idx read without a condition']);
  });
});
