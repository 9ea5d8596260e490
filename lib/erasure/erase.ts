import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, rowsOf, type Db, type DbOrTx } from '@/db/client';
import { learnerErasures, users } from '@/db/schema';
import { retentionYearsSetting } from '@/lib/env';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { getFileStore } from '@/lib/files/store';
import { uuidSchema } from '@/lib/ids';
import { authorizeAdmin, type Actor } from '@/lib/permissions';

/**
 * Erasure of a learner's personal data by an administrator (issue 22, data protection). The work is one database
 * function, criterion_erase_learner (db/sql/014_erasure.sql): the only path allowed to empty the record's append-only
 * rows, and only of the columns that hold personal data. It pseudonymises the account ("Erased learner 7f3a", an
 * address nobody signs in with, no password, disabled: every session ends), empties the learner's words (evidence,
 * report text, worksheet answers, review notes, replies, hours' descriptions), the names of their files and the
 * content of the audit rows about them, and records the erasure in the audit chain; the assessment decisions the
 * centre must keep (judgements with outcomes, sign-offs with the version's hash and word count, QA decisions) stay
 * until the retention job (./retention.ts). Afterwards the bytes of their uploaded files are removed from the store.
 */

export const eraseLearnerInput = z.object({
  learnerId: uuidSchema('That learner could not be found.'),
  /** The learner's email address, typed by the administrator to confirm. */
  confirmation: z.string().trim().max(254, 'Type the learner’s email address exactly.'),
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the learner’s data is erased (for example, the learner’s request of 3 December).')
    .max(500, 'Keep the reason under 500 characters.'),
});

export interface ErasureResult {
  pseudonym: string;
  erasedAt: string;
  /** False when the learner had already been erased: nothing changed. */
  erased: boolean;
  filesRemoved: number;
}

/**
 * Erases the learner. `actor` null is the command line (whoever runs it holds the database already); then the
 * confirmation is the email given on the command line. Idempotent: erasing an erased learner changes nothing.
 */
export async function eraseLearner(
  actor: Actor | null,
  input: z.output<typeof eraseLearnerInput>,
  db: Db = getDb(),
): Promise<ErasureResult> {
  if (actor) authorizeAdmin(actor);
  const [learner] = await db
    .select({ email: users.email, role: users.role, erasedAt: learnerErasures.erasedAt })
    .from(users)
    .leftJoin(learnerErasures, eq(learnerErasures.learnerId, users.id))
    .where(eq(users.id, input.learnerId));
  if (!learner || learner.role !== 'learner') throw new NotFoundError('That learner could not be found.');
  if (!learner.erasedAt && input.confirmation.toLowerCase() !== learner.email) {
    const message = `Type the learner’s email address, ${learner.email}, to confirm the erasure.`;
    throw new ValidationError(message, { confirmation: message });
  }
  const [row] = rowsOf<{ result: { erased: boolean; pseudonym: string; erasedAt: string; storageKeys: string[] } }>(
    // One statement, so one transaction: the erasure's exception to the record's rules lasts no longer than it.
    await db.execute(
      sql`select criterion_erase_learner(${input.learnerId}, ${actor?.id ?? null}, ${input.reason}) as result`,
    ),
  );
  const result = typeof row!.result === 'string' ? JSON.parse(row!.result) : row!.result;
  // After the commit: bytes removed first and the erasure rolled back would leave the record pointing at nothing.
  // Removing a missing object is not an error, so an erasure repeated after a failure here finishes the job.
  const store = getFileStore();
  for (const key of result.storageKeys as string[]) await store.delete(key);
  return {
    pseudonym: result.pseudonym,
    erasedAt: new Date(result.erasedAt).toISOString(),
    erased: result.erased,
    filesRemoved: result.erased ? result.storageKeys.length : 0,
  };
}

/**
 * Refuses what no longer applies to an erased learner: enabling the account or giving it a password (it stays closed
 * for good), or exporting a record whose content is gone.
 */
export async function refuseIfErased(
  db: DbOrTx,
  userId: string,
  message = 'This learner’s personal data was erased: the account stays closed.',
): Promise<void> {
  const [row] = await db
    .select({ one: learnerErasures.learnerId })
    .from(learnerErasures)
    .where(eq(learnerErasures.learnerId, userId));
  if (row) throw new ValidationError(message);
}

export interface ErasureInfo {
  pseudonym: string;
  erasedAt: Date;
  reason: string;
  erasedByName: string | null;
  decisionsErasedAt: Date | null;
  /** When the retention job may erase the decisions kept (RETENTION_YEARS after the erasure). */
  decisionsKeptUntil: Date;
}

/** Whether (and when, by whom, why) a learner was erased: for the administrator's account page. */
export async function erasureOf(actor: Actor, learnerId: string, db: Db = getDb()): Promise<ErasureInfo | null> {
  authorizeAdmin(actor);
  const [row] = await db
    .select({
      pseudonym: learnerErasures.pseudonym,
      erasedAt: learnerErasures.erasedAt,
      reason: learnerErasures.reason,
      erasedByName: users.name,
      decisionsErasedAt: learnerErasures.decisionsErasedAt,
    })
    .from(learnerErasures)
    .leftJoin(users, eq(users.id, learnerErasures.erasedBy))
    .where(eq(learnerErasures.learnerId, learnerId));
  if (!row) return null;
  const until = new Date(row.erasedAt);
  until.setUTCFullYear(until.getUTCFullYear() + retentionYearsSetting());
  return { ...row, decisionsKeptUntil: until };
}
