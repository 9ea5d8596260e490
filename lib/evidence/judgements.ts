import 'server-only';
import { ensureBadgesAfter } from '@/lib/badges/badges';
import { wordingHash } from '@/lib/content/wording';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { evidence, evidenceCriteria, judgementResponses, judgements } from '@/db/schema';
import { audit } from '@/lib/audit';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { isUuid, uuidSchema } from '@/lib/ids';
import { authorize, type Actor } from '@/lib/permissions';
import { assessableItem, enrolledSlugs, itemLabel } from './criteria';
import { LIMITS, tooLongMessage } from './input';
import { assertCriteriaOpen } from './signed-off';
import { keepProgressCurrent } from '@/lib/dashboards/progress-current';
import { notify } from '@/lib/notifications/notify';

const asArray = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);

export const judgementSchema = z.object({
  learnerId: uuidSchema(),
  criterionId: z.string().min(1).max(200),
  outcome: z.enum(['met', 'not_yet_met'], { error: 'Choose met or not yet met.' }),
  feedback: z.preprocess(
    (v) => (v == null ? '' : v),
    z.string().transform((v) => v.replace(/\r\n/g, '\n').trim()),
  ),
  evidenceIds: z.preprocess(asArray, z.array(uuidSchema('Cite evidence from the list.')).max(100)),
  /** The newest activity the assessor saw for this criterion; a newer one means they judged something else. */
  seenSeq: z.preprocess(
    (v) => (v === '' || v == null ? undefined : v),
    z.coerce.number().int().nonnegative().optional(),
  ),
});

export type JudgementInput = z.output<typeof judgementSchema>;

/**
 * Records an assessor's decision on one criterion for one learner, from input already parsed with judgementSchema
 * (by the action, the boundary). Refused unless the assessor is
 * assigned to the learner; the criterion must be assessable and in a module the learner is enrolled
 * on; cited evidence must be the learner's and mapped to that criterion. Judgements are append-only:
 * a new decision is a new row.
 */
export async function recordJudgement(
  actor: Actor,
  input: JudgementInput,
  db: DbOrTx = getDb(),
): Promise<{ id: string }> {
  await authorize(actor, 'judgement.write', input.learnerId, db);
  const item = assessableItem(input.criterionId);
  if (!item)
    throw new ValidationError(`"${input.criterionId}" is not a criterion we know.`, {
      criterionId: 'Unknown criterion.',
    });
  if (!(await enrolledSlugs(db, input.learnerId)).includes(item.moduleSlug)) {
    throw new ValidationError(
      `This learner is not enrolled on the module of ${itemLabel(item)}, so it cannot be judged for them.`,
      { criterionId: 'Not enrolled.' },
    );
  }
  if (input.feedback.length > LIMITS.feedback) {
    throw new ValidationError(tooLongMessage('Your feedback', LIMITS.feedback, input.feedback.length), {
      feedback: 'Too long.',
    });
  }
  if (input.outcome === 'not_yet_met' && !input.feedback) {
    throw new ValidationError('Tell the learner what is missing: feedback is needed when a criterion is not yet met.', {
      feedback: 'Write feedback for the learner.',
    });
  }
  const cited = [...new Set(input.evidenceIds)];
  if (input.outcome === 'met' && cited.length === 0) {
    throw new ValidationError('Cite the evidence that shows this criterion is met.', {
      evidenceIds: 'Tick at least one piece of evidence.',
    });
  }

  const recorded = await db.transaction(async (tx) => {
    await assertCriteriaOpen(tx, input.learnerId, item.moduleSlug, itemLabel(item));
    // Lock the cited evidence (in a fixed order, so two judgements never deadlock) before checking it: a
    // learner's edit holds it FOR UPDATE (lib/evidence/update.ts), so it either finished before this check
    // (and the stale-view check below sees it) or waits and then finds the evidence judged met.
    if (cited.length) {
      await tx
        .select({ id: evidence.id })
        .from(evidence)
        .where(inArray(evidence.id, cited))
        .orderBy(evidence.id)
        .for('share');
      const mapped = await tx
        .select({ id: evidenceCriteria.evidenceId })
        .from(evidenceCriteria)
        .where(
          and(
            eq(evidenceCriteria.learnerId, input.learnerId),
            eq(evidenceCriteria.criterionId, item.id),
            inArray(evidenceCriteria.evidenceId, cited),
          ),
        );
      if (mapped.length !== cited.length) {
        throw new ValidationError(`Cite only evidence this learner has mapped to ${itemLabel(item)}.`, {
          evidenceIds: 'Cite evidence from the list.',
        });
      }
    }
    if (input.seenSeq !== undefined) {
      const newest = await latestActivity(tx, input.learnerId, item.id);
      if (newest > input.seenSeq) {
        throw new ConflictError(
          `Something changed for ${itemLabel(item)} since you opened this page (new evidence, or another judgement). Nothing was saved: review it, then judge again.`,
        );
      }
    }
    const [row] = await tx
      .insert(judgements)
      .values({
        learnerId: input.learnerId,
        criterionId: item.id,
        moduleSlug: item.moduleSlug,
        outcome: input.outcome,
        feedback: input.feedback,
        assessorId: actor.id,
        evidenceIds: cited,
        // The wording judged: a later change of it flags this judgement for review (lib/evidence/wording.ts).
        criterionHash: wordingHash(item.text),
      })
      .returning();
    // The caseload's figures change with this write: recomputed in the same transaction (progress-current.ts).
    await keepProgressCurrent(tx, [input.learnerId]);
    await audit(tx, {
      actorId: actor.id,
      action: 'judgement.record',
      subjectType: 'judgement',
      subjectId: row!.id,
      learnerId: input.learnerId,
      after: { criterionId: item.id, outcome: row!.outcome, feedback: row!.feedback, evidenceIds: cited },
    });
    // The learner hears of it with the judgement, or not at all: same transaction.
    await notify(tx, {
      recipientId: input.learnerId,
      kind: 'evidence_judged',
      title: `${itemLabel(item)} was judged ${row!.outcome === 'met' ? 'met' : 'not yet met'}`,
      body: row!.outcome === 'met' ? undefined : 'Your assessor wrote feedback on what is missing.',
      link: `/modules/${item.moduleSlug}/items/${item.id}`,
    });
    return { id: row!.id };
  });
  // The last criterion met may complete the unit: its badge is issued now (lib/badges).
  if (input.outcome === 'met') await ensureBadgesAfter(db, actor, input.learnerId, [item.moduleSlug]);
  return recorded;
}

