import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, isUniqueViolation, type DbOrTx } from '@/db/client';
import { qaActions, qaDecisions, qaSampleItems, qaSamples, signOffSupersessions, type QaVerdict } from '@/db/schema';
import { audit } from '@/lib/audit';
import { notify } from '@/lib/notifications/notify';
import { keepProgressCurrent } from '@/lib/dashboards/progress-current';
import { assessableItem } from '@/lib/evidence/criteria';
import { isoDaySchema, parseOrThrow } from '@/lib/validate';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { authorizeIqa, qaRelationTo, relationTo, type Actor } from '@/lib/permissions';
import { isUuid, uuidSchema } from '@/lib/ids';
import { query } from './shared';
import { formatNumber } from '@/lib/format';
import { revokeBadgeOfSupersededSignOff } from '@/lib/badges/badges';

/**
 * An IQA's verdict on a sampled decision: agree, or disagree with feedback to the assessor and action points with due
 * dates. Append-only: a changed view is a new decision that supersedes the current one (the history stays). An IQA
 * never decides on their own assessment decision (refused here, and by the database).
 */

const isoDay = isoDaySchema('Enter the due date as a date (YYYY-MM-DD).');

const text = (max: number) =>
  z.preprocess(
    (v) => (v == null ? '' : v),
    z
      .string()
      .transform((v) => v.replace(/\r\n/g, '\n').trim())
      .pipe(z.string().max(max, `Keep it under ${formatNumber(max)} characters.`)),
  );

const qaDecisionSchema = z.object({
  itemId: uuidSchema(),
  verdict: z.enum(['agree', 'disagree'], { error: 'Choose agree or disagree.' }),
  feedback: text(5000),
  actions: z
    .array(z.object({ text: text(2000).pipe(z.string().min(1, 'Describe the action.')), dueOn: isoDay }))
    .max(20)
    .default([]),
  /** The decision this one replaces: required once the item has a decision, and it must be the current one. */
  supersedesId: uuidSchema().optional(),
});

export const closeActionSchema = z.object({
  actionId: uuidSchema(),
  note: text(2000).optional(),
});

async function loadItem(db: DbOrTx, itemId: string) {
  const [item] = await db
    .select({
      id: qaSampleItems.id,
      assessorId: qaSampleItems.assessorId,
      learnerId: qaSampleItems.learnerId,
      kind: qaSampleItems.kind,
      criterionId: qaSampleItems.criterionId,
      moduleSlug: qaSampleItems.moduleSlug,
      reportDecisionId: qaSampleItems.reportDecisionId,
      cohortId: qaSamples.cohortId,
    })
    .from(qaSampleItems)
    .innerJoin(qaSamples, eq(qaSamples.id, qaSampleItems.sampleId))
    .where(eq(qaSampleItems.id, itemId));
  return item;
}

/** The item's current decision: the one nothing supersedes. */
async function currentDecision(db: DbOrTx, itemId: string) {
  const rows = await query<{ id: string; verdict: QaVerdict }>(
    db,
    sql`
    select d.id, d.verdict from qa_decisions d
    where d.item_id = ${itemId} and not exists (select 1 from qa_decisions s where s.supersedes_id = d.id)
    limit 1`,
  );
  return rows[0] ?? null;
}

