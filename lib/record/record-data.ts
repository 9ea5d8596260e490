import crypto from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  enrolments,
  evidence,
  evidenceCriteria,
  evidenceFiles,
  judgementResponses,
  judgements,
  qaDecisions,
  qaSampleItems,
  reportAuthorship,
  reportAcJudgements,
  reportCountersignatures,
  reportDecisions,
  reportVersions,
  users,
} from '@/db/schema';
import { assessableItems, getModule } from '@/lib/content';
import { centreNameSetting } from '@/lib/env';
import { describeItem } from '@/lib/evidence/criteria';
import { sha256Hex } from '@/lib/hash';
import { sealChain } from './audit-seal';
import { RECORD_FORMAT, RECORD_FORMAT_VERSION, type LearnerRecord, type RecordEvidence } from './record-schema';

/**
 * Gathers one learner's whole record from the database, every module they are enrolled on: what record.json holds.
 * Raw rows, not the portfolio pages' summaries, so each item keeps its own id (what an import keys on) and nothing
 * is left out for being superseded or not yet judged. Permission is the caller's (lib/record/export.ts).
 */

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** A file's name as a ZIP entry: ASCII letters, digits, dot, dash and underscore only, never a path. */
function safeEntryName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(-100);
  return cleaned || 'file';
}

export interface GatheredRecord {
  record: LearnerRecord;
  /** Evidence files to put in the ZIP: the path in record.json and the store key to read the bytes from. */
  files: { path: string; storageKey: string; sha256: string }[];
}

