import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { evidence, evidenceCriteria, judgements, type EvidenceRow } from '@/db/schema';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { authorize, type Actor } from '@/lib/permissions';
import { ASSESSOR_KINDS } from './input';

export const isAssessorKind = (kind: string) => (ASSESSOR_KINDS as readonly string[]).includes(kind);

/** `lock` takes the row FOR UPDATE, so a judgement citing it (which locks it FOR SHARE) waits, or is waited for. */
export async function loadEvidenceRow(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<EvidenceRow> {
  if (!isUuid(id)) throw new NotFoundError('We could not find that piece of evidence.');
  const q = db.select().from(evidence).where(eq(evidence.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) throw new NotFoundError('We could not find that piece of evidence.');
  return row;
}

/**
 * Who may change a piece of evidence: the learner for their own kinds; for observation and
 * discussion records, the assessor who wrote them, while still assigned to the learner.
 */
export async function authorizeEdit(actor: Actor, row: EvidenceRow, db: DbOrTx): Promise<void> {
  if (isAssessorKind(row.kind)) {
    await authorize(actor, 'evidence.record', row.learnerId, db);
    if (row.authorId !== actor.id) throw new ForbiddenError('Only the assessor who wrote this record can change it.');
  } else {
    await authorize(actor, 'evidence.write', row.learnerId, db);
  }
}

export async function canEdit(actor: Actor, row: EvidenceRow, db: DbOrTx): Promise<boolean> {
  try {
    await authorizeEdit(actor, row, db);
    return row.supersededBy === null;
  } catch {
    return false;
  }
}

/** Evidence is frozen once a judgement of "met" cites it: changes then make a new version. */
export async function isJudgedMet(db: DbOrTx, row: Pick<EvidenceRow, 'id' | 'learnerId'>): Promise<boolean> {
  const [hit] = await db
    .select({ id: judgements.id })
    .from(judgements)
    .where(
      and(
        eq(judgements.learnerId, row.learnerId),
        eq(judgements.outcome, 'met'),
        sql`${row.id}::uuid = any(${judgements.evidenceIds})`,
      ),
    )
    .limit(1);
  return Boolean(hit);
}

export async function mappingsOf(db: DbOrTx, learnerId: string, evidenceId: string) {
  return db
    .select({
      criterionId: evidenceCriteria.criterionId,
      moduleSlug: evidenceCriteria.moduleSlug,
      note: evidenceCriteria.note,
    })
    .from(evidenceCriteria)
    .where(and(eq(evidenceCriteria.learnerId, learnerId), eq(evidenceCriteria.evidenceId, evidenceId)));
}

/** The stored state of a piece of evidence, as sent back with a 409 so the form can show both versions. */
export async function evidenceSnapshot(db: DbOrTx, row: EvidenceRow) {
  const mappings = await mappingsOf(db, row.learnerId, row.id);
  return {
    id: row.id,
    version: row.version,
    supersededBy: row.supersededBy,
    title: row.title,
    occurredOn: row.occurredOn,
    description: row.description,
    body: row.body ?? '',
    url: row.url ?? '',
    witnessName: row.witnessName ?? '',
    witnessRole: row.witnessRole ?? '',
    witnessContact: row.witnessContact ?? '',
    worksheetSubmissionId: row.worksheetSubmissionId ?? '',
    criteria: mappings.map((m) => ({ id: m.criterionId, note: m.note })),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function audienceFor(actor: Actor, learnerId: string) {
  return actor.id === learnerId ? { subject: 'You', verb: 'are' } : { subject: 'This learner', verb: 'is' };
}
