import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, cohortMembers, learningHours } from '@/db/schema';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { ukDayOf } from '@/lib/format';
import { cohortHours, hoursSummary, hourPlanForAdmin } from '@/lib/hours/read';
import { hourPlanSchema, logHoursSchema } from '@/lib/hours/schemas';
import { addDays, mondayOf } from '@/lib/hours/weeks';
import { logHours, setHourPlan, withdrawHours } from '@/lib/hours/write';
import { getReview } from '@/lib/reviews/read';
import { startReview } from '@/lib/reviews/write';
import { parseOrThrow } from '@/lib/validate';
import { useTestDatabase } from '../helpers/db';
import { rejection, databaseRefusal as refusal } from '../helpers/refusals';
import { enrol, makeCast } from '../helpers/fixtures';
import { makeCohort, MODULE } from '../helpers/qa';

/** Learning hours (issue 21): the learner logs, withdraws; staff read them against the cohort's plan; reviews quote them. */
useTestDatabase();

const today = () => ukDayOf(new Date());
const entry = (over: Record<string, unknown> = {}) =>
  parseOrThrow(logHoursSchema, { spentOn: today(), hours: '1', minutes: '30', activity: 'Read the module', ...over });

describe('learning hours', () => {
  it('the learner logs time; totals, this week and the weekly bars add up; a withdrawn entry leaves every figure', async () => {
    const c = await makeCast();
    await enrol(c.learner, MODULE);
    await logHours(c.learner, entry());
    await logHours(c.learner, entry({ hours: '0', minutes: '45', moduleSlug: MODULE }));
    const lastWeek = addDays(mondayOf(today()), -3);
    const old = await logHours(c.learner, entry({ spentOn: lastWeek, hours: '2', minutes: '' }));

    let s = await hoursSummary(c.learner, c.learner.id);
    expect(s.totalMinutes).toBe(90 + 45 + 120);
    expect(s.entryCount).toBe(3);
    expect(s.thisWeekMinutes).toBe(135);
    expect(s.weeks).toHaveLength(8);
    expect(s.weeks.at(-2)).toEqual({ start: mondayOf(lastWeek), minutes: 120 });
    // Newest day first; within a day, the latest logged first.
    expect(s.entries.map((e) => e.minutes)).toEqual([45, 90, 120]);
    expect(s.entries.find((e) => e.minutes === 45)!.moduleCode).toBeTruthy();
    expect(s.plan).toBeNull();

    await withdrawHours(c.learner, { id: old.id });
    s = await hoursSummary(c.learner, c.learner.id);
    expect([s.totalMinutes, s.entryCount, s.weeks.at(-2)!.minutes]).toEqual([135, 2, 0]);
    // Kept in the table, marked withdrawn; both changes audited.
    const [row] = await getDb().select().from(learningHours).where(eq(learningHours.id, old.id));
    expect(row!.withdrawnAt).not.toBeNull();
    const actions = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, c.learner.id), sql`${auditLog.action} like 'hours.%'`));
    expect(actions.map((a) => a.action).sort()).toEqual(['hours.log', 'hours.log', 'hours.log', 'hours.withdraw']);
    // The database holds the rule too: an entry changes once, when withdrawn, and is never removed.
    const live = s.entries[0]!.id;
    for (const change of [
      sql`update learning_hours set minutes = 600 where id = ${live}`,
      sql`update learning_hours set withdrawn_at = null where id = ${old.id}`,
      sql`update learning_hours set withdrawn_at = now(), activity = 'Something else' where id = ${live}`,
      sql`delete from learning_hours where id = ${live}`,
      sql`truncate learning_hours`,
    ])
      expect(await refusal(change)).toMatch(/refused/);
    // A second withdrawal, and another learner's attempt, find nothing.
    expect(await rejection(withdrawHours(c.learner, { id: old.id }))).toBeInstanceOf(NotFoundError);
    const mine = s.entries[0]!.id;
    expect(await rejection(withdrawHours(c.otherLearner, { id: mine }))).toBeInstanceOf(NotFoundError);
  });

  it('refuses bad input with a message and stores nothing', async () => {
    const c = await makeCast();
    const bad = async (input: Record<string, unknown>) =>
      rejection((async () => logHours(c.learner, parseOrThrow(logHoursSchema, input)))());
    const base = { spentOn: today(), hours: '1', minutes: '0', activity: 'Study' };
    for (const input of [
      { ...base, hours: '0', minutes: '0' },
      { ...base, hours: '25' },
      { ...base, minutes: '60' },
      { ...base, hours: '24', minutes: '30' },
      { ...base, hours: '-1' },
      { ...base, hours: '1.5' },
      { ...base, activity: '   ' },
      { ...base, activity: 'x'.repeat(301) },
      { ...base, spentOn: '2026-02-30' },
      { ...base, spentOn: addDays(today(), 1) },
      { ...base, moduleSlug: 'Not a slug!' },
      // Well formed, but not one of the learner's modules.
      { ...base, moduleSlug: MODULE },
    ]) {
      const e = await bad(input);
      expect(e, JSON.stringify(input)).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).message.length).toBeGreaterThan(10);
    }
    expect(await getDb().select().from(learningHours).where(eq(learningHours.learnerId, c.learner.id))).toEqual([]);
    // The database holds the same limits if anything else writes.
    expect(
      await refusal(
        sql`insert into learning_hours (learner_id, spent_on, minutes, activity) values (${c.learner.id}, ${today()}, 0, 'x')`,
      ),
    ).toMatch(/learning_hours_minutes/);
  });

  it('only the learner writes; their own staff and admins read; nobody else', async () => {
    const c = await makeCast();
    await logHours(c.learner, entry());
    for (const staff of [c.assessor, c.coach, c.admin])
      expect((await hoursSummary(staff, c.learner.id)).totalMinutes).toBe(90);
    for (const other of [c.otherLearner, c.otherAssessor, c.otherCoach])
      expect(await rejection(hoursSummary(other, c.learner.id))).toBeInstanceOf(ForbiddenError);
    for (const staff of [c.assessor, c.coach, c.admin])
      expect(await rejection(logHours(staff, entry()))).toBeInstanceOf(ForbiddenError);
  });

  it("measures against the cohort's plan from the day the learner joined; only an administrator sets it", async () => {
    const c = await makeCast();
    const cohortId = await makeCohort([c.learner]);
    const joined = addDays(today(), -13); // two weeks ago, today included: 14 days
    await getDb()
      .update(cohortMembers)
      .set({ addedAt: new Date(`${joined}T12:00:00Z`) })
      .where(eq(cohortMembers.learnerId, c.learner.id));
    expect(await rejection(setHourPlan(c.coach, { cohortId, hoursPerWeek: 6 }))).toBeInstanceOf(ForbiddenError);
    await setHourPlan(c.admin, parseOrThrow(hourPlanSchema, { cohortId, hoursPerWeek: '7.5' }));
    expect(await hourPlanForAdmin(c.admin, cohortId)).toBe(7.5);
    await logHours(c.learner, entry({ hours: '10', minutes: '0' }));
    const s = await hoursSummary(c.coach, c.learner.id);
    expect(s.plan).toEqual({ minutesPerWeek: 450, since: joined, plannedToDate: 900 });
    expect(() => parseOrThrow(hourPlanSchema, { cohortId, hoursPerWeek: '7.25' })).toThrow(ValidationError);
    expect(() => parseOrThrow(hourPlanSchema, { cohortId, hoursPerWeek: '169' })).toThrow(ValidationError);
    // 0 plans none.
    await setHourPlan(c.admin, { cohortId, hoursPerWeek: 0 });
    expect((await hoursSummary(c.coach, c.learner.id)).plan).toBeNull();
  });

  it("the coach's cohort view: each of their learners, logged against planned; nobody else's; not for learners", async () => {
    const c = await makeCast();
    const cohortId = await makeCohort([c.learner, c.otherLearner]);
    await setHourPlan(c.admin, { cohortId, hoursPerWeek: 7 });
    await logHours(c.learner, entry({ hours: '3', minutes: '0' }));
    await logHours(c.otherLearner, entry({ hours: '5', minutes: '0' }));
    const mine = await cohortHours(c.coach, cohortId);
    expect(mine.cohort).toMatchObject({ id: cohortId, minutesPerWeek: 420 });
    // Joined today: one day of a 7-hour week is planned so far.
    expect(mine.rows).toEqual([
      { learnerId: c.learner.id, name: expect.any(String), loggedMinutes: 180, plannedMinutes: 60 },
    ]);
    expect((await cohortHours(c.otherCoach, cohortId)).rows.map((r) => r.learnerId)).toEqual([c.otherLearner.id]);
    expect((await cohortHours(c.admin, cohortId)).rows).toHaveLength(2);
    // A cohort the coach has no learner in is not offered, and asking for it shows their own first cohort instead.
    const elsewhere = await makeCohort([c.otherLearner]);
    const asked = await cohortHours(c.coach, elsewhere);
    expect(asked.cohorts.map((x) => x.id)).toEqual([cohortId]);
    expect(asked.cohort!.id).toBe(cohortId);
    for (const who of [c.learner, c.assessor])
      expect(await rejection(cohortHours(who, cohortId))).toBeInstanceOf(ForbiddenError);
  });

  it('a new progress review quotes the hours logged since the last one', async () => {
    const c = await makeCast();
    await logHours(c.learner, entry());
    await logHours(c.learner, entry({ hours: '0', minutes: '20' }));
    const { id } = await startReview(c.coach, { learnerId: c.learner.id });
    const view = await getReview(c.coach, id);
    expect(view.record.hours).toEqual({ minutes: 110, entries: 2 });
  });
});
