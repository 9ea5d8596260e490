import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { qaActionResponses } from '@/db/schema';
import { audit } from '@/lib/audit';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { uuidSchema } from '@/lib/ids';
import type { Actor } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/validate';
import { query } from './shared';

/**
 * The assessor's response to an IQA's action point (issue 20): the assessor whose decision was sampled says what
 * they did; the IQA reads it on the sampled item and closes the action. A re-judgement goes through the normal,
 * recorded judgement path (lib/evidence/judgements.ts); a response links the newest judgement of the criterion made
 * after the sampled one, if there is one by then. Responses are records: never changed, refused once the action is
 * closed (here and by db/sql/011_qa_countersign.sql).
 */

const MAX = 5000;
export const actionResponseSchema = z.object({
  actionId: uuidSchema(),
  text: z
    .string({ error: 'Write your response.' })
    .transform((v) => v.replace(/\r\n/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, 'Write your response.')
        .max(MAX, `Keep it under ${formatNumber(MAX)} characters.`),
    ),
});

export async function respondToAction(
  actor: Actor,
  raw: unknown,
  db: DbOrTx = getDb(),
): Promise<{ id: string; judgementId: string | null }> {
  const input = parseOrThrow(actionResponseSchema, raw);
  const [action] = await query<{
    assessor_id: string;
    learner_id: string;
    item_id: string;
    closed: boolean;
    rejudgement_id: string | null;
  }>(
    db,
    sql`
    select i.assessor_id, i.learner_id, i.id as item_id, a.closed_at is not null as closed,
      (select j.id from judgements j join judgements s on s.id = i.judgement_id
       where i.kind = 'judgement' and j.learner_id = i.learner_id and j.criterion_id = i.criterion_id
         and j.activity_seq > s.activity_seq order by j.activity_seq desc limit 1) as rejudgement_id
    from qa_actions a join qa_decisions d on d.id = a.decision_id join qa_sample_items i on i.id = d.item_id
    where a.id = ${input.actionId}`,
  );
  if (!action) throw new NotFoundError('We could not find that action.');
  if (action.assessor_id !== actor.id)
    throw new ForbiddenError('Only the assessor whose decision was sampled responds to its actions.');
  if (action.closed) throw new ConflictError('The internal quality assurer has closed this action. Nothing was saved.');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(qaActionResponses)
      .values({ actionId: input.actionId, assessorId: actor.id, text: input.text, judgementId: action.rejudgement_id })
      .returning({ id: qaActionResponses.id });
    await audit(tx, {
      actorId: actor.id,
      action: 'qa.action.respond',
      subjectType: 'qa_action',
      subjectId: input.actionId,
      learnerId: action.learner_id,
      after: { responseId: row!.id, text: input.text, judgementId: action.rejudgement_id },
    });
    return { id: row!.id, judgementId: action.rejudgement_id };
  });
}

export interface ActionResponseView {
  id: string;
  text: string;
  at: string;
  assessorName: string;
  /** The re-judgement linked at the time of the response. */
  rejudgement: { outcome: string; at: string } | null;
}

/** Responses to these actions, oldest first, by action id. Callers authorize first. */
export async function responsesTo(db: DbOrTx, actionIds: string[]): Promise<Map<string, ActionResponseView[]>> {
  const out = new Map<string, ActionResponseView[]>();
  if (!actionIds.length) return out;
  const rows = await query<{
    id: string;
    action_id: string;
    text: string;
    created_at: Date | string;
    assessor: string;
    outcome: string | null;
    judged_at: Date | string | null;
  }>(
    db,
    sql`
    select r.id, r.action_id, r.text, r.created_at, u.name as assessor, j.outcome, j.created_at as judged_at
    from qa_action_responses r join users u on u.id = r.assessor_id left join judgements j on j.id = r.judgement_id
    where r.action_id in (${sql.join(
      actionIds.map((id) => sql`${id}`),
      sql`, `,
    )}) order by r.created_at, r.id`,
  );
  for (const r of rows) {
    const list = out.get(r.action_id) ?? [];
    list.push({
      id: r.id,
      text: r.text,
      at: new Date(r.created_at).toISOString(),
      assessorName: r.assessor,
      rejudgement: r.outcome ? { outcome: r.outcome, at: new Date(r.judged_at!).toISOString() } : null,
    });
    out.set(r.action_id, list);
  }
  return out;
}
