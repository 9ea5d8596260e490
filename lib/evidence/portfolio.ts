import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { enrolments, users } from '@/db/schema';
import { assessableItems, getModule } from '@/lib/content';
import { NotFoundError } from '@/lib/errors';
import { assertAccess, authorize, can, learnerScope, type Actor } from '@/lib/permissions';
import { isUuid } from '@/lib/ids';
import { criterionStatuses, moduleProgress, type ItemStatus, type ModuleProgress } from '@/lib/progress/status';
import { STATUS_ORDER } from '@/lib/progress/types';
import { describeItem, enrolledSlugs, pickerCatalog, type ItemDescription } from './criteria';
import { evidenceSummaries, judgementHistory, type EvidenceSummary, type JudgementView } from './history';
import type { PickerModule } from './picker-types';
import { signedOffModules, signedOffNote } from './signed-off';
import { loadQaStates, type QaCriterionState } from '@/lib/qa/decisions';
import { learnerSeesQaReview } from '@/lib/qa/settings';
import { wordingReviews, type WordingReview } from './wording';

export interface LearnerListRow {
  id: string;
  name: string;
  email: string;
  modules: number;
  total: number;
  met: number;
  notYetMet: number;
  awaiting: number;
}

/**
 * The learners an assessor or coach is assigned to, with how much is waiting for judgement.
 * A constant number of queries however many learners there are.
 */
export async function assignedLearners(actor: Actor, db: DbOrTx = getDb()): Promise<LearnerListRow[]> {
  assertAccess(actor, 'learners.assigned');
  const learners = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.active, true), learnerScope(actor, 'evidence.view', users.id)))
    .orderBy(asc(users.name));
  if (learners.length === 0) return [];
  const ids = learners.map((l) => l.id);
  const enrolled = await db.select().from(enrolments).where(inArray(enrolments.learnerId, ids));
  const statuses = await criterionStatuses(db, ids);
  return learners
    .map((l) => {
      const row: LearnerListRow = { ...l, modules: 0, total: 0, met: 0, notYetMet: 0, awaiting: 0 };
      for (const e of enrolled) {
        if (e.learnerId !== l.id) continue;
        const p = moduleProgress(statuses.get(l.id), e.moduleSlug);
        if (p.total === 0) continue;
        row.modules += 1;
        row.total += p.total;
        row.met += p.met;
        row.notYetMet += p.notYetMet;
        row.awaiting += p.submitted;
      }
      return row;
    })
    .sort((a, b) => b.awaiting - a.awaiting || a.name.localeCompare(b.name));
}

export interface PortfolioItem {
  criterion: ItemDescription;
  status: ItemStatus;
  evidence: (Pick<
    EvidenceSummary,
    'id' | 'kind' | 'title' | 'occurredOn' | 'file' | 'isRecord' | 'authorName' | 'witness'
  > & {
    note: string;
    newSinceJudgement: boolean;
    /** Mapped to an earlier wording of the criterion and not judged since (lib/evidence/wording.ts). */
    earlierWording: boolean;
  })[];
  judgements: JudgementView[];
  /** The newest activity shown; a judgement made from this page is refused if something newer arrived. */
  seenSeq: number;
  learnerReplied: boolean;
  /**
   * An internal quality assurer's current verdict on a sampled decision about this criterion is a disagreement still
   * open (lib/qa/decisions.ts): shown to the learner's assessor and administrators, never to coaches; the learner sees
   * it on their own pages (myProgress) where a cohort of theirs chooses to show it (lib/qa/settings.ts).
   */
  underQualityReview: boolean;
  /** The criterion's wording changed since its evidence was mapped or it was judged: review (lib/evidence/wording.ts). */
  wording: WordingReview | null;
}

interface PortfolioModule {
  slug: string;
  code: string;
  title: string;
  progress: ModuleProgress;
  /** Set once the unit's report is signed off: its criteria are final and are not judged again. */
  signedOff: string | null;
  items: PortfolioItem[];
}

export interface Portfolio {
  learner: { id: string; name: string; email: string };
  can: { judge: boolean; record: boolean };
  modules: PortfolioModule[];
  evidence: EvidenceSummary[];
  picker: { modules: PickerModule[]; equivalents: Record<string, string[]> };
}

/**
 * Everything an assessor needs to work through a learner's portfolio criterion by criterion: per
 * enrolled module, each criterion with its status, the evidence mapped to it, and its judgement
 * history. Criteria with evidence awaiting judgement come first.
 */
