import 'server-only';
import { and, eq, isNotNull, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type DbOrTx } from '@/db/client';
import { evidence, evidenceCriteria, evidenceFiles, users } from '@/db/schema';
import { authorize, can, type Actor } from '@/lib/permissions';
import { criterionStatuses, type ItemStatus } from '@/lib/progress/status';
import { describeItem, documentOrder, type ItemDescription } from './criteria';
import { evidenceSummaries, judgementHistory, type EvidenceSummary, type JudgementView } from './history';
import { canEdit, evidenceSnapshot, isAssessorKind, isJudgedMet, loadEvidenceRow } from './shared';
import { signedOffNote, signedOffModules } from './signed-off';
import { worksheetLink } from './worksheets';
import { witnessStatuses, type WitnessStatus } from '@/lib/links/witness';
import { wordingReviews, type WordingReview } from './wording';

/** A learner's evidence library. Anyone who may view the learner's evidence may list it. */
export async function listEvidence(
  actor: Actor,
  learnerId: string,
  db: DbOrTx = getDb(),
): Promise<{ items: EvidenceSummary[]; statuses: Map<string, ItemStatus>; reworded: Map<string, WordingReview> }> {
  await authorize(actor, 'evidence.view', learnerId, db);
  const items = await evidenceSummaries(db, learnerId);
  const ids = [...new Set(items.flatMap((i) => i.criteria.map((c) => c.id)))];
  const statuses = ids.length
    ? ((await criterionStatuses(db, [learnerId], ids)).get(learnerId) ?? new Map<string, ItemStatus>())
    : new Map<string, ItemStatus>();
  return { items, statuses, reworded: await wordingReviews(db, learnerId, ids) };
}

interface MappingView {
  criterion: ItemDescription;
  note: string;
  status: ItemStatus;
  judgements: JudgementView[];
  /** Set once the criterion's unit is signed off: final, not judged again. */
  signedOff: string | null;
  /**
   * The criterion's wording changed since this evidence was mapped to it, or since it was judged: when it changed
   * (ISO, null when not recorded) and which of the two (lib/evidence/wording.ts). Null when there is nothing to review.
   */
  wording: { changedOn: string | null; thisEvidence: boolean; judgement: boolean } | null;
}

interface EvidenceVersionView {
  id: string;
  version: number;
  title: string;
  createdAt: string;
  current: boolean;
}

