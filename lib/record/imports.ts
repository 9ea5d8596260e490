import { asc, desc, eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { priorDecisions, recordImports, users } from '@/db/schema';
import { describeItem } from '@/lib/evidence/criteria';
import { authorize, authorizeAdmin, type Actor } from '@/lib/permissions';

/** Records imported so far, newest first: the admin page's list. */
export async function listRecordImports(actor: Actor, db: DbOrTx = getDb(), limit = 50) {
  authorizeAdmin(actor);
  return db
    .select({
      id: recordImports.id,
      learnerId: recordImports.learnerId,
      learnerName: users.name,
      centre: recordImports.issuerUrl,
      issuerName: recordImports.issuerName,
      kid: recordImports.kid,
      exportedAt: recordImports.exportedAt,
      importedAt: recordImports.importedAt,
    })
    .from(recordImports)
    .innerJoin(users, eq(users.id, recordImports.learnerId))
    .orderBy(desc(recordImports.importedAt))
    .limit(limit);
}

export interface PriorDecisionView {
  id: string;
  kind: 'judgement' | 'sign_off';
  label: string;
  outcome: string;
  decidedBy: string;
  centre: string;
  decidedAt: Date;
  feedback: string;
}

/**
 * Another centre's decisions on this learner, recognised here (lib/record/import.ts): whoever may see the learner's
 * portfolio sees them, always labelled with who decided, where and when.
 */
export async function priorDecisionsFor(
  actor: Actor,
  learnerId: string,
  db: DbOrTx = getDb(),
): Promise<PriorDecisionView[]> {
  await authorize(actor, 'learner.view', learnerId, db);
  const rows = await db
    .select()
    .from(priorDecisions)
    .where(eq(priorDecisions.learnerId, learnerId))
    .orderBy(asc(priorDecisions.moduleSlug), asc(priorDecisions.decidedAt));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    label: r.criterionId ? describeItem(r.criterionId).label : `Report sign-off (${r.moduleSlug})`,
    outcome: r.outcome,
    decidedBy: r.decidedBy,
    centre: r.centre,
    decidedAt: r.decidedAt,
    feedback: r.feedback,
  }));
}