export async function recordQaDecision(
  actor: Actor,
  raw: unknown,
  db: DbOrTx = getDb(),
): Promise<{ id: string; actionIds: string[]; supersededSignOff: string | null }> {
  const input = parseOrThrow(qaDecisionSchema, raw);
  const item = await loadItem(db, input.itemId);
  if (!item) throw new NotFoundError('We could not find that sampled decision.');
  await authorizeIqa(actor, item.cohortId, 'qa.decide', db);
  if (item.assessorId === actor.id) {
    throw new ForbiddenError('This is your own assessment decision: another internal quality assurer must review it.');
  }
  if (input.verdict === 'disagree' && !input.feedback) {
    throw new ValidationError('Tell the assessor why: feedback is needed when you disagree.', {
      feedback: 'Write feedback for the assessor.',
    });
  }
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(4242021, hashtext(${input.itemId}))`);
      const current = await currentDecision(tx, input.itemId);
      if (current && input.supersedesId !== current.id) {
        throw new ConflictError(
          'This sampled decision already has a verdict (perhaps from another tab). Nothing was recorded: reload to see it, then record a new decision that replaces it.',
          current,
        );
      }
      if (!current && input.supersedesId)
        throw new ConflictError(
          'There is no earlier verdict on this sampled decision to replace. Nothing was recorded: reload the page.',
        );
      const [row] = await tx
        .insert(qaDecisions)
        .values({
          itemId: input.itemId,
          iqaId: actor.id,
          verdict: input.verdict,
          feedback: input.feedback,
          supersedesId: input.supersedesId ?? null,
        })
        .returning({ id: qaDecisions.id });
      const superseded =
        item.kind === 'sign_off' && input.verdict === 'disagree'
          ? await supersedeSignOff(tx, actor, item, row!.id)
          : null;
      const actions = input.actions.length
        ? await tx
            .insert(qaActions)
            .values(input.actions.map((a) => ({ decisionId: row!.id, text: a.text, dueOn: a.dueOn })))
            .returning({ id: qaActions.id })
        : [];
      await audit(tx, {
        actorId: actor.id,
        action: input.supersedesId ? 'qa.decision.supersede' : 'qa.decision.record',
        subjectType: 'qa_sample_item',
        subjectId: input.itemId,
        learnerId: item.learnerId,
        before: current ? { decisionId: current.id, verdict: current.verdict } : null,
        after: {
          decisionId: row!.id,
          verdict: input.verdict,
          feedback: input.feedback,
          actions: input.actions,
          supersededSignOff: superseded,
        },
      });
      await notify(tx, {
        recipientId: item.assessorId,
        kind: 'iqa_feedback',
        title:
          input.verdict === 'agree'
            ? 'An internal quality assurer agreed with one of your decisions'
            : `An internal quality assurer disagreed with one of your decisions${input.actions.length ? ' and set actions' : ''}`,
        link: '/quality/feedback',
      });
      return { id: row!.id, actionIds: actions.map((a) => a.id), supersededSignOff: superseded };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new ConflictError(
        'Someone recorded a verdict on this sampled decision at the same time. Nothing was recorded: reload to see it.',
      );
    throw e;
  }
}

/**
 * A sign-off the IQA disagrees with is not silently undone. The sign-off stays recorded as it was; a supersession row,
 * linked to this disagreement, takes it out of force (lib/progress/unit.ts and the database's "signed off" checks read
 * only sign-offs in force). Then:
 *   - the signed-off version waits for its assessor again ("Awaiting assessment"): they re-assess it through the normal
 *     path and either sign it off again (a new decision naming the one it follows, `reopens_id`; countersigned again
 *     where the cohort requires it) or refer it back to the learner, who may then revise and resubmit;
 *   - the unit's criteria are open to re-judging (the sign-off no longer freezes them), and show "under quality
 *     review" while the disagreement is open;
 *   - the learner's working copy is no longer frozen.
 * A later verdict that agrees does not bring the superseded sign-off back: only the assessor's new decision counts.
 * Nothing happens when the sampled sign-off is no longer in force (already superseded).
 */
async function supersedeSignOff(
  tx: DbOrTx,
  actor: Actor,
  item: { reportDecisionId: string | null; learnerId: string; moduleSlug: string },
  qaDecisionId: string,
): Promise<string | null> {
  await tx.execute(sql`select criterion_judging_lock(${item.learnerId}::uuid, ${item.moduleSlug})`);
  const [inForce] = await query<{ id: string }>(
    tx,
    sql`
    select d.id from report_decisions d where d.id = ${item.reportDecisionId} and d.outcome = 'signed_off'
      and not exists (select 1 from sign_off_supersessions s where s.report_decision_id = d.id)`,
  );
  if (!inForce) return null;
  const [supersession] = await tx
    .insert(signOffSupersessions)
    .values({
      reportDecisionId: inForce.id,
      qaDecisionId,
      learnerId: item.learnerId,
      moduleSlug: item.moduleSlug,
      supersededBy: actor.id,
    })
    .returning({ id: signOffSupersessions.id });
  // Out of force, the unit no longer counts as complete (nor as awaiting a countersignature) on the caseload, and a
  // badge that says it is complete no longer stands.
  await keepProgressCurrent(tx, [item.learnerId]);
  await revokeBadgeOfSupersededSignOff(tx, actor, {
    learnerId: item.learnerId,
    moduleSlug: item.moduleSlug,
    signOffSupersessionId: supersession!.id,
  });
  await audit(tx, {
    actorId: actor.id,
    action: 'report.signoff.supersede',
    subjectType: 'report_decision',
    subjectId: inForce.id,
    learnerId: item.learnerId,
    after: { qaDecisionId },
  });
  return inForce.id;
}

/** Closes an action point (an IQA of the cohort, once the assessor has responded). Closing is its only change. */
export async function closeQaAction(actor: Actor, raw: unknown, db: DbOrTx = getDb()): Promise<void> {
  const input = parseOrThrow(closeActionSchema, raw);
  const [action] = await db
    .select({ id: qaActions.id, closedAt: qaActions.closedAt, itemId: qaDecisions.itemId })
    .from(qaActions)
    .innerJoin(qaDecisions, eq(qaDecisions.id, qaActions.decisionId))
    .where(eq(qaActions.id, input.actionId));
  if (!action) throw new NotFoundError('We could not find that action.');
  const item = (await loadItem(db, action.itemId))!;
  await authorizeIqa(actor, item.cohortId, 'qa.action.close', db);
  if (item.assessorId === actor.id)
    throw new ForbiddenError(
      'This action is about your own assessment decision: another internal quality assurer must close it.',
    );
  await db.transaction(async (tx) => {
    const [closed] = await tx
      .update(qaActions)
      .set({ closedAt: sql`now()`, closedBy: actor.id, closingNote: input.note || null })
      .where(and(eq(qaActions.id, input.actionId), isNull(qaActions.closedAt)))
      .returning({ closedAt: qaActions.closedAt });
    if (!closed) throw new ConflictError('This action was already closed. Nothing was changed.');
    await audit(tx, {
      actorId: actor.id,
      action: 'qa.action.close',
      subjectType: 'qa_action',
      subjectId: input.actionId,
      learnerId: item.learnerId,
      after: { closedAt: closed.closedAt, note: input.note || null },
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The open QA state of a learner's criterion, for the pages of the next step ("under quality review").

export interface QaCriterionState {
  criterionId: string;
  /** An IQA's current verdict on a sampled decision about this criterion (or its unit's sign-off) is a disagreement that is not resolved. */
  underReview: boolean;
  items: {
    itemId: string;
    kind: 'judgement' | 'sign_off';
    sampledDecisionId: string;
    assessorId: string;
    verdict: QaVerdict | null;
    decidedAt: string | null;
    feedback: string;
    openActions: { id: string; text: string; dueOn: string }[];
    /** A newer judgement of the criterion exists than the one sampled (the assessor re-judged). */
    rejudged: boolean;
  }[];
}

/**
 * The QA state of several of one learner's criteria, without a permission check (callers check). A criterion is under
 * quality review while the current verdict on a sampled decision about it is 'disagree' and that verdict either set
 * no actions or still has an open one; an agreeing decision that supersedes it, or closing its actions, ends it.
 */
export async function loadQaStates(
  db: DbOrTx,
  learnerId: string,
  criterionIds: string[],
): Promise<Map<string, QaCriterionState>> {
  const modules = new Map(criterionIds.map((id) => [id, assessableItem(id)?.moduleSlug ?? null]));
  const slugs = [...new Set([...modules.values()].filter((s): s is string => Boolean(s)))];
  const rows = criterionIds.length
    ? await query<{
        item_id: string;
        kind: 'judgement' | 'sign_off';
        judgement_id: string | null;
        report_decision_id: string | null;
        criterion_id: string | null;
        module_slug: string;
        assessor_id: string;
        decision_id: string | null;
        verdict: QaVerdict | null;
        decided_at: Date | string | null;
        feedback: string | null;
        rejudged: boolean;
      }>(
        db,
        sql`
    select i.id as item_id, i.kind, i.judgement_id, i.report_decision_id, i.criterion_id, i.module_slug, i.assessor_id,
      d.id as decision_id, d.verdict, d.created_at as decided_at, d.feedback,
      (i.kind = 'judgement' and exists (
        select 1 from judgements j join judgements s on s.id = i.judgement_id
        where j.learner_id = i.learner_id and j.criterion_id = i.criterion_id and j.activity_seq > s.activity_seq)) as rejudged
    from qa_sample_items i
    left join qa_decisions d on d.item_id = i.id and not exists (select 1 from qa_decisions n where n.supersedes_id = d.id)
    where i.learner_id = ${learnerId}
      and (i.criterion_id in (${sql.join(
        criterionIds.map((c) => sql`${c}`),
        sql`, `,
      )})
           ${
             slugs.length
               ? sql`or (i.kind = 'sign_off' and i.module_slug in (${sql.join(
                   slugs.map((s) => sql`${s}`),
                   sql`, `,
                 )}))`
               : sql``
           })
    order by i.decided_at`,
      )
    : [];
  const decisionIds = rows.map((r) => r.decision_id).filter((id): id is string => Boolean(id));
  const actions = decisionIds.length
    ? await query<{ id: string; decision_id: string; text: string; due_on: string | Date; closed: boolean }>(
        db,
        sql`
    select id, decision_id, text, due_on, closed_at is not null as closed from qa_actions
    where decision_id in (${sql.join(
      decisionIds.map((d) => sql`${d}`),
      sql`, `,
    )}) order by due_on, id`,
      )
    : [];
  const out = new Map<string, QaCriterionState>();
  for (const criterionId of criterionIds) {
    const items = rows
      .filter(
        (r) => r.criterion_id === criterionId || (r.kind === 'sign_off' && r.module_slug === modules.get(criterionId)),
      )
      .map((r) => {
        const mine = actions.filter((a) => a.decision_id === r.decision_id);
        return {
          itemId: r.item_id,
          kind: r.kind,
          sampledDecisionId: (r.judgement_id ?? r.report_decision_id)!,
          assessorId: r.assessor_id,
          verdict: r.verdict,
          decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
          feedback: r.feedback ?? '',
          openActions: mine
            .filter((a) => !a.closed)
            .map((a) => ({
              id: a.id,
              text: a.text,
              dueOn: typeof a.due_on === 'string' ? a.due_on.slice(0, 10) : a.due_on.toISOString().slice(0, 10),
            })),
          rejudged: Boolean(r.rejudged),
          actionCount: mine.length,
        };
      });
    out.set(criterionId, {
      criterionId,
      underReview: items.some((i) => i.verdict === 'disagree' && (i.actionCount === 0 || i.openActions.length > 0)),
      items: items.map(({ actionCount: _n, ...rest }) => rest),
    });
  }
  return out;
}

/**
 * The QA state of one of a learner's criteria, for their assessor, an administrator, or an IQA of one of the learner's
 * cohorts. (Whether learners see it is a centre's choice, a later step.)
 */
export async function getQaState(
  actor: Actor,
  learnerId: string,
  criterionId: string,
  db: DbOrTx = getDb(),
): Promise<QaCriterionState> {
  if (!isUuid(learnerId)) throw new NotFoundError('We could not find that learner.');
  const relation = await relationTo(actor, learnerId, db);
  let allowed = relation === 'assessor' || relation === 'admin';
  if (!allowed) {
    const cohorts = await query<{ cohort_id: string }>(
      db,
      sql`select cohort_id from cohort_members where learner_id = ${learnerId}`,
    );
    for (const c of cohorts) {
      if ((await qaRelationTo(actor, c.cohort_id, db)) === 'iqa') {
        allowed = true;
        break;
      }
    }
  }
  if (!allowed) throw new ForbiddenError();
  return (await loadQaStates(db, learnerId, [criterionId])).get(criterionId)!;
}
