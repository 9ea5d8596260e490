import 'server-only';
import { and, asc, desc, eq, max } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import {
  users,
  worksheetAnswers,
  worksheetComments,
  worksheetSubmissions,
  type WorksheetSubmissionRow,
} from '@/db/schema';
import { audit } from '@/lib/audit';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { authorize, type Actor } from '@/lib/permissions';
import { hasAnyContent, type WorksheetAnswers } from './answers';
import { getWorksheetDefinition } from './definition';
import { parseAnswers } from './schema';
import type { CommentView, SubmissionRecord, SubmissionSummary } from './types';
import { keepProgressCurrent } from '@/lib/dashboards/progress-current';

function toSummary(
  row: Pick<WorksheetSubmissionRow, 'id' | 'number' | 'answersVersion' | 'submittedAt'>,
): SubmissionSummary {
  return {
    id: row.id,
    number: row.number,
    answersVersion: row.answersVersion,
    submittedAt: row.submittedAt.toISOString(),
  };
}

function toRecord(row: WorksheetSubmissionRow): SubmissionRecord {
  return {
    ...toSummary(row),
    learnerId: row.learnerId,
    moduleSlug: row.moduleSlug,
    answers: row.answers as WorksheetAnswers,
  };
}

/**
 * Hands the learner's saved answers to their coach: an immutable snapshot of exactly the version the learner's
 * page shows (`version`). Handing in the same version twice (a double click, a retry) returns the first hand-in.
 */
export async function submitWorksheet(
  actor: Actor,
  slug: string,
  input: { version: number },
): Promise<SubmissionSummary> {
  const def = getWorksheetDefinition(slug);
  const learnerId = actor.id;
  await authorize(actor, 'worksheet.write', learnerId);

  const outcome = await getDb().transaction(async (tx) => {
    // Locking the working copy serialises two hand-ins at once, so their numbers never collide.
    const [draft] = await tx
      .select()
      .from(worksheetAnswers)
      .where(and(eq(worksheetAnswers.learnerId, learnerId), eq(worksheetAnswers.moduleSlug, slug)))
      .for('update');
    const stored = (draft?.answers ?? {}) as WorksheetAnswers;
    if (!draft || !hasAnyContent(def.worksheet, stored)) {
      throw new ValidationError('There is nothing to hand in yet. Answer at least one section first.');
    }
    if (draft.version !== input.version) {
      // Refused, and the refusal is audited: committed here, the 409 is thrown after the transaction.
      await audit(tx, {
        actorId: actor.id,
        action: 'worksheet.submit_refused',
        subjectType: 'worksheet',
        subjectId: `${learnerId}:${slug}`,
        learnerId,
        before: { version: draft.version },
        after: { staleVersion: input.version },
      });
      return { conflict: { version: draft.version, answers: stored, savedAt: draft.updatedAt.toISOString() } };
    }
    // The content may have changed since the answers were saved; a hand-in is checked like a save.
    const answers = parseAnswers(def.worksheet, stored);

    const scope = and(eq(worksheetSubmissions.learnerId, learnerId), eq(worksheetSubmissions.moduleSlug, slug));
    const [same] = await tx
      .select()
      .from(worksheetSubmissions)
      .where(and(scope, eq(worksheetSubmissions.answersVersion, draft.version)));
    if (same) return { submitted: toSummary(same) };

    const [{ last }] = await tx
      .select({ last: max(worksheetSubmissions.number) })
      .from(worksheetSubmissions)
      .where(scope);
    const [row] = await tx
      .insert(worksheetSubmissions)
      .values({ learnerId, moduleSlug: slug, number: (last ?? 0) + 1, answers, answersVersion: draft.version })
      .returning();
    // The caseload's figures change with this write: recomputed in the same transaction (progress-current.ts).
    await keepProgressCurrent(tx, [learnerId]);
    await audit(tx, {
      actorId: actor.id,
      action: 'worksheet.submit',
      subjectType: 'worksheet_submission',
      subjectId: row!.id,
      learnerId,
      after: { moduleSlug: slug, number: row!.number, answersVersion: row!.answersVersion },
    });
    return { submitted: toSummary(row!) };
  });

  if ('conflict' in outcome) {
    throw new ConflictError(
      'Your answers were changed in another tab or on another device. Check the latest answers on this page, then hand in again.',
      outcome.conflict,
    );
  }
  return outcome.submitted;
}

async function findSubmission(db: DbOrTx, id: string): Promise<WorksheetSubmissionRow> {
  const [row] = isUuid(id) ? await db.select().from(worksheetSubmissions).where(eq(worksheetSubmissions.id, id)) : [];
  if (!row) throw new NotFoundError('We could not find that worksheet hand-in.');
  return row;
}

/**
 * One hand-in, for anyone allowed to read the learner's worksheets (the learner, their coach and assessor, admin).
 * Evidence refers to it by id: `worksheet_submission_id`.
 */
export async function getSubmission(actor: Actor, id: string, db: DbOrTx = getDb()): Promise<SubmissionRecord> {
  const row = await findSubmission(db, id);
  await authorize(actor, 'worksheet.view', row.learnerId, db);
  return toRecord(row);
}

/** The learner's hand-ins of a worksheet that can be offered as evidence, newest first, with the criteria they map to. */
export async function listSubmissionsForEvidence(actor: Actor, learnerId: string, slug: string) {
  const def = getWorksheetDefinition(slug);
  await authorize(actor, 'worksheet.view', learnerId);
  const rows = await getDb()
    .select()
    .from(worksheetSubmissions)
    .where(and(eq(worksheetSubmissions.learnerId, learnerId), eq(worksheetSubmissions.moduleSlug, slug)))
    .orderBy(desc(worksheetSubmissions.number));
  return { criteria: [...def.worksheet.evidences], submissions: rows.map(toRecord) };
}

export interface WorksheetHistory {
  submissions: SubmissionSummary[];
  comments: CommentView[];
}

/** Every hand-in of one worksheet by one learner (newest first) and every comment on them (oldest first). */
export async function readHistory(db: DbOrTx, learnerId: string, slug: string): Promise<WorksheetHistory> {
  const submissions = await db
    .select({
      id: worksheetSubmissions.id,
      number: worksheetSubmissions.number,
      answersVersion: worksheetSubmissions.answersVersion,
      submittedAt: worksheetSubmissions.submittedAt,
    })
    .from(worksheetSubmissions)
    .where(and(eq(worksheetSubmissions.learnerId, learnerId), eq(worksheetSubmissions.moduleSlug, slug)))
    .orderBy(desc(worksheetSubmissions.number));
  const comments = await db
    .select({
      id: worksheetComments.id,
      submissionId: worksheetComments.submissionId,
      submissionNumber: worksheetSubmissions.number,
      sectionId: worksheetComments.sectionId,
      body: worksheetComments.body,
      authorName: users.name,
      createdAt: worksheetComments.createdAt,
    })
    .from(worksheetComments)
    .innerJoin(worksheetSubmissions, eq(worksheetSubmissions.id, worksheetComments.submissionId))
    .innerJoin(users, eq(users.id, worksheetComments.authorId))
    .where(and(eq(worksheetComments.learnerId, learnerId), eq(worksheetSubmissions.moduleSlug, slug)))
    .orderBy(asc(worksheetComments.createdAt), asc(worksheetComments.id));
  return {
    submissions: submissions.map(toSummary),
    comments: comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
  };
}

export { findSubmission };