export async function gatherRecord(db: Db, learnerId: string, issuerKid: string): Promise<GatheredRecord> {
  const [learner] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, learnerId));
  if (!learner) throw new Error(`no learner ${learnerId}`);

  const [enrolled, evidenceRows, mappingRows, judgementRows, replyRows, versionRows, decisionRows] = await Promise.all([
    db
      .select({ slug: enrolments.moduleSlug, at: enrolments.enrolledAt })
      .from(enrolments)
      .where(eq(enrolments.learnerId, learnerId))
      .orderBy(asc(enrolments.moduleSlug)),
    // Current evidence only: a superseded row's content lives on in its successor, and judgements cite by id.
    db
      .select({ e: evidence, f: evidenceFiles })
      .from(evidence)
      .leftJoin(evidenceFiles, eq(evidenceFiles.id, evidence.fileId))
      .where(and(eq(evidence.learnerId, learnerId), isNull(evidence.supersededBy)))
      .orderBy(asc(evidence.createdAt), asc(evidence.id)),
    db
      .select()
      .from(evidenceCriteria)
      .where(eq(evidenceCriteria.learnerId, learnerId))
      .orderBy(asc(evidenceCriteria.activitySeq)),
    db.select().from(judgements).where(eq(judgements.learnerId, learnerId)).orderBy(asc(judgements.activitySeq)),
    db
      .select()
      .from(judgementResponses)
      .where(eq(judgementResponses.learnerId, learnerId))
      .orderBy(asc(judgementResponses.activitySeq)),
    db
      .select()
      .from(reportVersions)
      .where(eq(reportVersions.learnerId, learnerId))
      .orderBy(asc(reportVersions.moduleSlug), asc(reportVersions.number)),
    db
      .select()
      .from(reportDecisions)
      .where(eq(reportDecisions.learnerId, learnerId))
      .orderBy(asc(reportDecisions.decidedAt)),
  ]);
  const decisionIds = decisionRows.map((d) => d.id);
  const [acRows, countersignRows, qaRows, authorshipRows] = await Promise.all([
    decisionIds.length
      ? db.select().from(reportAcJudgements).where(inArray(reportAcJudgements.decisionId, decisionIds))
      : Promise.resolve([]),
    db.select().from(reportCountersignatures).where(eq(reportCountersignatures.learnerId, learnerId)),
    db
      .select({ d: qaDecisions, i: qaSampleItems })
      .from(qaDecisions)
      .innerJoin(qaSampleItems, eq(qaSampleItems.id, qaDecisions.itemId))
      .where(eq(qaSampleItems.learnerId, learnerId))
      .orderBy(asc(qaDecisions.createdAt)),
    db
      .select()
      .from(reportAuthorship)
      .where(eq(reportAuthorship.learnerId, learnerId))
      .orderBy(asc(reportAuthorship.moduleSlug), asc(reportAuthorship.at), asc(reportAuthorship.draftVersion)),
  ]);

  // Everyone named in the record, in one query.
  const peopleIds = new Set<string>([
    ...evidenceRows.map((r) => r.e.authorId),
    ...judgementRows.map((j) => j.assessorId),
    ...replyRows.map((r) => r.authorId),
    ...decisionRows.map((d) => d.assessorId),
    ...countersignRows.map((c) => c.iqaId),
    ...qaRows.map((q) => q.d.iqaId),
  ]);
  const people = new Map(
    (peopleIds.size
      ? await db
          .select({ id: users.id, name: users.name, email: users.email, role: users.role })
          .from(users)
          .where(inArray(users.id, [...peopleIds]))
      : []
    ).map((p) => [p.id, p]),
  );
  // Staff are named with their work email; a learner's own email is in `learner` already.
  const who = (id: string) => {
    const p = people.get(id);
    return { name: p?.name ?? 'Unknown', email: p && p.role !== 'learner' ? p.email : null };
  };

  const modules = enrolled.flatMap(({ slug, at }) => {
    const mod = getModule(slug);
    if (!mod) return [];
    return [
      {
        slug,
        code: mod.code,
        title: mod.title,
        kind: mod.kind,
        enrolledAt: iso(at),
        criteria: assessableItems(slug).map((item) => {
          const d = describeItem(item.id);
          return { id: item.id, label: d.label, group: d.group ?? null, text: d.text, textSha256: sha256Hex(d.text) };
        }),
      },
    ];
  });

  const files: GatheredRecord['files'] = [];
  const evidenceList: RecordEvidence[] = evidenceRows.map(({ e, f }) => {
    let file: RecordEvidence['file'] = null;
    if (f) {
      const path = `files/${f.id}/${safeEntryName(f.originalName)}`;
      file = { path, name: f.originalName, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256 };
      files.push({ path, storageKey: f.storageKey, sha256: f.sha256 });
    }
    return {
      id: e.id,
      kind: e.kind,
      title: e.title,
      occurredOn: e.occurredOn,
      description: e.description,
      text: e.body,
      url: e.url,
      witness: e.witnessName
        ? { name: e.witnessName, role: e.witnessRole ?? '', contact: e.witnessContact ?? '' }
        : null,
      recordedBy: who(e.authorId),
      recordedAt: iso(e.createdAt),
      version: e.version,
      file,
      mappings: mappingRows
        .filter((m) => m.evidenceId === e.id)
        .map((m) => ({
          criterionId: m.criterionId,
          moduleSlug: m.moduleSlug,
          note: m.note,
          mappedAt: iso(m.createdAt),
        })),
    };
  });

  const record: LearnerRecord = {
    format: RECORD_FORMAT,
    formatVersion: RECORD_FORMAT_VERSION,
    recordId: crypto.randomUUID(),
    exportedAt: new Date().toISOString(),
    issuer: { name: centreNameSetting(), url: process.env.NEXTAUTH_URL ?? null, kid: issuerKid },
    learner: { id: learner.id, name: learner.name, email: learner.email },
    modules,
    evidence: evidenceList,
    judgements: judgementRows.map((j) => ({
      id: j.id,
      criterionId: j.criterionId,
      moduleSlug: j.moduleSlug,
      outcome: j.outcome,
      feedback: j.feedback,
      assessor: who(j.assessorId),
      at: iso(j.createdAt),
      citedEvidence: j.evidenceIds,
      learnerReplies: replyRows
        .filter((r) => r.judgementId === j.id)
        .map((r) => ({ note: r.note, by: who(r.authorId).name, at: iso(r.createdAt) })),
    })),
    reportVersions: versionRows.map((v) => ({
      id: v.id,
      moduleSlug: v.moduleSlug,
      number: v.number,
      submittedAt: iso(v.submittedAt),
      text: v.content,
      contentHash: v.contentHash,
      totalWords: v.totalWords,
      countedWords: v.countedWords,
      declaration: v.declaration,
      decisions: decisionRows
        .filter((d) => d.versionId === v.id)
        .map((d) => ({
          id: d.id,
          outcome: d.outcome,
          assessor: who(d.assessorId),
          decidedAt: iso(d.decidedAt),
          feedback: d.feedback,
          declaration: d.declaration,
          contentHash: d.contentHash,
          countedWords: d.countedWords,
          criteria: acRows
            .filter((a) => a.decisionId === d.id)
            .map((a) => ({ acId: a.acId, outcome: a.outcome, feedback: a.feedback })),
          countersignatures: countersignRows
            .filter((c) => c.reportDecisionId === d.id)
            .map((c) => ({
              iqa: who(c.iqaId),
              at: iso(c.createdAt),
              contentHash: c.contentHash,
              declaration: c.declaration,
            })),
        })),
    })),
    qaDecisions: qaRows.map(({ d, i }) => ({
      id: d.id,
      kind: i.kind,
      subjectId: (i.judgementId ?? i.reportDecisionId)!,
      moduleSlug: i.moduleSlug,
      criterionId: i.criterionId,
      verdict: d.verdict,
      feedback: d.feedback,
      iqa: who(d.iqaId),
      at: iso(d.createdAt),
    })),
    authorship: authorshipRows.map((a) => ({
      moduleSlug: a.moduleSlug,
      at: iso(a.at),
      source: a.source,
      words: a.words,
      added: a.wordsAdded,
      removed: a.wordsRemoved,
      pastedWords: a.pastedWords,
      largePaste: a.largePaste,
    })),
    // Sealed at export: the record carries a signed head that this database's chain must still contain later.
    auditChain: await sealHead(db),
  };
  return { record, files };
}

async function sealHead(db: Db): Promise<LearnerRecord['auditChain']> {
  const seal = await sealChain(db);
  return { seq: seal.seq, hash: seal.hash, sealedAt: seal.sealedAt, kid: seal.kid, seal: seal.jws };
}
