import 'server-only';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { enrolments, judgements, users } from '@/db/schema';
import { assessableItems, getItem, getModule, listModules } from '@/lib/content';
import { formatNumber, plural } from '@/lib/format';
import { authorize, type Actor } from '@/lib/permissions';
import { criterionStatuses, moduleProgress } from '@/lib/progress/status';
import { signOffStates } from '@/lib/progress/unit';
import type { ReportStatus } from '@/lib/reports/types';
import { getLearnerReport } from '@/lib/reports/drafts';
import { REPORT_MODULE_SLUG } from '@/lib/reports/unit';
import { reviewSummary } from '@/lib/reviews/read';
import type { ReviewSummary } from '@/lib/reviews/types';
import { countReport } from '@/lib/wordcount';
import { listLearnerWorksheets, type WorksheetListEntry } from '@/lib/worksheets/learner';
import { criterionLabel as itemLabel } from './labels';
import { links } from './links';
import type { ModuleLine } from './types';

interface FeedbackLine {
  id: string;
  criterionLabel: string;
  criterionText: string;
  outcome: 'met' | 'not_yet_met';
  feedback: string;
  assessorName: string;
  at: string;
}

export interface ReportSummary {
  status: ReportStatus;
  /** Words counted by the unit's rules in the working copy. */
  draftWords: number;
  minWords: number;
  maxWords: number;
  latest: {
    number: number;
    countedWords: number;
    submittedAt: string;
    decision: 'referred' | 'signed_off' | null;
  } | null;
}

export interface NextStep {
  title: string;
  detail?: string;
  href: string;
  action: string;
  tone: 'notyet' | 'pending' | 'brand' | 'met';
}

export interface LearnerHome {
  modules: ModuleLine[];
  worksheets: WorksheetListEntry[];
  report: ReportSummary | null;
  feedback: FeedbackLine[];
  next: NextStep[];
  /** Progress reviews (issue 21): the next review date, reviews to sign, the last review's targets. */
  reviews: ReviewSummary;
}

/** A learner's home page: progress per enrolled module, the next things to do, recent feedback, report state. */
export async function learnerHome(
  actor: Actor,
  learnerId: string = actor.id,
  db: DbOrTx = getDb(),
): Promise<LearnerHome> {
  await authorize(actor, 'learner.view', learnerId, db);
  const enrolled = await db
    .select({ slug: enrolments.moduleSlug })
    .from(enrolments)
    .where(eq(enrolments.learnerId, learnerId))
    .orderBy(asc(enrolments.enrolledAt));
  const order = listModules().map((m) => m.slug);
  const slugs = enrolled
    .map((e) => e.slug)
    .filter((s) => getModule(s))
    .sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const withCriteria = slugs.filter((s) => assessableItems(s).length > 0);
  const isSelf = actor.id === learnerId;

  const [statusMap, recent, worksheets, report, reviews] = await Promise.all([
    criterionStatuses(db, [learnerId]),
    db
      .select({
        id: judgements.id,
        criterionId: judgements.criterionId,
        outcome: judgements.outcome,
        feedback: judgements.feedback,
        at: judgements.createdAt,
        assessorName: users.name,
      })
      .from(judgements)
      .innerJoin(users, eq(users.id, judgements.assessorId))
      .where(and(eq(judgements.learnerId, learnerId), ne(judgements.feedback, '')))
      .orderBy(desc(judgements.activitySeq))
      .limit(5),
    // Worksheets and the report are read through their own areas' functions, which check permission themselves.
    isSelf && slugs.some((s) => getModule(s)?.worksheet)
      ? listLearnerWorksheets(actor)
      : Promise.resolve([] as WorksheetListEntry[]),
    slugs.includes(REPORT_MODULE_SLUG) ? getLearnerReport(actor, learnerId) : Promise.resolve(null),
    reviewSummary(actor, learnerId, db),
  ]);
  const statuses = statusMap.get(learnerId);
  const reportSignOff = report ? (await signOffStates(db, [learnerId], REPORT_MODULE_SLUG)).get(learnerId) : undefined;

  const modules: ModuleLine[] = withCriteria.map((slug) => {
    const mod = getModule(slug)!;
    return {
      slug,
      code: mod.code,
      title: mod.title,
      progress: moduleProgress(statuses, slug),
      awaitingCountersignature: slug === REPORT_MODULE_SLUG && report?.status === 'awaiting_countersignature',
      signOffSuperseded: slug === REPORT_MODULE_SLUG && Boolean(reportSignOff?.superseded),
    };
  });

  let reportSummary: ReportSummary | null = null;
  if (report) {
    const rules = report.unit.rules;
    const latest = report.versions[0];
    reportSummary = {
      status: report.status,
      draftWords: report.draft?.content ? countReport(report.draft.content, rules).counted : 0,
      minWords: rules.minWords,
      maxWords: rules.maxWords,
      latest: latest
        ? {
            number: latest.number,
            countedWords: latest.countedWords,
            submittedAt: latest.submittedAt,
            decision: latest.decision?.outcome ?? null,
          }
        : null,
    };
  }

  const feedback = recent.map((j): FeedbackLine => {
    const item = getItem(j.criterionId);
    return {
      id: j.id,
      criterionLabel: item ? itemLabel(item) : j.criterionId,
      criterionText: item?.text ?? '',
      outcome: j.outcome,
      feedback: j.feedback,
      assessorName: j.assessorName,
      at: j.at.toISOString(),
    };
  });

  return {
    modules,
    worksheets: worksheets.filter((w) => slugs.includes(w.slug)),
    report: reportSummary,
    feedback,
    reviews,
    next: nextSteps(
      withCriteria,
      statuses,
      worksheets.filter((w) => slugs.includes(w.slug)),
      reportSummary,
    ),
  };
}

