import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { reportDecisions } from '@/db/schema';
import { UUID_PATTERN } from '@/lib/ids';

/**
 * THE rule for when a signed-off unit counts as complete for certification, computed here and nowhere else:
 *   not signed off              no sign-off in force (none yet, or the one there was superseded by an IQA's
 *                               disagreement: it stays recorded, but the assessor must decide again);
 *   awaiting countersignature   signed off, and a cohort of the learner requires an IQA's countersignature
 *                               (cohort_qa_settings) that the sign-off does not have yet;
 *   complete                    signed off and, where required, countersigned.
 * One learner in several cohorts: a countersignature is required if any of their cohorts requires it.
 */
export type UnitCompletion = 'not_signed_off' | 'awaiting_countersignature' | 'complete';

export interface SignOffState {
  /** The sign-off in force, if any. */
  signOffId: string | null;
  /** No sign-off in force because an IQA's disagreement superseded the one there was: the assessor decides again. */
  superseded: boolean;
  countersignRequired: boolean;
  countersigned: boolean;
  completion: UnitCompletion;
}

/**
 * A condition on report_decisions: the decision is in force, i.e. no IQA's disagreement superseded it. A version has
 * at most one decision in force (each later decision on it follows a superseded sign-off, db/sql/006_reports.sql).
 */
export const decisionInForce = sql`not exists (select 1 from sign_off_supersessions s where s.report_decision_id = ${reportDecisions.id})`;

export function unitCompletion(s: Pick<SignOffState, 'signOffId' | 'countersignRequired' | 'countersigned'>) {
  if (!s.signOffId) return 'not_signed_off' as const;
  if (s.countersignRequired && !s.countersigned) return 'awaiting_countersignature' as const;
  return 'complete' as const;
}

/** The sign-off state of a unit for many learners in one statement. Callers authorize first. */
export async function signOffStates(
  db: DbOrTx,
  learnerIds: string[],
  moduleSlug: string,
): Promise<Map<string, SignOffState>> {
  const out = new Map<string, SignOffState>();
  const learners = [...new Set(learnerIds)];
  if (!learners.length) return out;
  for (const id of learners) if (!UUID_PATTERN.test(id)) throw new Error(`signOffStates: malformed id ${id}`);
  const ids = sql`${`{${learners.join(',')}}`}::uuid[]`;
  const rows = rowsOf<{
    learner_id: string;
    sign_off_id: string | null;
    superseded: boolean;
    required: boolean;
    countersigned: boolean;
  }>(
    await db.execute(sql`
    select l.id as learner_id, d.id as sign_off_id,
      d.id is null and exists (select 1 from sign_off_supersessions x
        where x.learner_id = l.id and x.module_slug = ${moduleSlug}) as superseded,
      exists (select 1 from cohort_members m join cohort_qa_settings s on s.cohort_id = m.cohort_id
              where m.learner_id = l.id and s.countersign_required) as required,
      exists (select 1 from report_countersignatures c where c.report_decision_id = d.id) as countersigned
    from unnest(${ids}) as l(id)
    -- Lateral, so each learner's sign-off is looked up by key (report_decisions_learner_idx): joined to a list of ids,
    -- PostgreSQL would rather read the whole table.
    left join lateral (select d.id from report_decisions d
      where d.learner_id = l.id and d.module_slug = ${moduleSlug} and d.outcome = 'signed_off'
        and not exists (select 1 from sign_off_supersessions x where x.report_decision_id = d.id)
      limit 1) d on true`),
  );
  for (const r of rows) {
    const state = {
      signOffId: r.sign_off_id,
      countersignRequired: Boolean(r.required),
      countersigned: Boolean(r.countersigned),
    };
    out.set(r.learner_id, { ...state, superseded: Boolean(r.superseded), completion: unitCompletion(state) });
  }
  return out;
}
