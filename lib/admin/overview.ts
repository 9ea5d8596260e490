import 'server-only';
import { and, count, desc, eq, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type DbOrTx } from '@/db/client';
import { auditLog, cohorts, enrolments, staffAssignments, users, type Role } from '@/db/schema';
import { authorizeAdmin, type Actor } from '@/lib/permissions';

export interface AdminOverview {
  active: Record<Role, number>;
  disabled: number;
  cohorts: number;
  /** Work for the administrator: active learners missing an assessor, a coach, or any module. */
  learnersWithoutAssessor: number;
  learnersWithoutCoach: number;
  learnersWithoutModules: number;
  recent: AuditLine[];
}

interface AuditLine {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  subjectType: string;
  subjectId: string;
  learnerName: string | null;
}

export async function getAdminOverview(actor: Actor, db: DbOrTx = getDb(), recentLimit = 15): Promise<AdminOverview> {
  authorizeAdmin(actor);
  const activeLearner = and(eq(users.role, 'learner'), eq(users.active, true));
  const missing = (role: 'assessor' | 'coach') =>
    db
      .select({ n: count() })
      .from(users)
      .where(
        and(
          activeLearner,
          notExists(
            db
              .select({ one: sql`1` })
              .from(staffAssignments)
              .where(and(eq(staffAssignments.learnerId, users.id), eq(staffAssignments.staffRole, role))),
          ),
        ),
      );
  const actorUser = alias(users, 'actor');
  const learnerUser = alias(users, 'learner');
  const [byRole, [{ n: cohortCount }], [{ n: noAssessor }], [{ n: noCoach }], [{ n: noModules }], recent] =
    await Promise.all([
      db.select({ role: users.role, active: users.active, n: count() }).from(users).groupBy(users.role, users.active),
      db.select({ n: count() }).from(cohorts),
      missing('assessor'),
      missing('coach'),
      db
        .select({ n: count() })
        .from(users)
        .where(
          and(
            activeLearner,
            notExists(
              db
                .select({ one: sql`1` })
                .from(enrolments)
                .where(eq(enrolments.learnerId, users.id)),
            ),
          ),
        ),
      db
        .select({
          id: auditLog.id,
          at: auditLog.at,
          action: auditLog.action,
          subjectType: auditLog.subjectType,
          subjectId: auditLog.subjectId,
          actorName: actorUser.name,
          learnerName: learnerUser.name,
        })
        .from(auditLog)
        .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
        .leftJoin(learnerUser, eq(learnerUser.id, auditLog.learnerId))
        .orderBy(desc(auditLog.id))
        .limit(recentLimit),
    ]);
  const active: Record<Role, number> = { learner: 0, assessor: 0, coach: 0, admin: 0, eqa: 0 };
  let disabled = 0;
  for (const r of byRole) {
    if (r.active) active[r.role] = r.n;
    else disabled += r.n;
  }
  return {
    active,
    disabled,
    cohorts: cohortCount,
    learnersWithoutAssessor: noAssessor,
    learnersWithoutCoach: noCoach,
    learnersWithoutModules: noModules,
    recent,
  };
}

const ACTION_TEXT: Record<string, string> = {
  'account.create': 'created an account',
  'account.disable': 'disabled an account',
  'account.enable': 'enabled an account',
  'account.reset_password': 'reset a password',
  'cohort.create': 'created a cohort',
  'cohort.add_member': 'added a learner to a cohort',
  'cohort.remove_member': 'took a learner out of a cohort',
  'cohort.assign_staff': 'assigned staff to a cohort',
  'assignment.add': 'assigned an assessor or coach',
  'assignment.remove': 'removed an assessor or coach',
  'enrolment.add': 'enrolled a learner on a module',
  'enrolment.remove': 'took a learner off a module',
  'evidence.create': 'recorded evidence',
  'evidence.record': 'recorded an observation or discussion',
  'evidence.update': 'edited evidence',
  'evidence.new_version': 'edited judged evidence (new version)',
  'judgement.record': 'judged a criterion',
  'judgement.respond': 'replied to feedback',
  'worksheet.save': 'saved a worksheet',
  'worksheet.submit': 'handed in a worksheet',
  'worksheet.comment': 'commented on a worksheet',
  'report.draft.create': 'started a report',
  'report.draft.save': 'saved a report draft',
  'report.upload': 'uploaded a report document',
  'report.submit': 'submitted a report',
  'report.assessment.save': 'saved notes on a report',
  'report.signoff': 'signed off a report',
  'report.refer': 'referred a report back',
};

/** Audit actions in words; actions from other areas fall back to their code with dots as spaces. */
export function describeAction(action: string): string {
  return ACTION_TEXT[action] ?? action.replace(/[._]/g, ' ');
}
