import 'server-only';
import { getDb } from '@/db/client';
import { worksheetComments } from '@/db/schema';
import { audit } from '@/lib/audit';
import { ValidationError } from '@/lib/errors';
import { authorize, type Actor } from '@/lib/permissions';
import { COMMENT_MAX_LENGTH, charCount, tooLongMessage } from './answers';
import { getWorksheetDefinition } from './definition';
import { cleanText } from './schema';
import { findSubmission } from './submissions';
import { keepProgressCurrent } from '@/lib/dashboards/progress-current';
import { notify } from '@/lib/notifications/notify';

export interface CommentInput {
  submissionId: string;
  /** A section id of the worksheet, or null for a comment on the whole worksheet. */
  sectionId: string | null;
  body: string;
}

/** A coach's comment on a learner's hand-in. Only the learner's assigned coach may comment; comments are never edited. */
export async function addComment(actor: Actor, input: CommentInput): Promise<{ id: string }> {
  const body = cleanText(input.body).trim();
  if (!body)
    throw new ValidationError('Write your comment before saving it.', { body: 'Write your comment before saving it.' });
  const n = charCount(body);
  if (n > COMMENT_MAX_LENGTH)
    throw new ValidationError(tooLongMessage(COMMENT_MAX_LENGTH, n), { body: tooLongMessage(COMMENT_MAX_LENGTH, n) });

  return getDb().transaction(async (tx) => {
    const submission = await findSubmission(tx, input.submissionId);
    await authorize(actor, 'worksheet.comment', submission.learnerId, tx);
    const def = getWorksheetDefinition(submission.moduleSlug);
    if (input.sectionId !== null && !def.worksheet.sections.some((s) => s.id === input.sectionId)) {
      throw new ValidationError(
        `This worksheet has no section called “${input.sectionId}”. Reload the page and try again.`,
      );
    }
    const [row] = await tx
      .insert(worksheetComments)
      .values({
        submissionId: submission.id,
        learnerId: submission.learnerId,
        authorId: actor.id,
        sectionId: input.sectionId,
        body,
      })
      .returning({ id: worksheetComments.id });
    // The caseload's figures change with this write: recomputed in the same transaction (progress-current.ts).
    await keepProgressCurrent(tx, [submission.learnerId]);
    await audit(tx, {
      actorId: actor.id,
      action: 'worksheet.comment',
      subjectType: 'worksheet_submission',
      subjectId: submission.id,
      learnerId: submission.learnerId,
      after: { commentId: row!.id, sectionId: input.sectionId, characters: n },
    });
    await notify(tx, {
      recipientId: submission.learnerId,
      kind: 'worksheet_comment',
      title: `Your coach commented on your ${def.code} worksheet: ${def.title}`,
      link: `/worksheets/${submission.moduleSlug}/hand-ins/${submission.id}`,
    });
    return { id: row!.id };
  });
}
