import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { assessableItems, listModules } from '@/lib/content';
import type { CriterionStatus, ItemStatus, LatestJudgement, ModuleProgress } from './types';
import { UUID_PATTERN } from '@/lib/ids';

export type { CriterionStatus, ItemStatus, LatestJudgement, ModuleProgress } from './types';

/**
 * THE status of each criterion for each learner, computed here and nowhere else:
 *   met              the newest judgement says met (evidence added later does not undo a decision);
 *   evidence submitted  current evidence is mapped and is newer than the newest judgement, or was never judged;
 *   not yet met      the newest judgement says not yet met and nothing newer has been submitted;
 *   no evidence      nothing mapped and never judged.
 * "Newer" compares positions in criterion_activity_seq, which every evidence save, mapping and
 * judgement draws from, so decisions and submissions in the same second are still ordered.
 */
export function decideStatus(
  latest: LatestJudgement | undefined,
  evidenceCount: number,
  lastEvidenceSeq: number | undefined,
): CriterionStatus {
  if (latest?.outcome === 'met') return 'met';
  if (evidenceCount > 0 && (!latest || (lastEvidenceSeq ?? 0) > latest.seq)) return 'evidence_submitted';
  if (latest) return 'not_yet_met';
  return 'no_evidence';
}

const ITEM_ID = /^[a-z0-9][a-z0-9./_-]*$/i;

/** One array parameter, whatever the number of ids: the statement is the same for 1 or 10,000 learners. */
function arrayLiteral(values: string[], pattern: RegExp): string {
  for (const v of values) if (!pattern.test(v)) throw new Error(`criterionStatuses: malformed id ${JSON.stringify(v)}`);
  return `{${values.map((v) => `"${v}"`).join(',')}}`;
}

let allIds: string[] | undefined;
/** Every assessable item of every module, in document order. */
export function allAssessableIds(): string[] {
  allIds ??= listModules().flatMap((m) => assessableItems(m.slug).map((i) => i.id));
  return allIds;
}

const NO_EVIDENCE: ItemStatus = Object.freeze({ status: 'no_evidence', evidenceCount: 0 }) as ItemStatus;

interface JudgementRow extends Record<string, unknown> {
  learner_id: string;
  criterion_id: string;
  id: string;
  outcome: 'met' | 'not_yet_met';
  feedback: string;
  assessor_id: string;
  assessor_name: string;
  created_at: string | Date;
  evidence_ids: string[] | string;
  activity_seq: string | number;
}
interface EvidenceRow extends Record<string, unknown> {
  learner_id: string;
  criterion_id: string;
  n: string | number;
  last_seq: string | number;
}

/** Drivers differ: postgres-js parses uuid[] to an array, PGlite may too; accept the text form as well. */
function uuidArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  return v
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}

/**
 * Status of each requested item for each learner: Map learnerId -> Map itemId -> ItemStatus.
 * Exactly two queries, whatever the number of learners or items. Items default to every assessable
 * item of every module; learners with nothing recorded get an entry too.
 * Callers authorize first: this reads whatever learners it is given.
 */
export async function criterionStatuses(
  db: DbOrTx,
  learnerIds: string[],
  itemIds?: string[],
): Promise<Map<string, Map<string, ItemStatus>>> {
  const result = new Map<string, Map<string, ItemStatus>>();
  const learners = [...new Set(learnerIds)];
  const items = itemIds ? [...new Set(itemIds)] : allAssessableIds();
  if (learners.length === 0) return result;
  const learnerArray = arrayLiteral(learners, UUID_PATTERN);
  const itemFilter = itemIds ? sql`and criterion_id = any(${arrayLiteral(items, ITEM_ID)}::text[])` : sql``;

  const judgementRows = rowsOf<JudgementRow>(
    await db.execute<JudgementRow>(sql`
    select distinct on (j.learner_id, j.criterion_id)
      j.learner_id, j.criterion_id, j.id, j.outcome, j.feedback, j.assessor_id, u.name as assessor_name,
      j.created_at, j.evidence_ids, j.activity_seq
    from judgements j join users u on u.id = j.assessor_id
    where j.learner_id = any(${learnerArray}::uuid[]) ${itemFilter}
    order by j.learner_id, j.criterion_id, j.activity_seq desc`),
  );

  const evidenceRows = rowsOf<EvidenceRow>(
    await db.execute<EvidenceRow>(sql`
    select ec.learner_id, ec.criterion_id, count(*) as n, max(greatest(ec.activity_seq, e.activity_seq)) as last_seq
    from evidence_criteria ec join evidence e on e.id = ec.evidence_id
    where ec.learner_id = any(${learnerArray}::uuid[]) and e.superseded_by is null ${itemFilter}
    group by ec.learner_id, ec.criterion_id`),
  );

  const latest = new Map<string, LatestJudgement>();
  for (const r of judgementRows) {
    latest.set(`${r.learner_id}|${r.criterion_id}`, {
      id: r.id,
      outcome: r.outcome,
      feedback: r.feedback,
      assessorId: r.assessor_id,
      assessorName: r.assessor_name,
      at: new Date(r.created_at),
      evidenceIds: uuidArray(r.evidence_ids),
      seq: Number(r.activity_seq),
    });
  }
  const evidence = new Map<string, { n: number; last: number }>();
  for (const r of evidenceRows)
    evidence.set(`${r.learner_id}|${r.criterion_id}`, { n: Number(r.n), last: Number(r.last_seq) });

  for (const learnerId of learners) {
    const perItem = new Map<string, ItemStatus>();
    for (const itemId of items) {
      const key = `${learnerId}|${itemId}`;
      const j = latest.get(key);
      const ev = evidence.get(key);
      if (!j && !ev) {
        perItem.set(itemId, NO_EVIDENCE);
        continue;
      }
      perItem.set(itemId, {
        status: decideStatus(j, ev?.n ?? 0, ev?.last),
        ...(j && { latestJudgement: j }),
        evidenceCount: ev?.n ?? 0,
        ...(ev && { lastEvidenceSeq: ev.last }),
      });
    }
    result.set(learnerId, perItem);
  }
  return result;
}

/** Counts for one learner and one module, from criterionStatuses' map for that learner. */
export function moduleProgress(statuses: Map<string, ItemStatus> | undefined, slug: string): ModuleProgress {
  const out: ModuleProgress = { total: 0, met: 0, notYetMet: 0, submitted: 0, noEvidence: 0 };
  for (const item of assessableItems(slug)) {
    out.total += 1;
    const status = statuses?.get(item.id)?.status ?? 'no_evidence';
    if (status === 'met') out.met += 1;
    else if (status === 'not_yet_met') out.notYetMet += 1;
    else if (status === 'evidence_submitted') out.submitted += 1;
    else out.noEvidence += 1;
  }
  return out;
}