/** Newest position in the activity sequence touching this learner's criterion: evidence, mappings or judgements. */
async function latestActivity(db: DbOrTx, learnerId: string, criterionId: string): Promise<number> {
  const result = await db.execute<{ seq: string | number | null }>(sql`
    select greatest(
      (select max(activity_seq) from judgements where learner_id = ${learnerId} and criterion_id = ${criterionId}),
      (select max(greatest(ec.activity_seq, e.activity_seq)) from evidence_criteria ec join evidence e on e.id = ec.evidence_id
        where ec.learner_id = ${learnerId} and ec.criterion_id = ${criterionId} and e.superseded_by is null)
    ) as seq`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { seq: string | number | null }[] }).rows) as {
    seq: string | number | null;
  }[];
  return Number(rows[0]?.seq ?? 0);
}

export const responseSchema = z.object({
  judgementId: z.string(),
  note: z.preprocess(
    (v) => (v == null ? '' : v),
    z.string().transform((v) => v.replace(/\r\n/g, '\n').trim()),
  ),
});

export type ResponseInput = z.output<typeof responseSchema>;

/**
 * A learner's reply to a judgement on their own work (e.g. pointing to where the criterion is covered), from input
 * already parsed with responseSchema.
 */
export async function respondToJudgement(
  actor: Actor,
  input: ResponseInput,
  db: DbOrTx = getDb(),
): Promise<{ id: string }> {
  if (!isUuid(input.judgementId)) throw new NotFoundError('We could not find that judgement.');
  const [judgement] = await db.select().from(judgements).where(eq(judgements.id, input.judgementId));
  if (!judgement) throw new NotFoundError('We could not find that judgement.');
  await authorize(actor, 'evidence.write', judgement.learnerId, db);
  if (!input.note)
    throw new ValidationError('Write your response before sending it.', { note: 'Write your response.' });
  if (input.note.length > LIMITS.response)
    throw new ValidationError(tooLongMessage('Your response', LIMITS.response, input.note.length), {
      note: 'Too long.',
    });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(judgementResponses)
      .values({
        judgementId: judgement.id,
        learnerId: judgement.learnerId,
        authorId: actor.id,
        note: input.note,
      })
      .returning();
    await audit(tx, {
      actorId: actor.id,
      action: 'judgement.respond',
      subjectType: 'judgement',
      subjectId: judgement.id,
      learnerId: judgement.learnerId,
      after: { responseId: row!.id, note: row!.note },
    });
    return { id: row!.id };
  });
}
