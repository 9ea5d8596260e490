import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { enrolments, worksheetComments, worksheetSubmissions } from '@/db/schema';
import { getModule, listModules } from '@/lib/content';
import { learnerPortfolio, type Portfolio } from '@/lib/evidence/portfolio';
import { authorize, type Actor } from '@/lib/permissions';
import { getLearnerReport } from '@/lib/reports/drafts';
import { REPORT_MODULE_SLUG } from '@/lib/reports/unit';
import { countReport } from '@/lib/wordcount';
import { lastActivity } from './activity';
import type { ReportStatus } from '@/lib/reports/types';

interface WorksheetHandIns {
  slug: string;
  code: string;
  title: string;
  submissions: { id: string; number: number; submittedAt: string; comments: number }[];
}

export interface CoachLearnerView {
  portfolio: Portfolio;
  worksheets: WorksheetHandIns[];
  report: {
    status: ReportStatus;
    draftWords: number;
    minWords: number;
    maxWords: number;
    versions: { number: number; countedWords: number; submittedAt: string; decision: string | null }[];
  } | null;
  lastActivity: string | null;
  enrolled: { slug: string; code: string; title: string }[];
}

/**
 * A read-only view of one learner for their coach (or assessor, or an admin): evidence and judgements from the
 * evidence area, worksheet hand-ins with how many comments each has, the report's state. Each part is read
 * through a function that checks permission for this learner.
 */
export async function coachLearnerView(
  actor: Actor,
  learnerId: string,
  db: DbOrTx = getDb(),
): Promise<CoachLearnerView> {
  const portfolio = await learnerPortfolio(actor, learnerId, db);
  await authorize(actor, 'worksheet.view', learnerId, db);
  const [enrolled, handIns, activity] = await Promise.all([
    db.select({ slug: enrolments.moduleSlug }).from(enrolments).where(eq(enrolments.learnerId, learnerId)),
    db
      .select({
        id: worksheetSubmissions.id,
        slug: worksheetSubmissions.moduleSlug,
        number: worksheetSubmissions.number,
        submittedAt: worksheetSubmissions.submittedAt,
        comments: sql<number>`(select count(*)::int from ${worksheetComments} c where c.submission_id = ${worksheetSubmissions.id})`,
      })
      .from(worksheetSubmissions)
      .where(eq(worksheetSubmissions.learnerId, learnerId))
      .orderBy(desc(worksheetSubmissions.number)),
    lastActivity(db, (column) => sql`${column} = ${learnerId}::uuid`),
  ]);
  const slugs = enrolled.map((e) => e.slug);
  const worksheetSlugs = [...new Set([...slugs.filter((s) => getModule(s)?.worksheet), ...handIns.map((h) => h.slug)])];
  const worksheets = worksheetSlugs.map((slug) => {
    const mod = getModule(slug);
    return {
      slug,
      code: mod?.code ?? '',
      title: mod?.title ?? slug,
      submissions: handIns
        .filter((h) => h.slug === slug)
        .map((h) => ({
          id: h.id,
          number: h.number,
          submittedAt: h.submittedAt.toISOString(),
          comments: Number(h.comments),
        })),
    };
  });
  let report: CoachLearnerView['report'] = null;
  if (slugs.includes(REPORT_MODULE_SLUG)) {
    const r = await getLearnerReport(actor, learnerId);
    report = {
      status: r.status,
      draftWords: r.draft?.content ? countReport(r.draft.content, r.unit.rules).counted : 0,
      minWords: r.unit.rules.minWords,
      maxWords: r.unit.rules.maxWords,
      versions: r.versions.map((v) => ({
        number: v.number,
        countedWords: v.countedWords,
        submittedAt: v.submittedAt,
        decision: v.decision?.outcome ?? null,
      })),
    };
  }
  const order = listModules().map((m) => m.slug);
  const enrolledModules = slugs
    .filter((s) => getModule(s))
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .map((s) => ({ slug: s, code: getModule(s)!.code, title: getModule(s)!.title }));
  return {
    portfolio,
    worksheets,
    report,
    lastActivity: activity.get(learnerId)?.toISOString() ?? null,
    enrolled: enrolledModules,
  };
}
