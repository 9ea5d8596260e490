import 'server-only';
import { ensureBadgesAfter } from '@/lib/badges/badges';
import { currentWording } from '@/lib/content/wording';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { getDb } from '@/db/client';
import {
  evidence,
  evidenceCriteria,
  judgements,
  reportAcJudgements,
  reportAssessmentDrafts,
  reportDecisions,
  reportVersions,
} from '@/db/schema';
import { audit } from '@/lib/audit';
import { notify } from '@/lib/notifications/notify';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { authorize, type Actor } from '@/lib/permissions';
import { decisionInForce } from '@/lib/progress/unit';
import { confirmAllBlockers, referralProblems, signOffProblems } from './checks';
import { diffReports } from './diff';
import { linkedSections } from './sections';
import type { ReportCount } from '@/lib/wordcount';
import { rangeProblem } from './format';
import { measureReport } from './measure';
import { findDraft, learnerName, loadDecision, loadLearnerReport, loadVersion } from './repo';
import type { ConfirmAllInput, DecideInput, SaveAssessmentInput } from './schemas';
import {
  SIGNOFF_DECLARATION,
  type AssessmentData,
  type AssessmentDraftView,
  type AssessorReportView,
  type ReportUnit,
  type SignOffBasis,
} from './types';
import { allCriterionIds, allRangeIds, REPORT_MODULE_SLUG, reportUnit } from './unit';
import { keepProgressCurrent } from '@/lib/dashboards/progress-current';

/** Everything the assessment page shows: the newest version, what changed, and the assessor's notes. */
export async function getAssessorView(actor: Actor, learnerId: string): Promise<AssessorReportView> {
  const db = getDb();
  const relation = await authorize(actor, 'report.view', learnerId, db);
  const name = await learnerName(db, learnerId);
  if (!name) throw new NotFoundError('We could not find that learner.');
  const report = await loadLearnerReport(db, learnerId, name);
  const [newest, previous] = report.versions;
  const latest = newest ? await loadVersion(db, learnerId, newest.number, report.versions) : null;
  const prev = previous ? await loadVersion(db, learnerId, previous.number, report.versions) : null;
  const canAssess =
    relation === 'assessor' &&
    latest !== null &&
    latest.decision === null &&
    report.status !== 'signed_off' &&
    report.status !== 'awaiting_countersignature';
  return {
    report,
    latest,
    diffFromPrevious: latest && prev ? diffReports(prev.content, latest.content, prev.number, latest.number) : null,
    previousDecision: prev?.decisionDetail ?? null,
    assessmentDraft: canAssess ? await loadAssessmentDraft(db, learnerId, latest.id) : null,
    canAssess,
    basis: canAssess
      ? await loadBasis(db, learnerId, measureReport(latest.content, report.unit.rules).count, latest.sectionTags)
      : null,
  };
}

/** One submitted version with its decision and what changed since the one before. */
export async function getVersionView(actor: Actor, learnerId: string, number: number) {
  const db = getDb();
  await authorize(actor, 'report.view', learnerId, db);
  const name = await learnerName(db, learnerId);
  if (!name) throw new NotFoundError('We could not find that learner.');
  const version = await loadVersion(db, learnerId, number);
  if (!version) throw new NotFoundError(`There is no version ${number} of this report.`);
  const prev = number > 1 ? await loadVersion(db, learnerId, number - 1) : null;
  return {
    learner: { id: learnerId, name },
    unit: reportUnit(),
    version,
    diffFromPrevious: prev ? diffReports(prev.content, version.content, prev.number, version.number) : null,
  };
}

/**
 * Each criterion's basis for confirm-all: the counted sections of this version the learner linked to it, and the
 * learner's current (not superseded) evidence mapped to it. One query for the evidence, whatever the number of criteria.
 */
async function loadBasis(
  db: DbOrTx,
  learnerId: string,
  count: ReportCount,
  sectionTags: Record<string, string[]>,
): Promise<SignOffBasis> {
  const ids = allCriterionIds(reportUnit());
  const sections = linkedSections(count, sectionTags);
  const mapped = await db
    .select({ acId: evidenceCriteria.criterionId, id: evidence.id, title: evidence.title, kind: evidence.kind })
    .from(evidenceCriteria)
    .innerJoin(evidence, eq(evidence.id, evidenceCriteria.evidenceId))
    .where(
      and(
        eq(evidenceCriteria.learnerId, learnerId),
        inArray(evidenceCriteria.criterionId, ids),
        isNull(evidence.supersededBy),
      ),
    )
    .orderBy(evidence.occurredOn, evidence.id);
  return Object.fromEntries(
    ids.map((id) => [
      id,
      {
        sections: sections.get(id) ?? [],
        evidence: mapped.filter((m) => m.acId === id).map(({ id: eid, title, kind }) => ({ id: eid, title, kind })),
      },
    ]),
  );
}

