import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users, worksheetSubmissions } from '@/db/schema';
import { allows, assertAccess, authorize, learnerScope, type Actor } from '@/lib/permissions';
import type { WorksheetAnswers } from './answers';
import { getWorksheetDefinition, type WorksheetDefinition } from './definition';
import { findSubmission, readHistory } from './submissions';
import type { CommentView, SubmissionSummary } from './types';

export interface QueueEntry {
  submissionId: string;
  learnerId: string;
  learnerName: string;
  moduleSlug: string;
  worksheetTitle: string;
  worksheetCode: string;
  number: number;
  submittedAt: string;
  /** Comments on this (the latest) hand-in: 0 means it is waiting for the coach. */
  commentCount: number;
}

/**
 * A coach's review list: the latest hand-in of each worksheet by each learner they coach. Scoped in the WHERE
 * clause by the gate ('worksheet.comment': the coach's own assignments), so no other learner's work can appear.
 * Two groups: waiting, commented.
 */
export async function coachReviewQueue(actor: Actor): Promise<{ waiting: QueueEntry[]; commented: QueueEntry[] }> {
  assertAccess(actor, 'hand-ins.queue', 'Only an Enterprise Coach has a worksheet review list.');
  const s = worksheetSubmissions;
  const rows = await getDb()
    .select({
      submissionId: s.id,
      learnerId: s.learnerId,
      learnerName: users.name,
      moduleSlug: s.moduleSlug,
      number: s.number,
      submittedAt: s.submittedAt,
      // Fully qualified by hand: drizzle may write a column without its table, which the subquery would misread.
      commentCount: sql<number>`(select count(*)::int from worksheet_comments c where c.submission_id = worksheet_submissions.id)`,
    })
    .from(s)
    .innerJoin(users, eq(users.id, s.learnerId))
    .where(
      and(
        learnerScope(actor, 'worksheet.comment', s.learnerId),
        sql`worksheet_submissions.number = (select max(s2.number) from worksheet_submissions s2 where s2.learner_id = worksheet_submissions.learner_id and s2.module_slug = worksheet_submissions.module_slug)`,
      ),
    )
    .orderBy(asc(s.submittedAt));

  const entries = rows.flatMap((r): QueueEntry[] => {
    let def: WorksheetDefinition;
    try {
      def = getWorksheetDefinition(r.moduleSlug);
    } catch {
      return []; // a worksheet withdrawn from the content: nothing to open
    }
    return [
      {
        ...r,
        submittedAt: r.submittedAt.toISOString(),
        worksheetTitle: def.title,
        worksheetCode: def.code,
        commentCount: Number(r.commentCount),
      },
    ];
  });
  return {
    waiting: entries.filter((e) => e.commentCount === 0),
    commented: entries.filter((e) => e.commentCount > 0).reverse(),
  };
}

export interface ReviewData {
  definition: WorksheetDefinition;
  learner: { id: string; name: string };
  submission: SubmissionSummary & { answers: WorksheetAnswers };
  /** Every hand-in of this worksheet by this learner, newest first. */
  submissions: SubmissionSummary[];
  /** Comments on every hand-in, oldest first. */
  comments: CommentView[];
  canComment: boolean;
}

/** One hand-in, read-only, for the learner's coach (who may comment), their assessor and admin. */
export async function getReview(actor: Actor, submissionId: string): Promise<ReviewData> {
  const db = getDb();
  const row = await findSubmission(db, submissionId);
  const relation = await authorize(actor, 'worksheet.view', row.learnerId, db);
  const definition = getWorksheetDefinition(row.moduleSlug);
  const [learner] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, row.learnerId));
  const history = await readHistory(db, row.learnerId, row.moduleSlug);
  return {
    definition,
    learner: learner!,
    submission: {
      id: row.id,
      number: row.number,
      answersVersion: row.answersVersion,
      submittedAt: row.submittedAt.toISOString(),
      answers: row.answers as WorksheetAnswers,
    },
    submissions: history.submissions,
    comments: history.comments,
    canComment: allows('worksheet.comment', relation),
  };
}