export async function learnerPortfolio(actor: Actor, learnerId: string, db: DbOrTx = getDb()): Promise<Portfolio> {
  if (!isUuid(learnerId)) throw new NotFoundError('We could not find that learner.');
  const relation = await authorize(actor, 'evidence.view', learnerId, db);
  const [learner] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.id, learnerId));
  if (!learner || learner.role !== 'learner') throw new NotFoundError('We could not find that learner.');
  const [judge, record] = await Promise.all([
    can(actor, 'judgement.write', learnerId, db),
    can(actor, 'evidence.record', learnerId, db),
  ]);
  const slugs = (await enrolledSlugs(db, learnerId)).filter((s) => assessableItems(s).length > 0);
  const statuses = (await criterionStatuses(db, [learnerId])).get(learnerId)!;
  const evidence = await evidenceSummaries(db, learnerId);
  const history = await judgementHistory(db, learnerId);
  const signedOff = await signedOffModules(db, learnerId);
  const reworded = await wordingReviews(db, learnerId);

  const evidenceByCriterion = new Map<string, PortfolioItem['evidence']>();
  for (const e of evidence) {
    for (const c of e.criteria) {
      const list = evidenceByCriterion.get(c.id) ?? [];
      const latest = statuses.get(c.id)?.latestJudgement;
      list.push({
        id: e.id,
        kind: e.kind,
        title: e.title,
        occurredOn: e.occurredOn,
        file: e.file,
        isRecord: e.isRecord,
        authorName: e.authorName,
        witness: e.witness,
        note: c.note,
        newSinceJudgement: Boolean(latest && c.activitySeq > latest.seq),
        earlierWording: reworded.get(c.id)?.evidenceIds.includes(e.id) ?? false,
      });
      evidenceByCriterion.set(c.id, list);
    }
  }

  const qa =
    relation === 'assessor' || relation === 'admin'
      ? await loadQaStates(
          db,
          learnerId,
          slugs.flatMap((slug) => assessableItems(slug).map((i) => i.id)),
        )
      : new Map<string, QaCriterionState>();

  const modules = slugs.map((slug): PortfolioModule => {
    const mod = getModule(slug)!;
    const items = assessableItems(slug).map((item, index) => {
      const status = statuses.get(item.id) ?? { status: 'no_evidence' as const, evidenceCount: 0 };
      const judgements = history.get(item.id) ?? [];
      return {
        index,
        criterion: describeItem(item.id),
        status,
        evidence: evidenceByCriterion.get(item.id) ?? [],
        judgements,
        seenSeq: Math.max(status.latestJudgement?.seq ?? 0, status.lastEvidenceSeq ?? 0),
        learnerReplied: (judgements[0]?.responses.length ?? 0) > 0,
        underQualityReview: qa.get(item.id)?.underReview ?? false,
        wording: reworded.get(item.id) ?? null,
      };
    });
    items.sort(
      (a, b) => STATUS_ORDER.indexOf(a.status.status) - STATUS_ORDER.indexOf(b.status.status) || a.index - b.index,
    );
    const at = signedOff.get(slug);
    return {
      slug,
      code: mod.code,
      title: mod.title,
      progress: moduleProgress(statuses, slug),
      signedOff: at ? signedOffNote(slug, at) : null,
      items: items.map(({ index: _index, ...rest }) => rest),
    };
  });

  return {
    learner: { id: learner.id, name: learner.name, email: learner.email },
    can: { judge, record },
    modules,
    evidence,
    picker: pickerCatalog(slugs),
  };
}

/** Enrolled modules (in content order) with the learner's progress: for the learner's own status view. */
export async function myProgress(actor: Actor, learnerId: string, db: DbOrTx = getDb()) {
  const relation = await authorize(actor, 'evidence.view', learnerId, db);
  const slugs = (await enrolledSlugs(db, learnerId)).filter((s) => assessableItems(s).length > 0);
  const statuses = (await criterionStatuses(db, [learnerId])).get(learnerId)!;
  const history = await judgementHistory(db, learnerId);
  const reworded = await wordingReviews(db, learnerId);
  // The learner sees "under quality review" on their own criteria only where a cohort of theirs chooses to show it.
  const qa =
    relation === 'self' && (await learnerSeesQaReview(db, learnerId))
      ? await loadQaStates(
          db,
          learnerId,
          slugs.flatMap((slug) => assessableItems(slug).map((i) => i.id)),
        )
      : new Map<string, QaCriterionState>();
  return slugs.map((slug) => {
    const mod = getModule(slug)!;
    return {
      slug,
      code: mod.code,
      title: mod.title,
      progress: moduleProgress(statuses, slug),
      items: assessableItems(slug).map((item) => ({
        criterion: describeItem(item.id),
        status: statuses.get(item.id) ?? { status: 'no_evidence' as const, evidenceCount: 0 },
        latest: history.get(item.id)?.[0],
        underQualityReview: qa.get(item.id)?.underReview ?? false,
        wording: reworded.get(item.id) ?? null,
      })),
    };
  });
}