async function loadAssessmentDraft(
  db: DbOrTx,
  learnerId: string,
  versionId: string,
): Promise<AssessmentDraftView | null> {
  const [row] = await db
    .select()
    .from(reportAssessmentDrafts)
    .where(and(eq(reportAssessmentDrafts.versionId, versionId), eq(reportAssessmentDrafts.learnerId, learnerId)));
  return row ? { version: row.version, data: row.data, updatedAt: row.updatedAt.toISOString() } : null;
}

function checkIds(unit: ReportUnit, data: AssessmentData): void {
  const acs = new Set(allCriterionIds(unit));
  const range = new Set(allRangeIds(unit));
  const badAc = [...Object.keys(data.acs), ...data.discussion.acIds].find((id) => !acs.has(id));
  if (badAc) throw new ValidationError(`"${badAc}" is not an assessment criterion of this unit.`);
  const badRange = Object.keys(data.range).find((id) => !range.has(id));
  if (badRange) throw new ValidationError(`"${badRange}" is not a range item of this unit.`);
}

/**
 * The version being decided, checked to be the newest, undecided, and exactly the text the assessor
 * was shown. Locks the learner's draft row so a submission cannot slip in between.
 */
async function lockDecidable(tx: DbOrTx, learnerId: string, versionId: string, contentHash?: string) {
  await findDraft(tx, learnerId, { lock: true });
  const [v] = await tx
    .select()
    .from(reportVersions)
    .where(
      and(
        eq(reportVersions.id, versionId),
        eq(reportVersions.learnerId, learnerId),
        eq(reportVersions.moduleSlug, REPORT_MODULE_SLUG),
      ),
    );
  if (!v) throw new NotFoundError('We could not find that version of the report.');
  const [newest] = await tx
    .select({ number: reportVersions.number })
    .from(reportVersions)
    .where(and(eq(reportVersions.learnerId, learnerId), eq(reportVersions.moduleSlug, REPORT_MODULE_SLUG)))
    .orderBy(desc(reportVersions.number))
    .limit(1);
  if (newest!.number !== v.number) {
    throw new ConflictError(
      `The learner submitted version ${newest!.number} after you opened version ${v.number}. Nothing was recorded: reload the page to assess the newest version.`,
    );
  }
  if (contentHash !== undefined && contentHash !== v.contentHash) {
    throw new ConflictError(
      `The text you were shown is not the stored version ${v.number}. Nothing was recorded: reload the page and read the report again before deciding.`,
    );
  }
  const decided = await loadDecision(tx, learnerId, v.id);
  if (decided) {
    const what = decided.outcome === 'signed_off' ? 'signed off' : 'referred back';
    throw new ConflictError(
      `Version ${v.number} was already ${what} by ${decided.assessorName} on ${formatDateTime(decided.decidedAt)}. Nothing was changed.`,
    );
  }
  // A version whose sign-off an IQA's disagreement superseded waits for the assessor again; the new decision names
  // the sign-off it follows (the newest superseded one without a successor), so the version's history is one chain.
  const [reopens] = await tx
    .select({ id: reportDecisions.id })
    .from(reportDecisions)
    .where(
      and(
        eq(reportDecisions.versionId, v.id),
        sql`not (${decisionInForce})`,
        sql`not exists (select 1 from report_decisions n where n.reopens_id = ${reportDecisions.id})`,
      ),
    )
    .limit(1);
  return { ...v, reopensId: reopens?.id ?? null };
}

