import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { getDb, isUniqueViolation } from '@/db/client';
import { reportVersions } from '@/db/schema';
import { audit } from '@/lib/audit';
import { ConflictError, ValidationError } from '@/lib/errors';
import { formatDateTime, formatNumber } from '@/lib/format';
import { authorize, type Actor } from '@/lib/permissions';
import { assertEnrolled, assertNotSignedOff } from './drafts';
import { rangeProblem } from './format';
import { measureReport } from './measure';
import { findDraft } from './repo';
import { presentTags, taggableSections } from './sections';
import type { SubmitInput } from './schemas';
import { REPORT_DECLARATION } from './types';
import { REPORT_MODULE_SLUG, reportUnit } from './unit';

export interface SubmitResult {
  number: number;
  countedWords: number;
  totalWords: number;
  submittedAt: string;
  /** True when this exact draft had already been submitted: nothing new was stored. */
  alreadySubmitted: boolean;
  message: string;
}

/**
 * Turns the saved draft (at the version the learner saw) into an immutable version. The server
 * recounts with the shared counter and refuses a report outside the unit's range with the numbers.
 */
export async function submitReport(actor: Actor, learnerId: string, input: SubmitInput): Promise<SubmitResult> {
  const db = getDb();
  await authorize(actor, 'report.write', learnerId, db);
  await assertEnrolled(db, learnerId);
  const unit = reportUnit();
  try {
    return await db.transaction(async (tx) => {
      await assertNotSignedOff(tx, learnerId);
      // Locked so two submissions of the same draft queue up and the second finds the first's row.
      const draft = await findDraft(tx, learnerId, { lock: true });
      if (!draft) throw new ValidationError('There is nothing to submit yet: write or upload your report first.');

      const [already] = await tx
        .select()
        .from(reportVersions)
        .where(
          and(
            eq(reportVersions.learnerId, learnerId),
            eq(reportVersions.draftId, draft.id),
            eq(reportVersions.draftVersion, input.draftVersion),
          ),
        );
      if (already) {
        return {
          number: already.number,
          countedWords: already.countedWords,
          totalWords: already.totalWords,
          submittedAt: already.submittedAt.toISOString(),
          alreadySubmitted: true,
          message: `This draft was already submitted as version ${already.number} on ${formatDateTime(already.submittedAt)}. Nothing new was submitted.`,
        };
      }
      if (draft.version !== input.draftVersion) {
        throw new ConflictError(
          'Your report changed after this page last saved it (perhaps in another tab). Nothing was submitted: check the text below, then submit again.',
        );
      }
      if (!draft.content.trim())
        throw new ValidationError('Your report is empty. Write or upload your report before submitting it.');

      const { count, hash } = measureReport(draft.content, unit.rules);
      const problem = rangeProblem(count.counted, unit.rules, unit.code);
      if (problem) throw new ValidationError(problem, { content: problem });

      const [latest] = await tx
        .select({
          number: reportVersions.number,
          contentHash: reportVersions.contentHash,
          submittedAt: reportVersions.submittedAt,
        })
        .from(reportVersions)
        .where(and(eq(reportVersions.learnerId, learnerId), eq(reportVersions.moduleSlug, REPORT_MODULE_SLUG)))
        .orderBy(desc(reportVersions.number))
        .limit(1);
      if (latest?.contentHash === hash) {
        throw new ValidationError(
          `Your report is identical to version ${latest.number}, which you submitted on ${formatDateTime(latest.submittedAt)}. Make your changes first, then submit.`,
        );
      }

      const [version] = await tx
        .insert(reportVersions)
        .values({
          learnerId,
          moduleSlug: REPORT_MODULE_SLUG,
          number: (latest?.number ?? 0) + 1,
          draftId: draft.id,
          draftVersion: draft.version,
          content: draft.content,
          contentHash: hash,
          totalWords: count.total,
          countedWords: count.counted,
          excluded: count.excluded,
          sectionTags: presentTags(taggableSections(count), draft.sectionTags),
          uploadId: draft.source === 'docx' ? draft.uploadId : null,
          declaration: REPORT_DECLARATION,
          submittedBy: actor.id,
        })
        .returning();
      await audit(tx, {
        actorId: actor.id,
        action: 'report.submit',
        subjectType: 'report_version',
        subjectId: version!.id,
        learnerId,
        after: {
          number: version!.number,
          draftVersion: draft.version,
          contentHash: hash,
          countedWords: count.counted,
          totalWords: count.total,
          excluded: count.excluded.map((e) => e.heading),
          declaration: REPORT_DECLARATION,
        },
      });
      return {
        number: version!.number,
        countedWords: count.counted,
        totalWords: count.total,
        submittedAt: version!.submittedAt.toISOString(),
        alreadySubmitted: false,
        message: `Version ${version!.number} submitted with ${formatNumber(count.counted)} counted words. It is now with your assessor.`,
      };
    });
  } catch (e) {
    // Two submissions racing past the lock (or numbering): the loser reports what the winner stored.
    if (isUniqueViolation(e)) {
      throw new ConflictError(
        'This report was submitted a moment ago from another tab or device. Reload the page to see it.',
      );
    }
    throw e;
  }
}
