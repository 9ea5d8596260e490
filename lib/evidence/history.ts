import 'server-only';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { evidence, evidenceCriteria, evidenceFiles, judgementResponses, judgements, users } from '@/db/schema';
import { describeItem, documentOrder } from './criteria';
import { isAssessorKind } from './shared';
import type { WitnessConfirmation } from '@/lib/links/types';
import { witnessStatuses } from '@/lib/links/witness';

interface ResponseView {
  id: string;
  note: string;
  authorName: string;
  at: string;
}

export interface JudgementView {
  id: string;
  criterionId: string;
  outcome: 'met' | 'not_yet_met';
  feedback: string;
  assessorName: string;
  at: string;
  cited: { id: string; title: string }[];
  responses: ResponseView[];
}

/** Every judgement for the learner (optionally only some criteria), newest first per criterion. Three queries. */
export async function judgementHistory(
  db: DbOrTx,
  learnerId: string,
  criterionIds?: string[],
): Promise<Map<string, JudgementView[]>> {
  const out = new Map<string, JudgementView[]>();
  if (criterionIds && criterionIds.length === 0) return out;
  const rows = await db
    .select({
      id: judgements.id,
      criterionId: judgements.criterionId,
      outcome: judgements.outcome,
      feedback: judgements.feedback,
      evidenceIds: judgements.evidenceIds,
      createdAt: judgements.createdAt,
      assessorName: users.name,
    })
    .from(judgements)
    .innerJoin(users, eq(users.id, judgements.assessorId))
    .where(
      and(
        eq(judgements.learnerId, learnerId),
        criterionIds ? inArray(judgements.criterionId, criterionIds) : undefined,
      ),
    )
    .orderBy(desc(judgements.activitySeq));
  if (rows.length === 0) return out;

  const citedIds = [...new Set(rows.flatMap((r) => r.evidenceIds))];
  const titles = new Map<string, string>();
  if (citedIds.length) {
    for (const e of await db
      .select({ id: evidence.id, title: evidence.title })
      .from(evidence)
      .where(and(eq(evidence.learnerId, learnerId), inArray(evidence.id, citedIds)))) {
      titles.set(e.id, e.title);
    }
  }
  const responses = new Map<string, ResponseView[]>();
  const responseRows = await db
    .select({
      id: judgementResponses.id,
      judgementId: judgementResponses.judgementId,
      note: judgementResponses.note,
      at: judgementResponses.createdAt,
      authorName: users.name,
    })
    .from(judgementResponses)
    .innerJoin(users, eq(users.id, judgementResponses.authorId))
    .where(
      and(
        eq(judgementResponses.learnerId, learnerId),
        inArray(
          judgementResponses.judgementId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(judgementResponses.activitySeq);
  for (const r of responseRows) {
    const list = responses.get(r.judgementId) ?? [];
    list.push({ id: r.id, note: r.note, authorName: r.authorName, at: r.at.toISOString() });
    responses.set(r.judgementId, list);
  }
  for (const r of rows) {
    const list = out.get(r.criterionId) ?? [];
    list.push({
      id: r.id,
      criterionId: r.criterionId,
      outcome: r.outcome,
      feedback: r.feedback,
      assessorName: r.assessorName,
      at: r.createdAt.toISOString(),
      cited: r.evidenceIds.map((id) => ({ id, title: titles.get(id) ?? 'Evidence' })),
      responses: responses.get(r.id) ?? [],
    });
    out.set(r.criterionId, list);
  }
  return out;
}

export interface EvidenceSummary {
  id: string;
  kind: string;
  title: string;
  occurredOn: string;
  description: string;
  body: string | null;
  url: string | null;
  /** A witness statement's witness, and their answer by link (lib/links/witness.ts). */
  witness: { name: string; role: string; contact: string; confirmation: WitnessConfirmation | null } | null;
  authorName: string;
  isRecord: boolean;
  file: { id: string; name: string; sizeBytes: number; contentType: string } | null;
  criteria: { id: string; label: string; note: string; activitySeq: number }[];
  version: number;
  supersedesId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The learner's current evidence (newest first), with files and mapped criteria. Two queries. */
export async function evidenceSummaries(db: DbOrTx, learnerId: string): Promise<EvidenceSummary[]> {
  const author = alias(users, 'author');
  const rows = await db
    .select({
      e: evidence,
      authorName: author.name,
      file: {
        id: evidenceFiles.id,
        name: evidenceFiles.originalName,
        sizeBytes: evidenceFiles.sizeBytes,
        contentType: evidenceFiles.contentType,
      },
    })
    .from(evidence)
    .innerJoin(author, eq(author.id, evidence.authorId))
    .leftJoin(evidenceFiles, eq(evidenceFiles.id, evidence.fileId))
    .where(and(eq(evidence.learnerId, learnerId), isNull(evidence.supersededBy)))
    .orderBy(desc(evidence.occurredOn), desc(evidence.createdAt));
  if (rows.length === 0) return [];
  const maps = await db
    .select({
      evidenceId: evidenceCriteria.evidenceId,
      criterionId: evidenceCriteria.criterionId,
      note: evidenceCriteria.note,
      seq: evidenceCriteria.activitySeq,
    })
    .from(evidenceCriteria)
    .where(
      and(
        eq(evidenceCriteria.learnerId, learnerId),
        inArray(
          evidenceCriteria.evidenceId,
          rows.map((r) => r.e.id),
        ),
      ),
    )
    .orderBy(evidenceCriteria.criterionId);
  const witness = await witnessStatuses(
    db,
    rows.map((r) => r.e),
  );
  const evidenceSeq = new Map(rows.map((r) => [r.e.id, r.e.activitySeq]));
  const byEvidence = new Map<string, EvidenceSummary['criteria']>();
  for (const m of maps) {
    const list = byEvidence.get(m.evidenceId) ?? [];
    list.push({
      id: m.criterionId,
      label: describeItem(m.criterionId).label,
      note: m.note,
      activitySeq: Math.max(m.seq, evidenceSeq.get(m.evidenceId) ?? 0),
    });
    byEvidence.set(m.evidenceId, list);
  }
  return rows.map(({ e, authorName, file }) => ({
    id: e.id,
    kind: e.kind,
    title: e.title,
    occurredOn: e.occurredOn,
    description: e.description,
    body: e.body,
    url: e.url,
    witness:
      e.kind === 'witness'
        ? {
            name: e.witnessName ?? '',
            role: e.witnessRole ?? '',
            contact: e.witnessContact ?? '',
            confirmation: witness.get(e.id)?.confirmation ?? null,
          }
        : null,
    authorName,
    isRecord: isAssessorKind(e.kind),
    file: file?.id ? file : null,
    criteria: sortCriteria(byEvidence.get(e.id) ?? []),
    version: e.version,
    supersedesId: e.supersedesId,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  }));
}

function sortCriteria<T extends { id: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => documentOrder(a.id) - documentOrder(b.id));
}