/** Saves the assessor's notes on a version while they work (optimistic concurrency, like drafts). */
export async function saveAssessment(actor: Actor, input: SaveAssessmentInput): Promise<AssessmentDraftView> {
  const db = getDb();
  await authorize(actor, 'report.assess', input.learnerId, db);
  const unit = reportUnit();
  checkIds(unit, input.data);
  return db.transaction(async (tx) => {
    await lockDecidable(tx, input.learnerId, input.versionId);
    const current = await loadAssessmentDraft(tx, input.learnerId, input.versionId);
    const stale = () =>
      new ConflictError(
        'These assessment notes were changed in another tab since you opened them. Nothing was overwritten: reload to see the saved notes.',
        current,
      );
    let saved;
    if (!current) {
      if (input.version !== 0) throw stale();
      [saved] = await tx
        .insert(reportAssessmentDrafts)
        .values({ versionId: input.versionId, learnerId: input.learnerId, assessorId: actor.id, data: input.data })
        .onConflictDoNothing()
        .returning();
    } else {
      [saved] = await tx
        .update(reportAssessmentDrafts)
        .set({
          data: input.data,
          assessorId: actor.id,
          version: sql`${reportAssessmentDrafts.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(
          and(
            eq(reportAssessmentDrafts.versionId, input.versionId),
            eq(reportAssessmentDrafts.learnerId, input.learnerId),
            eq(reportAssessmentDrafts.version, input.version),
          ),
        )
        .returning();
    }
    if (!saved) throw stale();
    await audit(tx, {
      actorId: actor.id,
      action: 'report.assessment.save',
      subjectType: 'report_version',
      subjectId: input.versionId,
      learnerId: input.learnerId,
      before: current ? { version: current.version } : null,
      after: { version: saved.version, data: input.data },
    });
    return { version: saved.version, data: saved.data, updatedAt: saved.updatedAt.toISOString() };
  });
}

export interface DecisionResult {
  decisionId: string;
  outcome: 'referred' | 'signed_off';
  number: number;
  decidedAt: string;
  message: string;
}

/** The newest version, locked and exactly the text shown (lockDecidable), with its words recounted from the text. */
async function lockMeasured(
  tx: DbOrTx,
  input: { learnerId: string; versionId: string; contentHash: string },
  unit: ReturnType<typeof reportUnit>,
) {
  const v = await lockDecidable(tx, input.learnerId, input.versionId, input.contentHash);
  const { count, hash } = measureReport(v.content, unit.rules);
  if (hash !== v.contentHash) throw new Error(`report version ${v.id}: stored hash does not match its content`);
  return { v, count };
}

/**
 * Refers the newest version back or signs it off. The server re-checks everything: the assessor is
 * assigned, the version is the newest and exactly the text shown (hash), the word count (recounted)
 * is within the unit's range, and for a sign-off every criterion is met and every range item marked.
 */
export async function decide(actor: Actor, input: DecideInput): Promise<DecisionResult> {
  const db = getDb();
  await authorize(actor, 'report.assess', input.learnerId, db);
  const unit = reportUnit();
  checkIds(unit, input.data);
  const result = await db.transaction(async (tx) => {
    const { v, count } = await lockMeasured(tx, input, unit);
    const data = input.data;
    if (input.outcome === 'signed_off') {
      const range = rangeProblem(count.counted, unit.rules, unit.code, 'This report');
      if (range) throw new ValidationError(`${range} It cannot be signed off.`);
      const problems = signOffProblems(unit, data);
      if (problems.length) throw new ValidationError(problems[0]!, { form: problems.join('\n') });
      if (!input.declared) throw new ValidationError('Tick the declaration to sign the report off.');
    } else {
      const problems = referralProblems(unit, data);
      if (problems.length) throw new ValidationError(problems[0]!, { form: problems.join('\n') });
    }

    return recordDecision(tx, actor, v, count.counted, { learnerId: input.learnerId, outcome: input.outcome, data });
  });
  // A sign-off may complete the unit (unless a countersignature is still required): its badge is issued now.
  if (result.outcome === 'signed_off') await ensureBadgesAfter(db, actor, input.learnerId, [REPORT_MODULE_SLUG]);
  return result;
}

/**
 * Confirm-all (issue 24): signs off the newest version in one step, recording each criterion as its own decision exactly
 * as decide() does (a judgement and a link row per criterion, the sign-off bound to the version's hash, one audit row),
 * from the data the assessor was shown. The server refuses it when the version changed since the page was opened, when
 * a criterion has no linked section and no mapped evidence, or when any rule of a sign-off is not met. One transaction:
 * nothing is written unless everything is.
 */
export async function confirmAll(actor: Actor, input: ConfirmAllInput): Promise<DecisionResult> {
  const db = getDb();
  await authorize(actor, 'report.assess', input.learnerId, db);
  const unit = reportUnit();
  checkIds(unit, input.data);
  const result = await db.transaction(async (tx) => {
    const { v, count } = await lockMeasured(tx, input, unit);
    const range = rangeProblem(count.counted, unit.rules, unit.code, 'This report');
    if (range) throw new ValidationError(`${range} It cannot be signed off.`);
    const basis = await loadBasis(tx, input.learnerId, count, v.sectionTags);
    const problems = [...confirmAllBlockers(unit, basis, input.data), ...signOffProblems(unit, input.data)];
    if (problems.length) {
      throw new ValidationError(`${problems[0]!} Nothing was recorded.`, { form: problems.join('\n') });
    }
    const confirmed = Object.fromEntries(
      allCriterionIds(unit).map((id) => [
        id,
        { sections: basis[id]!.sections.map((s) => s.heading), evidence: basis[id]!.evidence.map((e) => e.id) },
      ]),
    );
    return recordDecision(tx, actor, v, count.counted, {
      learnerId: input.learnerId,
      outcome: 'signed_off',
      data: input.data,
      confirmAll: confirmed,
    });
  });
  await ensureBadgesAfter(db, actor, input.learnerId, [REPORT_MODULE_SLUG]);
  return result;
}

/**
 * Writes one decision on a locked, checked version: each judged criterion as its own judgement (the shared table that
 * holds its status) and link row (citing this version), the decision bound to the version's hash and counted words, the
 * caseload's figures, one audit row and the learner's notification. decide() and confirmAll() both end here, so the
 * fast path records exactly what the slow one does.
 */
async function recordDecision(
  tx: DbOrTx,
  actor: Actor,
  v: { id: string; number: number; contentHash: string; reopensId: string | null },
  countedWords: number,
  input: {
    learnerId: string;
    outcome: 'referred' | 'signed_off';
    data: AssessmentData;
    /** Set by confirm-all: what each criterion's "met" pointed at when the assessor confirmed them all. */
    confirmAll?: Record<string, { sections: string[]; evidence: string[] }>;
  },
): Promise<DecisionResult> {
  const unit = reportUnit();
  const data = input.data;
  const count = { counted: countedWords };
  const judged = allCriterionIds(unit)
    .map((acId) => ({ acId, ...data.acs[acId] }))
    .filter((j): j is { acId: string; outcome: 'met' | 'not_yet_met'; feedback?: string } => Boolean(j.outcome));
  // The shared judgements table holds each criterion's status; the link rows cite this version. The judgements
  // go in before the decision: once a sign-off exists the database refuses any further judgement of the unit
  // (db/sql/007_signed_off_criteria.sql), and only this decision's own links may follow it.
  const rows =
    judged.length === 0
      ? []
      : await tx
          .insert(judgements)
          .values(
            judged.map((j) => ({
              learnerId: input.learnerId,
              criterionId: j.acId,
              moduleSlug: REPORT_MODULE_SLUG,
              outcome: j.outcome,
              feedback: j.feedback?.trim() ?? '',
              assessorId: actor.id,
              criterionHash: currentWording(j.acId) ?? null,
            })),
          )
          .returning({ id: judgements.id, criterionId: judgements.criterionId });

  const [decision] = await tx
    .insert(reportDecisions)
    .values({
      versionId: v.id,
      learnerId: input.learnerId,
      moduleSlug: REPORT_MODULE_SLUG,
      assessorId: actor.id,
      outcome: input.outcome,
      feedback: data.feedback.trim(),
      rangeMarks: data.range,
      discussion: {
        heldOn: data.discussion.heldOn || undefined,
        acIds: data.discussion.acIds,
        notes: data.discussion.notes.trim(),
      },
      declaration: input.outcome === 'signed_off' ? SIGNOFF_DECLARATION : null,
      contentHash: v.contentHash,
      countedWords: count.counted,
      reopensId: v.reopensId,
    })
    .returning();

  if (judged.length) {
    const idOf = new Map(rows.map((r) => [r.criterionId, r.id]));
    await tx.insert(reportAcJudgements).values(
      judged.map((j) => ({
        decisionId: decision!.id,
        judgementId: idOf.get(j.acId)!,
        versionId: v.id,
        learnerId: input.learnerId,
        acId: j.acId,
        outcome: j.outcome,
        feedback: j.feedback?.trim() ?? '',
        assessorId: actor.id,
      })),
    );
  }

  // The caseload's figures change with this write (the judgements, and whether the unit is complete or awaits a
  // countersignature): recomputed in the same transaction, once the decision is there (progress-current.ts).
  await keepProgressCurrent(tx, [input.learnerId]);

  await audit(tx, {
    actorId: actor.id,
    action: input.outcome === 'signed_off' ? 'report.signoff' : 'report.refer',
    subjectType: 'report_version',
    subjectId: v.id,
    learnerId: input.learnerId,
    after: {
      decisionId: decision!.id,
      reopensId: v.reopensId,
      number: v.number,
      outcome: input.outcome,
      contentHash: v.contentHash,
      countedWords: count.counted,
      feedback: decision!.feedback,
      judgements: judged.map((j) => [j.acId, j.outcome]),
      declaration: decision!.declaration,
      ...(input.confirmAll ? { via: 'confirm_all', basis: input.confirmAll } : {}),
    },
  });
  await notify(tx, {
    recipientId: input.learnerId,
    kind: 'report_decided',
    title:
      input.outcome === 'signed_off'
        ? `Your report (version ${v.number}) is signed off`
        : `Your report (version ${v.number}) was referred back: read the feedback`,
    link: `/learner/report/versions/${v.number}`,
  });
  const message =
    input.outcome === 'signed_off'
      ? `Version ${v.number} is signed off. The learner can see it and can no longer change the report.`
      : `Version ${v.number} was referred back. The learner can see your feedback and revise the report.`;
  return {
    decisionId: decision!.id,
    outcome: input.outcome,
    number: v.number,
    decidedAt: decision!.decidedAt.toISOString(),
    message,
  };
}
