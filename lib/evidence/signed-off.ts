import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { decisionInForce } from '@/lib/progress/unit';
import { reportDecisions } from '@/db/schema';
import { getModule } from '@/lib/content';
import { ConflictError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';

/**
 * A unit whose report is signed off has final criteria: the sign-off (and the record's "all met") rests on
 * their judgements, so none is added afterwards. The database refuses it too (db/sql/007_signed_off_criteria.sql);
 * this module gives the assessor the reason in words and lets pages stop offering the form.
 */

/** When each of this learner's units was signed off, by module slug. */
export async function signedOffModules(db: DbOrTx, learnerId: string): Promise<Map<string, Date>> {
  const rows = await db
    .select({ moduleSlug: reportDecisions.moduleSlug, decidedAt: reportDecisions.decidedAt })
    .from(reportDecisions)
    .where(and(eq(reportDecisions.learnerId, learnerId), eq(reportDecisions.outcome, 'signed_off'), decisionInForce));
  return new Map(rows.map((r) => [r.moduleSlug, r.decidedAt]));
}

export function signedOffNote(moduleSlug: string, at: Date): string {
  const code = getModule(moduleSlug)?.code ?? moduleSlug;
  return `The ${code} report was signed off on ${formatDateTime(at)}, so this unit’s criteria are final.`;
}

/**
 * Inside the judgement's transaction: takes the learner-and-module lock a sign-off also takes, then refuses
 * if the unit has been signed off, so a judgement and a sign-off never cross.
 */
export async function assertCriteriaOpen(
  tx: DbOrTx,
  learnerId: string,
  moduleSlug: string,
  label: string,
): Promise<void> {
  await tx.execute(sql`select criterion_judging_lock(${learnerId}::uuid, ${moduleSlug})`);
  const at = (await signedOffModules(tx, learnerId)).get(moduleSlug);
  if (at) {
    throw new ConflictError(
      `${label} cannot be judged again. ${signedOffNote(moduleSlug, at)} Nothing was saved; if a decision on it must change, raise it with your internal quality assurer.`,
    );
  }
}