type StatusMap = Awaited<ReturnType<typeof criterionStatuses>> extends Map<string, infer M> ? M : never;

/**
 * What the learner should do next, most urgent first: answer "not yet met" feedback, revise a referred report,
 * read a coach's comments, submit a report that is ready, record evidence for what has none, carry on with a
 * worksheet or the report. When everything is with the assessor, say so.
 */
function nextSteps(
  slugs: string[],
  statuses: StatusMap | undefined,
  worksheets: WorksheetListEntry[],
  report: ReportSummary | null,
): NextStep[] {
  const steps: NextStep[] = [];
  const ids = (status: string) =>
    slugs.flatMap((s) => assessableItems(s)).filter((i) => (statuses?.get(i.id)?.status ?? 'no_evidence') === status);
  const notYet = ids('not_yet_met');
  const none = ids('no_evidence');
  const submitted = ids('evidence_submitted');

  if (notYet.length) {
    const first = notYet[0];
    steps.push({
      title:
        notYet.length === 1
          ? `Improve your evidence for ${itemLabel(first)}`
          : `Improve your evidence for ${plural(notYet.length, 'criterion', 'criteria')} not yet met`,
      detail: `Start with ${itemLabel(first)}: \u201c${first.text.replace(/\.$/, '')}\u201d. Read your assessor\u2019s feedback, then add or improve evidence.`,
      href: links.learnerNewEvidence(first.id),
      action: 'Add evidence',
      tone: 'notyet',
    });
  }
  if (report?.status === 'referred') {
    steps.push({
      title: 'Revise your report',
      detail: `Your assessor referred version ${report.latest?.number}. Read their feedback, revise and submit again.`,
      href: links.learnerReport(),
      action: 'Open your report',
      tone: 'notyet',
    });
  }
  for (const w of worksheets.filter((w) => w.status === 'commented')) {
    steps.push({
      title: `Read your coach\u2019s comments on \u201c${w.title}\u201d`,
      href: links.learnerWorksheet(w.slug),
      action: 'Read comments',
      tone: 'brand',
    });
  }
  if (
    report &&
    (report.status === 'draft' || report.status === 'referred') &&
    report.draftWords >= report.minWords &&
    report.draftWords <= report.maxWords &&
    !(report.latest && report.status === 'referred' && report.draftWords === report.latest.countedWords)
  ) {
    steps.push({
      title: 'Your report is within the word range: submit it when you are happy with it',
      detail: `${formatNumber(report.draftWords)} words counted (${formatNumber(report.minWords)}\u2013${formatNumber(report.maxWords)}).`,
      href: links.learnerReport(),
      action: 'Review and submit',
      tone: 'brand',
    });
  }
  if (none.length) {
    const first = none[0];
    steps.push({
      title: `Record evidence for ${itemLabel(first)}`,
      detail: `\u201c${first.text.replace(/\.$/, '')}\u201d${none.length > 1 ? `, and ${plural(none.length - 1, 'other criterion', 'other criteria')} with no evidence yet.` : ''}`,
      href: links.learnerNewEvidence(first.id),
      action: 'Record evidence',
      tone: 'brand',
    });
  }
  for (const w of worksheets.filter(
    (w) => w.status === 'in-progress' || w.status === 'not-started' || w.status === 'changed-since',
  )) {
    steps.push({
      title:
        w.status === 'not-started'
          ? `Start the worksheet \u201c${w.title}\u201d`
          : w.status === 'changed-since'
            ? `Hand in your changes to \u201c${w.title}\u201d`
            : `Carry on with \u201c${w.title}\u201d`,
      detail: `${w.sectionsAnswered} of ${w.sectionCount} sections answered.`,
      href: links.learnerWorksheet(w.slug),
      action: w.status === 'not-started' ? 'Start' : 'Continue',
      tone: 'brand',
    });
  }
  if (
    report &&
    (report.status === 'not_started' || (report.status === 'draft' && report.draftWords < report.minWords))
  ) {
    steps.push({
      title: report.status === 'not_started' ? 'Start your portfolio report' : 'Carry on writing your report',
      detail: `${formatNumber(report.draftWords)} of at least ${formatNumber(report.minWords)} words so far.`,
      href: links.learnerReport(),
      action: report.status === 'not_started' ? 'Start writing' : 'Continue writing',
      tone: 'brand',
    });
  }
  if (!steps.length) {
    const waitingReport = report?.status === 'submitted';
    steps.push(
      submitted.length || waitingReport
        ? {
            title: 'Nothing to do right now: your work is with your assessor',
            detail:
              [
                submitted.length ? `${plural(submitted.length, 'criterion', 'criteria')} awaiting judgement` : '',
                waitingReport ? 'your report is awaiting a decision' : '',
              ]
                .filter(Boolean)
                .join('; ') + '.',
            href: links.learnerEvidence(),
            action: 'See your evidence',
            tone: 'pending',
          }
        : slugs.length
          ? {
              title: 'Every criterion is met. Well done!',
              href: links.learnerEvidence(),
              action: 'See your evidence',
              tone: 'met',
            }
          : {
              title: 'You are not enrolled on a module yet',
              detail:
                'Ask your training provider\u2019s administrator to enrol you. Meanwhile you can read the modules.',
              href: '/modules',
              action: 'Browse modules',
              tone: 'brand',
            },
    );
  }
  return steps;
}
