import 'server-only';
import crypto from 'node:crypto';
import { z } from 'zod';
import { uuidSchema } from '@/lib/ids';
import { getDb, type DbOrTx } from '@/db/client';
import { parseOrThrow } from '@/lib/validate';
import { ValidationError } from '@/lib/errors';
import { authorizeIqa, type Actor } from '@/lib/permissions';
import { performDraw, type DrawOutcome } from './store';

export { loadCandidates, loadHistory, verifySnapshot, type DrawOutcome } from './store';

/**
 * Drawing a sample for a cohort (issue 20): an IQA for the cohort draws by its current plan; the sample, its items
 * with frozen snapshots and the audit row are stored in one transaction (lib/qa/store.ts).
 */
const drawInputSchema = z.object({
  cohortId: uuidSchema(),
  from: z.coerce.date({ error: 'Enter the start of the period.' }),
  to: z.coerce.date({ error: 'Enter the end of the period.' }),
  /** Given to repeat a draw exactly; a random one otherwise (it is stored with the sample). */
  seed: z.string().trim().min(1).max(100).optional(),
});

/**
 * Draws a sample by the cohort's current plan for decisions made in [from, to). Refused unless the actor is an IQA
 * for the cohort; the actor's own decisions are never candidates (and the database refuses them as items too).
 */
export async function drawQaSample(actor: Actor, raw: unknown, db: DbOrTx = getDb()): Promise<DrawOutcome> {
  const input = parseOrThrow(drawInputSchema, raw);
  if (Number.isNaN(input.from.getTime()) || Number.isNaN(input.to.getTime()))
    throw new ValidationError('Enter real dates for the period.');
  if (input.from >= input.to)
    throw new ValidationError('The period must end after it starts.', { to: 'End after the start.' });
  await authorizeIqa(actor, input.cohortId, 'qa.sample.draw', db);
  const seed = input.seed ?? crypto.randomBytes(16).toString('hex');
  return db.transaction((tx) =>
    performDraw(tx, { iqaId: actor.id, cohortId: input.cohortId, from: input.from, to: input.to, seed }),
  );
}
