import 'server-only';
import { ensureBadgesAfter } from '@/lib/badges/badges';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, isUniqueViolation, type DbOrTx } from '@/db/client';
import { reportCountersignatures } from '@/db/schema';
import { audit } from '@/lib/audit';
import { keepProgressCurrent } from '@/lib/dashboards/progress-current';
import { getModule } from '@/lib/content';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { isUuid, uuidSchema } from '@/lib/ids';
import { authorizeIqaForLearner, type Actor } from '@/lib/permissions';
import { unitCompletion, type UnitCompletion } from '@/lib/progress/unit';
import { parseOrThrow } from '@/lib/validate';
import { checkbox } from './settings';
import { iso, query } from './shared';

/**
 * Countersigning (issue 20): where a cohort requires it (lib/qa/settings.ts), a signed-off unit counts as complete
 * only once an internal quality assurer of the learner's cohort countersigns the sign-off. The countersignature binds
 * the signed-off version's SHA-256, as the sign-off does: the IQA's form carries the hash they were shown, and the
 * server (and the database, db/sql/011_qa_countersign.sql) refuse it unless it is the version's. Refused for the IQA's
 * own sign-off, for a decision that is not a sign-off in force (a referral, or a sign-off superseded by an IQA's
 * disagreement), and twice. Never changed or removed.
 */

export const COUNTERSIGN_DECLARATION =
  'I have reviewed this sign-off and the report version it binds as the internal quality assurer, and I countersign it.';

export const countersignSchema = z.object({
  reportDecisionId: uuidSchema(),
  contentHash: z
    .string({ error: 'The form is missing the version’s hash: reload the page.' })
    .regex(/^[0-9a-f]{64}$/, 'The form’s version hash is not a SHA-256: reload the page.'),
  declared: checkbox,
});

interface SignOffRow {
  id: string;
  version_id: string;
  learner_id: string;
  module_slug: string;
  assessor_id: string;
  outcome: 'signed_off' | 'referred';
  content_hash: string;
  decided_at: Date | string;
  superseded: boolean;
  countersigned_at: Date | string | null;
  countersigned_by: string | null;
}

async function loadSignOff(db: DbOrTx, decisionId: string): Promise<SignOffRow | undefined> {
  const [row] = await query<SignOffRow>(
    db,
    sql`
    select d.id, d.version_id, d.learner_id, d.module_slug, d.assessor_id, d.outcome, d.content_hash, d.decided_at,
      exists (select 1 from sign_off_supersessions s where s.report_decision_id = d.id) as superseded,
      c.created_at as countersigned_at, u.name as countersigned_by
    from report_decisions d
    left join report_countersignatures c on c.report_decision_id = d.id left join users u on u.id = c.iqa_id
    where d.id = ${decisionId}`,
  );
  return row;
}

