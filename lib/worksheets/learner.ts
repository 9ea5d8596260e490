import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { worksheetAnswers, worksheetSubmissions } from '@/db/schema';
import { assignedStaff, authorize, type Actor } from '@/lib/permissions';
import { sectionHasContent, type WorksheetAnswers } from './answers';
import { getWorksheetDefinition, listWorksheetDefinitions, type WorksheetDefinition } from './definition';
import { getDraft, type DraftState } from './drafts';
import { readHistory, type WorksheetHistory } from './submissions';

export interface LearnerWorksheet extends WorksheetHistory {
  definition: WorksheetDefinition;
  draft: DraftState;
  coachNames: string[];
}

/** Everything the learner's worksheet page shows: their saved answers, hand-ins and the coach's comments. */
export async function getLearnerWorksheet(actor: Actor, slug: string): Promise<LearnerWorksheet> {
  const definition = getWorksheetDefinition(slug);
  const draft = await getDraft(actor, slug);
  const db = getDb();
  const history = await readHistory(db, actor.id, slug);
  const coaches = await assignedStaff(db, actor.id, 'coach');
  return { definition, draft, ...history, coachNames: coaches.map((c) => c.name) };
}

export type WorksheetStatus = 'not-started' | 'in-progress' | 'handed-in' | 'changed-since' | 'commented';

export interface WorksheetListEntry {
  slug: string;
  code: string;
  title: string;
  summary: string;
  sectionsAnswered: number;
  sectionCount: number;
  status: WorksheetStatus;
  lastSubmittedAt: string | null;
  updatedAt: string | null;
}

/** The learner's worksheets with how far each has got. Three queries, whatever the number of worksheets. */
export async function listLearnerWorksheets(actor: Actor): Promise<WorksheetListEntry[]> {
  await authorize(actor, 'worksheet.write', actor.id);
  const db = getDb();
  const drafts = await db
    .select({
      slug: worksheetAnswers.moduleSlug,
      answers: worksheetAnswers.answers,
      version: worksheetAnswers.version,
      updatedAt: worksheetAnswers.updatedAt,
    })
    .from(worksheetAnswers)
    .where(eq(worksheetAnswers.learnerId, actor.id));
  const latest = await db
    .selectDistinctOn([worksheetSubmissions.moduleSlug], {
      slug: worksheetSubmissions.moduleSlug,
      answersVersion: worksheetSubmissions.answersVersion,
      submittedAt: worksheetSubmissions.submittedAt,
      // Spelled out in full: in a one-table select drizzle writes a column unqualified, which inside the
      // subquery would mean the comment's own id.
      comments: sql<number>`(select count(*)::int from worksheet_comments c where c.submission_id = worksheet_submissions.id)`,
    })
    .from(worksheetSubmissions)
    .where(eq(worksheetSubmissions.learnerId, actor.id))
    .orderBy(worksheetSubmissions.moduleSlug, desc(worksheetSubmissions.number));

  return listWorksheetDefinitions().map((def) => {
    const draft = drafts.find((d) => d.slug === def.slug);
    const sub = latest.find((l) => l.slug === def.slug);
    const answers = (draft?.answers ?? {}) as WorksheetAnswers;
    const sectionsAnswered = def.worksheet.sections.filter((s) => sectionHasContent(s, answers)).length;
    let status: WorksheetStatus = sectionsAnswered ? 'in-progress' : 'not-started';
    if (sub)
      status =
        draft && draft.version !== sub.answersVersion
          ? 'changed-since'
          : Number(sub.comments) > 0
            ? 'commented'
            : 'handed-in';
    return {
      slug: def.slug,
      code: def.code,
      title: def.title,
      summary: def.summary,
      sectionsAnswered,
      sectionCount: def.worksheet.sections.length,
      status,
      lastSubmittedAt: sub?.submittedAt.toISOString() ?? null,
      updatedAt: draft?.updatedAt.toISOString() ?? null,
    };
  });
}
