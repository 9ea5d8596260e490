import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { enrolments, evidenceFiles, users, worksheetSubmissions } from '@/db/schema';
import { assessableItems, getItem, getModule, type WorksheetSection } from '@/lib/content';
import { NotFoundError } from '@/lib/errors';
import { criterionLabel } from '@/lib/dashboards/labels';
import { describeItem } from '@/lib/evidence/criteria';
import { evidenceSummaries, judgementHistory } from '@/lib/evidence/history';
import { KIND_INFO, type EvidenceKindId } from '@/lib/evidence/kinds';
import { assignedStaff, authorize, type Actor } from '@/lib/permissions';
import { isUuid } from '@/lib/ids';
import { criterionStatuses, moduleProgress } from '@/lib/progress/status';
import { listVersions, loadDecision } from '@/lib/reports/repo';
import { REPORT_MODULE_SLUG, reportUnit } from '@/lib/reports/unit';
import { readHistory } from '@/lib/worksheets/submissions';
import type {
  ExportCriterion,
  ExportEvidence,
  ExportReportVersion,
  ExportWorksheetSubmission,
  PortfolioExport,
} from './types';

/**
 * The whole record of one learner on one module, for external quality assurance: each criterion with its evidence
 * and every judgement (who, when, what), report versions with word counts and the sign-off with its hash, worksheet
 * hand-ins with the coach's comments. Only the learner, their assessor, their coach and admins (POLICY export.view).
 */
export async function portfolioExport(
  actor: Actor & { name?: string },
  learnerId: string,
  slug: string,
  db: DbOrTx = getDb(),
): Promise<PortfolioExport> {
  if (!isUuid(learnerId)) throw new NotFoundError('We could not find that learner.');
  await authorize(actor, 'export.view', learnerId, db);
  const mod = getModule(slug);
  if (!mod) throw new NotFoundError('There is no module at this address.');
  const [learner] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.id, learnerId));
  if (!learner || learner.role !== 'learner') throw new NotFoundError('We could not find that learner.');
  const [enrolled] = await db
    .select({ slug: enrolments.moduleSlug })
    .from(enrolments)
    .where(and(eq(enrolments.learnerId, learnerId), eq(enrolments.moduleSlug, slug)));
  if (!enrolled) throw new NotFoundError(`${learner.name} is not enrolled on ${mod.code} ${mod.title}.`);

  const items = assessableItems(slug);
  const ids = items.map((i) => i.id);
  const [me, staff, statusMap, allEvidence, history, files] = await Promise.all([
    db.select({ name: users.name }).from(users).where(eq(users.id, actor.id)),
    assignedStaff(db, learnerId),
    criterionStatuses(db, [learnerId], ids),
    evidenceSummaries(db, learnerId),
    judgementHistory(db, learnerId, ids),
    db
      .select({ id: evidenceFiles.id, sha256: evidenceFiles.sha256 })
      .from(evidenceFiles)
      .where(eq(evidenceFiles.learnerId, learnerId)),
  ]);
  const statuses = statusMap.get(learnerId);
  const sha = new Map(files.map((f) => [f.id, f.sha256]));

  const criteria: ExportCriterion[] = items.map((item) => {
    const d = describeItem(item.id);
    const evidence: ExportEvidence[] = allEvidence
      .filter((e) => e.criteria.some((c) => c.id === item.id))
      .map((e) => ({
        id: e.id,
        kind: e.kind,
        kindLabel: KIND_INFO[e.kind as EvidenceKindId]?.label ?? e.kind,
        title: e.title,
        occurredOn: e.occurredOn,
        recordedBy: e.authorName,
        recordedAt: e.createdAt,
        description: e.description,
        text: e.body,
        url: e.url,
        witness: e.witness,
        file: e.file
          ? {
              name: e.file.name,
              sizeBytes: e.file.sizeBytes,
              contentType: e.file.contentType,
              sha256: sha.get(e.file.id) ?? '',
            }
          : null,
        version: e.version,
        rationale: e.criteria.find((c) => c.id === item.id)?.note ?? '',
      }));
    return {
      id: item.id,
      label: criterionLabel(item),
      text: d.text,
      group: d.group,
      status: statuses?.get(item.id)?.status ?? 'no_evidence',
      evidence,
      judgements: (history.get(item.id) ?? []).map((j) => ({
        outcome: j.outcome,
        feedback: j.feedback,
        assessor: j.assessorName,
        at: j.at,
        citedEvidence: j.cited,
        learnerReplies: j.responses.map((r) => ({ note: r.note, by: r.authorName, at: r.at })),
      })),
    };
  });

  return {
    format: 'criterion-portfolio-export',
    formatVersion: 1,
    generatedAt: new Date().toISOString(),
    generatedBy: { name: me[0]?.name ?? '', role: actor.role },
    learner: { id: learner.id, name: learner.name, email: learner.email },
    module: { slug: mod.slug, code: mod.code, title: mod.title, kind: mod.kind },
    staff: {
      assessors: staff.filter((s) => s.role === 'assessor').map((s) => s.name),
      coaches: staff.filter((s) => s.role === 'coach').map((s) => s.name),
    },
    summary: moduleProgress(statuses, slug),
    criteria,
    report: slug === REPORT_MODULE_SLUG ? await reportRecord(db, learnerId) : null,
    worksheet: mod.worksheet
      ? { submissions: await worksheetRecord(db, learnerId, slug, mod.worksheet.sections) }
      : null,
  };
}

