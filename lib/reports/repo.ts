import 'server-only';
import { and, asc, desc, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import {
  reportAcJudgements,
  reportDecisions,
  reportDrafts,
  reportUploads,
  reportVersions,
  users,
  type ReportDraftRow,
} from '@/db/schema';
import { sha256Hex } from '@/lib/hash';
import { decisionInForce as inForce, signOffStates } from '@/lib/progress/unit';
import { REPORT_MODULE_SLUG, reportUnit } from './unit';
import type {
  DecisionView,
  DraftView,
  LearnerReport,
  ReportStatus,
  SupersededSignOff,
  UploadInfo,
  VersionSummary,
  VersionView,
} from './types';

/**
 * Reads for the report area. No permission checks here: callers in drafts/submit/assess authorize first.
 * Every query is scoped by learner in its WHERE clause, so a missed check still cannot mix learners.
 */

export async function findDraft(
  db: DbOrTx,
  learnerId: string,
  opts: { lock?: boolean } = {},
): Promise<ReportDraftRow | undefined> {
  const q = db
    .select()
    .from(reportDrafts)
    .where(and(eq(reportDrafts.learnerId, learnerId), eq(reportDrafts.moduleSlug, REPORT_MODULE_SLUG)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

async function uploadInfo(db: DbOrTx, learnerId: string, uploadId: string | null): Promise<UploadInfo | null> {
  if (!uploadId) return null;
  const [u] = await db
    .select({ id: reportUploads.id, fileName: reportUploads.fileName, byteSize: reportUploads.byteSize })
    .from(reportUploads)
    .where(and(eq(reportUploads.id, uploadId), eq(reportUploads.learnerId, learnerId)));
  return u ?? null;
}

export async function draftView(db: DbOrTx, row: ReportDraftRow): Promise<DraftView> {
  return {
    version: row.version,
    content: row.content,
    sectionTags: row.sectionTags,
    source: row.source,
    upload: await uploadInfo(db, row.learnerId, row.uploadId),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Version summaries, newest first, with who decided what. */
export async function listVersions(db: DbOrTx, learnerId: string): Promise<VersionSummary[]> {
  const rows = await db
    .select({
      id: reportVersions.id,
      number: reportVersions.number,
      submittedAt: reportVersions.submittedAt,
      countedWords: reportVersions.countedWords,
      totalWords: reportVersions.totalWords,
      contentHash: reportVersions.contentHash,
      outcome: reportDecisions.outcome,
      decidedAt: reportDecisions.decidedAt,
      assessorName: users.name,
    })
    .from(reportVersions)
    .leftJoin(
      reportDecisions,
      and(eq(reportDecisions.versionId, reportVersions.id), eq(reportDecisions.learnerId, learnerId), inForce),
    )
    .leftJoin(users, eq(users.id, reportDecisions.assessorId))
    .where(and(eq(reportVersions.learnerId, learnerId), eq(reportVersions.moduleSlug, REPORT_MODULE_SLUG)))
    .orderBy(desc(reportVersions.number));
  return rows.map((r, i) => ({
    id: r.id,
    number: r.number,
    submittedAt: r.submittedAt.toISOString(),
    countedWords: r.countedWords,
    totalWords: r.totalWords,
    contentHash: r.contentHash,
    decision: r.outcome
      ? { outcome: r.outcome, decidedAt: r.decidedAt!.toISOString(), assessorName: r.assessorName ?? 'Assessor' }
      : null,
    superseded: i > 0 && !r.outcome,
  }));
}

export async function loadDecision(db: DbOrTx, learnerId: string, versionId: string): Promise<DecisionView | null> {
  const [d] = await db
    .select({ decision: reportDecisions, assessorName: users.name })
    .from(reportDecisions)
    .innerJoin(users, eq(users.id, reportDecisions.assessorId))
    .where(and(eq(reportDecisions.versionId, versionId), eq(reportDecisions.learnerId, learnerId), inForce));
  if (!d) return null;
  return decisionView(db, learnerId, d);
}

async function decisionView(
  db: DbOrTx,
  learnerId: string,
  d: { decision: typeof reportDecisions.$inferSelect; assessorName: string },
): Promise<DecisionView> {
  const judgements = await db
    .select({
      acId: reportAcJudgements.acId,
      outcome: reportAcJudgements.outcome,
      feedback: reportAcJudgements.feedback,
    })
    .from(reportAcJudgements)
    .where(and(eq(reportAcJudgements.decisionId, d.decision.id), eq(reportAcJudgements.learnerId, learnerId)))
    .orderBy(asc(reportAcJudgements.acId));
  const [c] = rowsOf<{ iqa: string; created_at: Date | string; content_hash: string }>(
    await db.execute(sql`
    select u.name as iqa, c.created_at, c.content_hash from report_countersignatures c join users u on u.id = c.iqa_id
    where c.report_decision_id = ${d.decision.id}`),
  );
  return {
    id: d.decision.id,
    outcome: d.decision.outcome,
    feedback: d.decision.feedback,
    assessorName: d.assessorName,
    decidedAt: d.decision.decidedAt.toISOString(),
    declaration: d.decision.declaration,
    countedWords: d.decision.countedWords,
    contentHash: d.decision.contentHash,
    acJudgements: judgements,
    rangeMarks: d.decision.rangeMarks,
    discussion: d.decision.discussion,
    countersignature: c
      ? { iqaName: c.iqa, at: new Date(c.created_at).toISOString(), contentHash: c.content_hash }
      : null,
  };
}

export async function loadVersion(
  db: DbOrTx,
  learnerId: string,
  number: number,
  summaries?: VersionSummary[],
): Promise<VersionView | null> {
  const [v] = await db
    .select()
    .from(reportVersions)
    .where(
      and(
        eq(reportVersions.learnerId, learnerId),
        eq(reportVersions.moduleSlug, REPORT_MODULE_SLUG),
        eq(reportVersions.number, number),
      ),
    );
  if (!v) return null;
  const list = summaries ?? (await listVersions(db, learnerId));
  const summary = list.find((s) => s.id === v.id)!;
  return {
    ...summary,
    content: v.content,
    excluded: v.excluded,
    sectionTags: v.sectionTags,
    declaration: v.declaration,
    upload: await uploadInfo(db, learnerId, v.uploadId),
    decisionDetail: await loadDecision(db, learnerId, v.id),
    supersededSignOffs: await supersededSignOffs(db, learnerId, v.id),
  };
}

export async function learnerName(db: DbOrTx, learnerId: string): Promise<string | null> {
  const [u] = await db.select({ name: users.name, role: users.role }).from(users).where(eq(users.id, learnerId));
  return u && u.role === 'learner' ? u.name : null;
}

/**
 * Sign-offs of a version that an IQA's disagreement superseded, oldest first, each with the disagreement that did it:
 * kept on the record and shown beside the decision in force (issue 20).
 */
async function supersededSignOffs(db: DbOrTx, learnerId: string, versionId: string): Promise<SupersededSignOff[]> {
  const rows = await db
    .select({ decision: reportDecisions, assessorName: users.name })
    .from(reportDecisions)
    .innerJoin(users, eq(users.id, reportDecisions.assessorId))
    .where(
      and(eq(reportDecisions.versionId, versionId), eq(reportDecisions.learnerId, learnerId), sql`not (${inForce})`),
    )
    .orderBy(asc(reportDecisions.decidedAt));
  const out = [];
  for (const r of rows) {
    const [why] = rowsOf<{ at: Date | string; iqa: string; feedback: string; item_id: string }>(
      await db.execute(sql`
      select s.created_at as at, u.name as iqa, q.feedback, q.item_id
      from sign_off_supersessions s join qa_decisions q on q.id = s.qa_decision_id join users u on u.id = s.superseded_by
      where s.report_decision_id = ${r.decision.id}`),
    );
    out.push({
      decision: await decisionView(db, learnerId, r),
      supersededAt: new Date(why!.at).toISOString(),
      supersededBy: why!.iqa,
      reason: why!.feedback,
      itemId: why!.item_id,
    });
  }
  return out;
}

function statusOf(
  draft: DraftView | null,
  versions: VersionSummary[],
  completion: 'not_signed_off' | 'awaiting_countersignature' | 'complete',
): ReportStatus {
  const latest = versions[0];
  if (completion === 'awaiting_countersignature') return 'awaiting_countersignature';
  if (completion === 'complete') return 'signed_off';
  if (latest && !latest.decision) return 'submitted';
  if (latest?.decision?.outcome === 'referred') return 'referred';
  return draft && draft.content.trim() ? 'draft' : 'not_started';
}

export async function loadLearnerReport(db: DbOrTx, learnerId: string, name: string): Promise<LearnerReport> {
  const row = await findDraft(db, learnerId);
  const draft = row ? await draftView(db, row) : null;
  const versions = await listVersions(db, learnerId);
  const latest = versions[0];
  const decided = versions.find((v) => v.decision);
  return {
    learner: { id: learnerId, name },
    unit: reportUnit(),
    status: statusOf(
      draft,
      versions,
      (await signOffStates(db, [learnerId], REPORT_MODULE_SLUG)).get(learnerId)!.completion,
    ),
    draft,
    versions,
    draftMatchesLatest: Boolean(latest && row && sha256Hex(row.content) === latest.contentHash),
    latestDecision: decided ? await loadDecision(db, learnerId, decided.id) : null,
  };
}

/**
 * Report state of many learners at once (a fixed number of queries, whatever the count). `scope` says which
 * learners' rows to read, as a condition on a learner-id column: the staff list passes the gate's learnerScope, so
 * PostgreSQL starts from the member of staff's own assignments and reads their learners' drafts and versions by key
 * (with a list of ids instead it read both tables whole once they were small enough). Rows of learners outside
 * `learnerIds` are ignored.
 */
export async function reportStates(
  db: DbOrTx,
  learnerIds: string[],
  scope: (learnerId: AnyColumn) => SQL = (column) => inArray(column, learnerIds),
) {
  if (learnerIds.length === 0)
    return new Map<
      string,
      { draftWords: boolean; latest: VersionSummary | null; signedOff: boolean; awaitingCountersignature: boolean }
    >();
  const drafts = await db
    .select({ learnerId: reportDrafts.learnerId, content: reportDrafts.content, updatedAt: reportDrafts.updatedAt })
    .from(reportDrafts)
    .where(and(scope(reportDrafts.learnerId), eq(reportDrafts.moduleSlug, REPORT_MODULE_SLUG)));
  const versions = await db
    .select({
      learnerId: reportVersions.learnerId,
      id: reportVersions.id,
      number: reportVersions.number,
      submittedAt: reportVersions.submittedAt,
      countedWords: reportVersions.countedWords,
      totalWords: reportVersions.totalWords,
      contentHash: reportVersions.contentHash,
      outcome: reportDecisions.outcome,
      decidedAt: reportDecisions.decidedAt,
    })
    .from(reportVersions)
    .leftJoin(reportDecisions, and(eq(reportDecisions.versionId, reportVersions.id), inForce))
    .where(and(scope(reportVersions.learnerId), eq(reportVersions.moduleSlug, REPORT_MODULE_SLUG)))
    .orderBy(desc(reportVersions.number));
  const out = new Map<
    string,
    {
      draftWords: boolean;
      latest: VersionSummary | null;
      signedOff: boolean;
      awaitingCountersignature: boolean;
      draftUpdatedAt?: string;
    }
  >();
  const completion = await signOffStates(db, learnerIds, REPORT_MODULE_SLUG);
  for (const id of learnerIds)
    out.set(id, {
      draftWords: false,
      latest: null,
      signedOff: false,
      awaitingCountersignature: completion.get(id)?.completion === 'awaiting_countersignature',
    });
  for (const d of drafts) {
    const s = out.get(d.learnerId);
    if (!s) continue;
    s.draftWords = d.content.trim().length > 0;
    s.draftUpdatedAt = d.updatedAt.toISOString();
  }
  for (const v of versions) {
    const s = out.get(v.learnerId);
    if (!s) continue;
    if (v.outcome === 'signed_off') s.signedOff = true;
    if (!s.latest) {
      s.latest = {
        id: v.id,
        number: v.number,
        submittedAt: v.submittedAt.toISOString(),
        countedWords: v.countedWords,
        totalWords: v.totalWords,
        contentHash: v.contentHash,
        decision: v.outcome ? { outcome: v.outcome, decidedAt: v.decidedAt!.toISOString(), assessorName: '' } : null,
        superseded: false,
      };
    }
  }
  return out;
}
