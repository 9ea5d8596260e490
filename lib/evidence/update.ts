import 'server-only';
import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { evidence, evidenceCriteria, type EvidenceRow } from '@/db/schema';
import { audit } from '@/lib/audit';
import { ConflictError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { kindColumns } from './create';
import { enrolledSlugs, resolveMappings, type ResolvedMapping } from './criteria';
import { checkKindRules, type UpdateEvidence } from './input';
import { audienceFor, authorizeEdit, evidenceSnapshot, isJudgedMet, loadEvidenceRow, mappingsOf } from './shared';
import { assertOwnSubmission } from './worksheets';
import { keepProgressCurrent } from '@/lib/dashboards/progress-current';
import { statementChanged } from '@/lib/links/witness';

export interface UpdateResult {
  id: string;
  version: number;
  /** True when the evidence had been judged met, so the change was saved as a new version. */
  newVersion: boolean;
}

const STALE =
  'This evidence was changed somewhere else (perhaps in another tab) after you opened it. Your changes have not been saved; compare them with the saved version below.';

async function staleError(db: DbOrTx, id: string) {
  const [current] = await db.select().from(evidence).where(eq(evidence.id, id));
  if (current?.supersededBy) return replacedError(db, current);
  return new ConflictError(STALE, current ? await evidenceSnapshot(db, current) : undefined);
}

async function replacedError(db: DbOrTx, row: EvidenceRow) {
  let newest = row;
  // Follow the chain to the current version (short: one link per edit after a "met" judgement).
  for (let i = 0; i < 100 && newest.supersededBy; i++) {
    const [next] = await db.select().from(evidence).where(eq(evidence.id, newest.supersededBy));
    if (!next) break;
    newest = next;
  }
  return new ConflictError(
    'This is an earlier version of the evidence; a newer version has been saved since. Open the newest version to make changes.',
    await evidenceSnapshot(db, newest),
  );
}

/**
 * Edits a piece of evidence, refusing a stale save (optimistic concurrency on `version`).
 * Until the evidence has been judged met it is changed in place; after that the old row is kept
 * exactly as judged and the change becomes a new row that supersedes it.
 */
export async function updateEvidence(
  actor: Actor,
  id: string,
  input: UpdateEvidence,
  db: DbOrTx = getDb(),
): Promise<UpdateResult> {
  // "Has it been judged met?" and the write are one transaction on the locked row: an assessor's judgement
  // citing this evidence locks it too (recordJudgement), so it lands either before this check (and the edit
  // becomes a new version) or after the edit (and its stale-view check sees the change), never in between.
  return db.transaction(async (tx) => {
    const row = await loadEvidenceRow(tx, id, { lock: true });
    await authorizeEdit(actor, row, tx);
    checkKindRules(row.kind, input);
    if (row.supersededBy) throw await replacedError(tx, row);
    if (row.version !== input.version) throw await staleError(tx, id);
    const mappings = resolveMappings(
      input.criteria,
      await enrolledSlugs(tx, row.learnerId),
      audienceFor(actor, row.learnerId),
    );
    if (row.kind === 'worksheet') await assertOwnSubmission(tx, row.learnerId, input.worksheetSubmissionId);
    const fields = {
      title: input.title,
      occurredOn: input.occurredOn,
      description: input.description.trim(),
      ...kindColumns(row.kind, input),
    };
    const before = { ...(await evidenceSnapshot(tx, row)) };

    if (!(await isJudgedMet(tx, row))) {
      const [updated] = await tx
        .update(evidence)
        .set({
          ...fields,
          version: sql`${evidence.version} + 1`,
          activitySeq: sql`nextval('criterion_activity_seq')`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(evidence.id, id), eq(evidence.version, input.version), isNull(evidence.supersededBy)))
        .returning();
      if (!updated) throw await staleError(tx, id);
      await replaceMappings(tx, updated, mappings);
      // A link asking the witness to confirm the old text stops working (lib/links/witness.ts).
      await statementChanged(tx, row, actor.id);
      // The caseload's figures change with this write: recomputed in the same transaction (progress-current.ts).
      await keepProgressCurrent(tx, [row.learnerId]);
      await audit(tx, {
        actorId: actor.id,
        action: 'evidence.update',
        subjectType: 'evidence',
        subjectId: id,
        learnerId: row.learnerId,
        before,
        after: await evidenceSnapshot(tx, updated),
      });
      return { id, version: updated.version, newVersion: false };
    }
    const newId = crypto.randomUUID();
    const [old] = await tx
      .update(evidence)
      .set({ supersededBy: newId })
      .where(and(eq(evidence.id, id), eq(evidence.version, input.version), isNull(evidence.supersededBy)))
      .returning();
    if (!old) throw await staleError(tx, id);
    await statementChanged(tx, row, actor.id);
    const [created] = await tx
      .insert(evidence)
      .values({
        id: newId,
        learnerId: row.learnerId,
        authorId: row.authorId,
        kind: row.kind,
        fileId: row.fileId,
        supersedesId: row.id,
        ...fields,
      })
      .returning();
    if (mappings.length)
      await tx
        .insert(evidenceCriteria)
        .values(mappings.map((m) => ({ ...m, evidenceId: newId, learnerId: row.learnerId })));
    // The caseload's figures change with this write: recomputed in the same transaction (progress-current.ts).
    await keepProgressCurrent(tx, [row.learnerId]);
    await audit(tx, {
      actorId: actor.id,
      action: 'evidence.new_version',
      subjectType: 'evidence',
      subjectId: newId,
      learnerId: row.learnerId,
      before,
      after: await evidenceSnapshot(tx, created!),
    });
    return { id: newId, version: created!.version, newVersion: true };
  });
}

/** Brings the mappings to `wanted`: removes dropped criteria, updates changed notes, adds new ones. */
async function replaceMappings(tx: DbOrTx, row: EvidenceRow, wanted: ResolvedMapping[]): Promise<void> {
  const existing = await mappingsOf(tx, row.learnerId, row.id);
  const want = new Map(wanted.map((m) => [m.criterionId, m]));
  for (const m of existing) {
    const next = want.get(m.criterionId);
    if (!next) {
      await tx
        .delete(evidenceCriteria)
        .where(and(eq(evidenceCriteria.evidenceId, row.id), eq(evidenceCriteria.criterionId, m.criterionId)));
    } else if (next.note !== m.note) {
      await tx
        .update(evidenceCriteria)
        .set({ note: next.note })
        .where(and(eq(evidenceCriteria.evidenceId, row.id), eq(evidenceCriteria.criterionId, m.criterionId)));
    }
    want.delete(m.criterionId);
  }
  if (want.size)
    await tx
      .insert(evidenceCriteria)
      .values([...want.values()].map((m) => ({ ...m, evidenceId: row.id, learnerId: row.learnerId })));
}