async function reportRecord(db: DbOrTx, learnerId: string): Promise<NonNullable<PortfolioExport['report']>> {
  const unit = reportUnit();
  const versions = await listVersions(db, learnerId);
  const out: ExportReportVersion[] = [];
  // Oldest first reads as a history; each decided version has one decision (a handful of versions at most).
  for (const v of [...versions].reverse()) {
    const d = v.decision ? await loadDecision(db, learnerId, v.id) : null;
    out.push({
      number: v.number,
      submittedAt: v.submittedAt,
      countedWords: v.countedWords,
      totalWords: v.totalWords,
      contentHash: v.contentHash,
      decision: d
        ? {
            outcome: d.outcome,
            assessor: d.assessorName,
            decidedAt: d.decidedAt,
            feedback: d.feedback,
            declaration: d.declaration,
            contentHash: d.contentHash,
            countedWords: d.countedWords,
            criteria: d.acJudgements.map((j) => {
              const item = getItem(j.acId);
              return {
                acId: j.acId,
                label: item ? criterionLabel(item) : j.acId,
                outcome: j.outcome,
                feedback: j.feedback,
              };
            }),
          }
        : null,
    });
  }
  return {
    minWords: unit.rules.minWords,
    maxWords: unit.rules.maxWords,
    versions: out,
    signedOff: out.find((v) => v.decision?.outcome === 'signed_off') ?? null,
  };
}

/** Worksheet answers as plain lines, section by section, in the worksheet's own order. */
export function answerLines(section: WorksheetSection, value: unknown): string[] {
  if (section.kind === 'reflection') return typeof value === 'string' && value.trim() ? value.split(/\r?\n/) : [];
  if (section.kind === 'checklist') {
    const ticks = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, boolean>) : {};
    return section.items.map((i) => `${ticks[i.id] ? '[x]' : '[ ]'} ${i.text}`);
  }
  const rows = Array.isArray(value) ? (value as { cells?: Record<string, string> }[]) : [];
  return rows.map((r) => section.columns.map((c) => `${c.label}: ${r.cells?.[c.id] ?? ''}`).join(' | '));
}

async function worksheetRecord(
  db: DbOrTx,
  learnerId: string,
  slug: string,
  sections: WorksheetSection[],
): Promise<ExportWorksheetSubmission[]> {
  const history = await readHistory(db, learnerId, slug);
  if (!history.submissions.length) return [];
  const answers = await db
    .select({ id: worksheetSubmissions.id, answers: worksheetSubmissions.answers })
    .from(worksheetSubmissions)
    .where(
      and(
        eq(worksheetSubmissions.learnerId, learnerId),
        inArray(
          worksheetSubmissions.id,
          history.submissions.map((s) => s.id),
        ),
      ),
    )
    .orderBy(desc(worksheetSubmissions.number));
  const byId = new Map(answers.map((a) => [a.id, (a.answers ?? {}) as Record<string, unknown>]));
  const title = new Map(sections.map((s) => [s.id, s.title]));
  return [...history.submissions].reverse().map((s) => ({
    number: s.number,
    submittedAt: s.submittedAt,
    sections: sections.map((sec) => ({ title: sec.title, answer: answerLines(sec, byId.get(s.id)?.[sec.id]) })),
    comments: history.comments
      .filter((c) => c.submissionId === s.id)
      .map((c) => ({
        section: c.sectionId ? (title.get(c.sectionId) ?? c.sectionId) : null,
        body: c.body,
        by: c.authorName,
        at: c.createdAt,
      })),
  }));
}