export async function countersign(
  actor: Actor,
  raw: unknown,
  db: DbOrTx = getDb(),
): Promise<{ id: string; completion: UnitCompletion }> {
  const input = parseOrThrow(countersignSchema, raw);
  const found = await loadSignOff(db, input.reportDecisionId);
  if (!found) throw new NotFoundError('We could not find that sign-off.');
  await authorizeIqaForLearner(actor, found.learner_id, 'qa.countersign', db);
  if (found.assessor_id === actor.id)
    throw new ForbiddenError('This is your own sign-off: another internal quality assurer must countersign it.');
  if (!input.declared)
    throw new ValidationError('Tick the declaration to countersign.', { declared: 'Tick the declaration.' });
  try {
    const out = await db.transaction(async (tx) => {
      // The judging lock orders this against a supersession or a new sign-off of the same unit.
      await tx.execute(sql`select criterion_judging_lock(${found.learner_id}::uuid, ${found.module_slug})`);
      const d = (await loadSignOff(tx, input.reportDecisionId))!;
      if (d.outcome !== 'signed_off')
        throw new ConflictError('This decision referred the report back: only a sign-off is countersigned.');
      if (d.superseded)
        throw new ConflictError(
          'This sign-off was superseded by an internal quality assurer’s disagreement: it is no longer in force, so it cannot be countersigned. Nothing was recorded.',
        );
      if (d.countersigned_at)
        throw new ConflictError(
          `${d.countersigned_by} already countersigned this sign-off on ${formatDateTime(new Date(d.countersigned_at))}. Nothing was changed.`,
        );
      if (input.contentHash !== d.content_hash)
        throw new ConflictError(
          'The version you were shown is not the signed-off version (its SHA-256 differs). Nothing was recorded: reload the page and review the report again.',
        );
      const [row] = await tx
        .insert(reportCountersignatures)
        .values({
          reportDecisionId: d.id,
          versionId: d.version_id,
          learnerId: d.learner_id,
          moduleSlug: d.module_slug,
          iqaId: actor.id,
          contentHash: input.contentHash,
          declaration: COUNTERSIGN_DECLARATION,
        })
        .returning({ id: reportCountersignatures.id });
      // The unit may now count as complete on the caseload.
      await keepProgressCurrent(tx, [d.learner_id]);
      await audit(tx, {
        actorId: actor.id,
        action: 'report.countersign',
        subjectType: 'report_decision',
        subjectId: d.id,
        learnerId: d.learner_id,
        after: {
          countersignatureId: row!.id,
          versionId: d.version_id,
          contentHash: input.contentHash,
          declaration: COUNTERSIGN_DECLARATION,
        },
      });
      return {
        id: row!.id,
        completion: unitCompletion({ signOffId: d.id, countersignRequired: true, countersigned: true }),
      };
    });
    // The countersignature may complete the unit: its badge is issued now (lib/badges).
    await ensureBadgesAfter(db, actor, found.learner_id, [found.module_slug]);
    return out;
  } catch (e) {
    if (isUniqueViolation(e))
      throw new ConflictError('Someone countersigned this sign-off at the same time. Nothing was changed: reload.');
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What the IQA reads before countersigning.

export interface SignOffForQa {
  decisionId: string;
  learner: { id: string; name: string };
  assessor: { id: string; name: string };
  unit: string;
  versionNumber: number;
  contentHash: string;
  countedWords: number;
  content: string;
  decidedAt: string;
  feedback: string;
  criteria: { acId: string; outcome: string; feedback: string }[];
  superseded: { at: string; by: string; reason: string; itemId: string } | null;
  countersignature: { by: string; at: string; contentHash: string } | null;
  countersignRequired: boolean;
  /** Sampled items about this sign-off (their verdict history is on the item view). */
  itemIds: string[];
  own: boolean;
  canCountersign: boolean;
}

export async function getSignOffForQa(actor: Actor, decisionId: string, db: DbOrTx = getDb()): Promise<SignOffForQa> {
  if (!isUuid(decisionId)) throw new NotFoundError('We could not find that sign-off.');
  const d = await loadSignOff(db, decisionId);
  if (!d || d.outcome !== 'signed_off') throw new NotFoundError('We could not find that sign-off.');
  const relation = await authorizeIqaForLearner(actor, d.learner_id, 'qa.sample.view', db);
  const [v] = await query<{
    number: number;
    content: string;
    counted_words: number;
    learner: string;
    assessor: string;
    feedback: string;
  }>(
    db,
    sql`
    select v.number, v.content, d.counted_words, l.name as learner, a.name as assessor, d.feedback
    from report_decisions d join report_versions v on v.id = d.version_id
    join users l on l.id = d.learner_id join users a on a.id = d.assessor_id where d.id = ${decisionId}`,
  );
  const criteria = await query<{ ac_id: string; outcome: string; feedback: string }>(
    db,
    sql`select ac_id, outcome, feedback from report_ac_judgements where decision_id = ${decisionId} order by ac_id`,
  );
  const [why] = await query<{ at: Date | string; iqa: string; feedback: string; item_id: string }>(
    db,
    sql`
    select s.created_at as at, u.name as iqa, q.feedback, q.item_id from sign_off_supersessions s
    join qa_decisions q on q.id = s.qa_decision_id join users u on u.id = s.superseded_by
    where s.report_decision_id = ${decisionId}`,
  );
  const items = await query<{ id: string }>(
    db,
    sql`select id from qa_sample_items where report_decision_id = ${decisionId} order by id`,
  );
  const [required] = await query<{ required: boolean }>(
    db,
    sql`
    select exists (select 1 from cohort_members m join cohort_qa_settings s on s.cohort_id = m.cohort_id
                   where m.learner_id = ${d.learner_id} and s.countersign_required) as required`,
  );
  const mod = getModule(d.module_slug);
  const countersignature = d.countersigned_at
    ? { by: d.countersigned_by!, at: iso(d.countersigned_at), contentHash: d.content_hash }
    : null;
  return {
    decisionId,
    learner: { id: d.learner_id, name: v!.learner },
    assessor: { id: d.assessor_id, name: v!.assessor },
    unit: mod ? `${mod.code} ${mod.title}` : d.module_slug,
    versionNumber: Number(v!.number),
    contentHash: d.content_hash,
    countedWords: Number(v!.counted_words),
    content: v!.content,
    decidedAt: iso(d.decided_at),
    feedback: v!.feedback,
    criteria: criteria.map((c) => ({ acId: c.ac_id, outcome: c.outcome, feedback: c.feedback })),
    superseded: why ? { at: iso(why.at), by: why.iqa, reason: why.feedback, itemId: why.item_id } : null,
    countersignature,
    countersignRequired: Boolean(required?.required),
    itemIds: items.map((i) => i.id),
    own: d.assessor_id === actor.id,
    canCountersign: relation === 'iqa' && d.assessor_id !== actor.id && !why && !countersignature,
  };
}

export interface AwaitingCountersignature {
  decisionId: string;
  learnerName: string;
  assessorName: string;
  unit: string;
  versionNumber: number;
  decidedAt: string;
  own: boolean;
}

/**
 * Sign-offs in force in a cohort that no IQA has countersigned yet, oldest first (for the IQA's home; the caller has
 * authorized the cohort). Listed whether or not the cohort requires countersigning: it matters only where it does.
 */
export async function awaitingCountersignature(
  db: DbOrTx,
  cohortId: string,
  actor: Actor,
): Promise<AwaitingCountersignature[]> {
  const rows = await query<{
    id: string;
    learner: string;
    assessor: string;
    assessor_id: string;
    module_slug: string;
    number: number;
    decided_at: Date | string;
  }>(
    db,
    sql`
    select d.id, l.name as learner, a.name as assessor, d.assessor_id, d.module_slug, v.number, d.decided_at
    from report_decisions d join report_versions v on v.id = d.version_id
    join users l on l.id = d.learner_id join users a on a.id = d.assessor_id
    where d.outcome = 'signed_off'
      and d.learner_id in (select m.learner_id from cohort_members m where m.cohort_id = ${cohortId})
      and not exists (select 1 from sign_off_supersessions s where s.report_decision_id = d.id)
      and not exists (select 1 from report_countersignatures c where c.report_decision_id = d.id)
    order by d.decided_at, d.id`,
  );
  return rows.map((r) => {
    const mod = getModule(r.module_slug);
    return {
      decisionId: r.id,
      learnerName: r.learner,
      assessorName: r.assessor,
      unit: mod ? mod.code : r.module_slug,
      versionNumber: Number(r.number),
      decidedAt: iso(r.decided_at),
      own: r.assessor_id === actor.id,
    };
  });
}
