import { eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { refuseIfErased } from '@/lib/erasure/erase';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { authorize, type Actor } from '@/lib/permissions';
import { buildRecordZip, recordFileName } from './bundle';

/**
 * The signed learner record for one learner, as the learner, their assessor or an admin downloads it (POLICY
 * record.export), or from the command line (no actor: whoever runs it holds the database already). Audited, so the
 * learner's history shows who took a copy of their record and when.
 */
export async function exportLearnerRecord(
  actor: Actor | null,
  learnerId: string,
  db: Db = getDb(),
): Promise<{ zip: Uint8Array; fileName: string; recordId: string }> {
  if (!isUuid(learnerId)) throw new NotFoundError('We could not find that learner.');
  if (actor) await authorize(actor, 'record.export', learnerId, db);
  const [learner] = await db.select({ role: users.role }).from(users).where(eq(users.id, learnerId));
  if (!learner || learner.role !== 'learner') throw new NotFoundError('We could not find that learner.');
  await refuseIfErased(db, learnerId, 'This learner’s personal data was erased: there is no record left to export.');
  const { zip, record } = await buildRecordZip(db, learnerId);
  await audit(db, {
    actorId: actor?.id ?? null,
    action: 'record.exported',
    subjectType: 'learner_record',
    subjectId: record.recordId,
    learnerId,
    after: { auditHead: record.auditChain.seq, evidence: record.evidence.length, judgements: record.judgements.length },
  });
  return { zip, fileName: recordFileName(record), recordId: record.recordId };
}

/** The learner with this email (compared lower-cased, as accounts store it), for the command line. */
export async function learnerIdByEmail(email: string, db: Db = getDb()): Promise<string> {
  const [row] = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  if (!row) throw new NotFoundError(`there is no account with the email ${email}`);
  if (row.role !== 'learner') throw new NotFoundError(`${email} is not a learner's account (${row.role})`);
  return row.id;
}