export interface EvidenceDetail {
  id: string;
  learner: { id: string; name: string };
  authorName: string;
  kind: string;
  isRecord: boolean;
  title: string;
  occurredOn: string;
  description: string;
  body: string | null;
  url: string | null;
  witness: { name: string; role: string; contact: string } | null;
  /** A witness statement's answer by link and the newest link made for it (lib/links/witness.ts). */
  witnessStatus: WitnessStatus | null;
  worksheetSubmissionId: string | null;
  worksheet: { label: string; href: string } | null;
  file: { id: string; name: string; sizeBytes: number; contentType: string; sha256: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  supersededBy: string | null;
  versions: EvidenceVersionView[];
  mappings: MappingView[];
  /** Judged met: a change will be saved as a new version. */
  judgedMet: boolean;
  can: { edit: boolean; respond: boolean; judge: boolean };
  /** What the edit form starts from. */
  snapshot: Awaited<ReturnType<typeof evidenceSnapshot>>;
}

/** One piece of evidence with its criteria, their statuses and judgement history, and its versions. */
export async function getEvidence(actor: Actor, id: string, db: DbOrTx = getDb()): Promise<EvidenceDetail> {
  const row = await loadEvidenceRow(db, id);
  await authorize(actor, 'evidence.view', row.learnerId, db);
  const learner = alias(users, 'learner');
  const author = alias(users, 'author');
  const [names] = await db
    .select({ learnerName: learner.name, authorName: author.name })
    .from(evidence)
    .innerJoin(learner, eq(learner.id, evidence.learnerId))
    .innerJoin(author, eq(author.id, evidence.authorId))
    .where(eq(evidence.id, row.id));
  const [file] = row.fileId
    ? await db
        .select()
        .from(evidenceFiles)
        .where(and(eq(evidenceFiles.id, row.fileId), eq(evidenceFiles.learnerId, row.learnerId)))
    : [];
  const mappings = await db
    .select({ criterionId: evidenceCriteria.criterionId, note: evidenceCriteria.note })
    .from(evidenceCriteria)
    .where(and(eq(evidenceCriteria.learnerId, row.learnerId), eq(evidenceCriteria.evidenceId, row.id)));
  const criterionIds = mappings.map((m) => m.criterionId);
  const statuses = criterionIds.length
    ? (await criterionStatuses(db, [row.learnerId], criterionIds)).get(row.learnerId)!
    : new Map<string, ItemStatus>();
  const history = await judgementHistory(db, row.learnerId, criterionIds);
  const reworded = await wordingReviews(db, row.learnerId, criterionIds);
  const signedOff = await signedOffModules(db, row.learnerId);
  const chain = await db
    .select({
      id: evidence.id,
      version: evidence.version,
      title: evidence.title,
      createdAt: evidence.createdAt,
      supersedesId: evidence.supersedesId,
      supersededBy: evidence.supersededBy,
    })
    .from(evidence)
    .where(
      and(
        eq(evidence.learnerId, row.learnerId),
        or(isNotNull(evidence.supersedesId), isNotNull(evidence.supersededBy)),
      ),
    );
  const [editable, judgedMet, relationJudge, relationSelf] = await Promise.all([
    canEdit(actor, row, db),
    isJudgedMet(db, row),
    can(actor, 'judgement.write', row.learnerId, db),
    can(actor, 'evidence.write', row.learnerId, db),
  ]);

  return {
    id: row.id,
    learner: { id: row.learnerId, name: names!.learnerName },
    authorName: names!.authorName,
    kind: row.kind,
    isRecord: isAssessorKind(row.kind),
    title: row.title,
    occurredOn: row.occurredOn,
    description: row.description,
    body: row.body,
    url: row.url,
    witness:
      row.kind === 'witness'
        ? { name: row.witnessName ?? '', role: row.witnessRole ?? '', contact: row.witnessContact ?? '' }
        : null,
    witnessStatus: row.kind === 'witness' ? ((await witnessStatuses(db, [row])).get(row.id) ?? null) : null,
    worksheetSubmissionId: row.worksheetSubmissionId,
    worksheet: await worksheetLink(db, row.learnerId, row.worksheetSubmissionId),
    file: file
      ? {
          id: file.id,
          name: file.originalName,
          sizeBytes: file.sizeBytes,
          contentType: file.contentType,
          sha256: file.sha256,
        }
      : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    supersededBy: row.supersededBy,
    versions: versionChain(row.id, chain),
    mappings: mappings
      .map((m) => ({
        criterion: describeItem(m.criterionId),
        note: m.note,
        status: statuses.get(m.criterionId) ?? { status: 'no_evidence' as const, evidenceCount: 0 },
        judgements: history.get(m.criterionId) ?? [],
        signedOff: finalNote(signedOff, m.criterionId),
        wording: wordingOf(reworded.get(m.criterionId), row.id),
      }))
      .sort((a, b) => documentOrder(a.criterion.id) - documentOrder(b.criterion.id)),
    judgedMet,
    can: { edit: editable, respond: relationSelf, judge: relationJudge },
    snapshot: await evidenceSnapshot(db, row),
  };
}

function wordingOf(r: WordingReview | undefined, evidenceId: string): MappingView['wording'] {
  if (!r) return null;
  const thisEvidence = r.evidenceIds.includes(evidenceId);
  if (!thisEvidence && !r.judgedOnEarlierWording) return null;
  return { changedOn: r.changedOn, thisEvidence, judgement: r.judgedOnEarlierWording };
}

function finalNote(signedOff: Map<string, Date>, criterionId: string): string | null {
  const slug = describeItem(criterionId).moduleSlug;
  const at = signedOff.get(slug);
  return at ? signedOffNote(slug, at) : null;
}

/** Oldest first: every version linked to `id` through supersedes / superseded_by. */
function versionChain(
  id: string,
  rows: {
    id: string;
    version: number;
    title: string;
    createdAt: Date;
    supersedesId: string | null;
    supersededBy: string | null;
  }[],
): EvidenceVersionView[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (!byId.has(id)) return [];
  let first = byId.get(id)!;
  for (let i = 0; i < 1000 && first.supersedesId && byId.has(first.supersedesId); i++)
    first = byId.get(first.supersedesId)!;
  const out: EvidenceVersionView[] = [];
  for (
    let r: typeof first | undefined = first, i = 0;
    r && i < 1000;
    r = r.supersededBy ? byId.get(r.supersededBy) : undefined, i++
  ) {
    out.push({
      id: r.id,
      version: out.length + 1,
      title: r.title,
      createdAt: r.createdAt.toISOString(),
      current: r.supersededBy === null,
    });
  }
  return out;
}
