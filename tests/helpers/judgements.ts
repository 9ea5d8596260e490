import type { DbOrTx } from '@/db/client';
import { judgementSchema, recordJudgement, respondToJudgement, responseSchema } from '@/lib/evidence/judgements';
import type { Actor } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/validate';

/**
 * The judging use cases as their actions call them: the input parsed at the boundary first (a refusal there is the
 * same ValidationError the action answers with), then the use case with the typed input.
 */
export async function judge(actor: Actor, raw: unknown, db?: DbOrTx) {
  return recordJudgement(actor, parseOrThrow(judgementSchema, raw), db);
}

export async function respond(actor: Actor, raw: unknown, db?: DbOrTx) {
  return respondToJudgement(actor, parseOrThrow(responseSchema, raw), db);
}
