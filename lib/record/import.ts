import crypto from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { JWK } from 'jose';
import { getDb, isUniqueViolation, type Db } from '@/db/client';
import { currentWording } from '@/lib/content/wording';
import {
  enrolments,
  evidence,
  evidenceCriteria,
  evidenceFiles,
  importedEvidence,
  judgements,
  priorDecisions,
  recordImports,
  reportDecisions,
  users,
  type EvidenceKind,
} from '@/db/schema';
import { audit } from '@/lib/audit';
import { getItem, getModule } from '@/lib/content';
import { newFileKey } from '@/lib/files/keys';
import { getFileStore } from '@/lib/files/store';
import { authorizeAdmin, type Actor } from '@/lib/permissions';
import { MANIFEST_PATH } from './bundle';
import { parsePublicJwks } from './jwk';
import { publishedKeys } from './keys';
import type { LearnerRecord } from './record-schema';
import { describeAttestation, verifyRecordZip } from './verify-bundle';

/**
 * Brings a verified learner record from another Criterion into this one (issue 22): the learner (matched by email,
 * or created), their enrolments, their evidence with its files and mappings, and the other centre's decisions as
 * recognised prior decisions (prior_decisions: who, where, when), never as this centre's own judgements. Criteria
 * are matched by their stable id; a record naming a criterion or module this Criterion does not have is refused
 * whole. Importing the same record again changes nothing; a later record of the same learner adds only what is new.
 *
 * Which keys are trusted: this Criterion's own (current and retired) and the other centres' public keys an operator
 * lists in RECORD_TRUSTED_KEYS (a JWKS), or, from the command line, the JWKS given with --jwks.
 */

export type ImportResult =
  | { ok: true; alreadyImported: boolean; importId: string; learnerId: string; summary: string[] }
  | { ok: false; problem: string };

/** The keys an import trusts when none are given: this Criterion's own and RECORD_TRUSTED_KEYS. */
async function trustedKeys(): Promise<{ keys: JWK[] }> {
  const own = (await publishedKeys()).keys;
  const others = process.env.RECORD_TRUSTED_KEYS
    ? parsePublicJwks(process.env.RECORD_TRUSTED_KEYS, 'RECORD_TRUSTED_KEYS')
    : [];
  // A key both ours and listed as trusted is one key: jose refuses a set where two keys match.
  const ownKids = new Set(own.map((k) => k.kid));
  return {
    keys: [...own, ...others.filter((k) => !k.kid || !ownKids.has(k.kid)).map((k) => ({ ...k, alg: 'EdDSA' }))],
  };
}

/** The largest record an administrator may upload: evidence files included. */
export const MAX_RECORD_BYTES = 100 * 1024 * 1024;

const EVIDENCE_KINDS: readonly string[] = ['account', 'file', 'link', 'observation', 'discussion', 'witness'];
const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/** Criteria and modules the record names that this Criterion does not have; empty when every id is known. */
function unknownIds(r: LearnerRecord): string[] {
  const modules = r.modules.filter((m) => !getModule(m.slug)).map((m) => `module ${m.slug}`);
  const ids = new Set<string>();
  for (const m of r.modules) for (const c of m.criteria) ids.add(c.id);
  for (const e of r.evidence) for (const m of e.mappings) ids.add(m.criterionId);
  for (const j of r.judgements) ids.add(j.criterionId);
  return [...[...ids].filter((id) => !getItem(id)), ...modules];
}

export async function importRecord(
  actor: Actor | null,
  zipBytes: Uint8Array,
  opts: { jwks?: { keys: JWK[] } } = {},
  db: Db = getDb(),
): Promise<ImportResult> {
  if (actor) authorizeAdmin(actor);
  const check = await verifyRecordZip(zipBytes, opts.jwks ?? (await trustedKeys()));
  if (!check.ok) {
    return {
      ok: false,
      problem: check.problem.includes('signed with a key that is not known')
        ? `${check.problem.replace(/: fetch the .*$/, '')}. This Criterion does not trust that key: add the issuing centre's public keys (its /.well-known/criterion-keys.json) to RECORD_TRUSTED_KEYS, then import again. Nothing was imported.`
        : `The record did not verify: ${check.problem}. Nothing was imported.`,
    };
  }
  const r = check.record;
  const unknown = unknownIds(r);
  if (unknown.length) {
    return {
      ok: false,
      problem: `This Criterion does not have ${unknown.length === 1 ? 'this criterion' : 'these criteria'}: ${unknown.slice(0, 8).join(', ')}${unknown.length > 8 ? ` and ${unknown.length - 8} more` : ''}. Records are matched by criterion id, so nothing was imported; add the content first, or ask the sending centre for a record of the units you offer.`,
    };
  }
  const badKind = r.evidence.find((e) => !EVIDENCE_KINDS.includes(e.kind) && e.kind !== 'worksheet');
  if (badKind)
    return {
      ok: false,
      problem: `Evidence "${badKind.title}" is of a kind this Criterion does not know (${badKind.kind}). Nothing was imported.`,
    };

  const [previous] = await db.select().from(recordImports).where(eq(recordImports.recordId, r.recordId));
  if (previous) return already(previous.id, previous.learnerId, previous.importedAt, r);

  const email = r.learner.email.trim().toLowerCase();
  const [existing] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email));
  if (existing && existing.role !== 'learner') {
    return {
      ok: false,
      problem: `${email} belongs to ${existing.role === 'admin' || existing.role === 'assessor' || existing.role === 'eqa' ? 'an' : 'a'} ${existing.role} account here, not a learner. Nothing was imported.`,
    };
  }
  // Evidence already brought in by an earlier record of the same learner is not brought in twice.
  const known = new Set(
    existing
      ? (
          await db
            .select({ sourceId: importedEvidence.sourceId })
            .from(importedEvidence)
            .where(
              and(
                eq(importedEvidence.learnerId, existing.id),
                inArray(
                  importedEvidence.sourceId,
                  r.evidence.map((e) => e.id),
                ),
              ),
            )
        ).map((x) => x.sourceId)
      : [],
  );
  // A record this Criterion exported itself names rows that are here already (the same ids): those are not
  // brought in again, so importing one's own record changes nothing but the import's own row.
  const own = await localIds(db, r);
  const fresh = r.evidence.filter((e) => !known.has(e.id) && !own.has(e.id));

  // The bytes go to the store first (a store is not transactional); if the rows then fail, they are removed again.
  const store = getFileStore();
  const stored = new Map<string, { key: string; bytes: Uint8Array }>();
  try {
    for (const e of fresh) {
      if (!e.file) continue;
      const bytes = check.entries.get(e.file.path)!;
      const key = newFileKey();
      await store.put(key, bytes);
      stored.set(e.id, { key, bytes });
    }
    const manifestSha = sha(check.entries.get(MANIFEST_PATH)!);
    const centre = r.issuer.url ?? r.issuer.name;
    const result = await db.transaction(async (tx) => {
      let learnerId = existing?.id;
      if (!learnerId) {
        // No password: the learner sets one through the centre's reset, or signs in with single sign-on.
        const [created] = await tx
          .insert(users)
          .values({ email, name: r.learner.name, role: 'learner' })
          .returning({ id: users.id });
        learnerId = created!.id;
      }
      const [imp] = await tx
        .insert(recordImports)
        .values({
          recordId: r.recordId,
          learnerId,
          issuerName: r.issuer.name,
          issuerUrl: r.issuer.url,
          kid: check.attests.kid,
          manifestSha256: manifestSha,
          exportedAt: new Date(r.exportedAt),
          importedBy: actor?.id ?? null,
          summary: check.attests,
        })
        .returning({ id: recordImports.id });
      const importId = imp!.id;
      const slugs = r.modules.map((m) => m.slug);
      if (slugs.length) {
        await tx
          .insert(enrolments)
          .values(slugs.map((moduleSlug) => ({ learnerId: learnerId!, moduleSlug })))
          .onConflictDoNothing();
      }
      for (const e of fresh) {
        let fileId: string | null = null;
        const file = stored.get(e.id);
        if (file && e.file) {
          const [f] = await tx
            .insert(evidenceFiles)
            .values({
              learnerId,
              storageKey: file.key,
              originalName: e.file.name,
              contentType: e.file.contentType,
              sizeBytes: file.bytes.byteLength,
              sha256: sha(file.bytes),
              uploadedBy: learnerId,
            })
            .returning({ id: evidenceFiles.id });
          fileId = f!.id;
        }
        const [row] = await tx
          .insert(evidence)
          .values({
            learnerId,
            authorId: learnerId,
            // A worksheet hand-in stays at the other centre: its written record comes as an account.
            kind: (e.kind === 'worksheet' ? 'account' : e.kind) as EvidenceKind,
            title: e.title,
            occurredOn: e.occurredOn,
            description: e.description,
            body: e.text,
            url: e.url,
            witnessName: e.witness?.name ?? null,
            witnessRole: e.witness?.role ?? null,
            witnessContact: e.witness?.contact ?? null,
            fileId,
          })
          .returning({ id: evidence.id });
        if (e.mappings.length) {
          await tx.insert(evidenceCriteria).values(
            e.mappings.map((m) => ({
              evidenceId: row!.id,
              criterionId: m.criterionId,
              moduleSlug: getItem(m.criterionId)!.moduleSlug,
              learnerId: learnerId!,
              note: m.note,
              // Mapped here, now, to this portal's wording of the criterion.
              criterionHash: currentWording(m.criterionId) ?? null,
            })),
          );
        }
        await tx.insert(importedEvidence).values({
          evidenceId: row!.id,
          learnerId,
          importId,
          sourceId: e.id,
          recordedBy: e.recordedBy.name,
        });
      }
      const decisions = [
        ...r.judgements
          .filter((j) => !own.has(j.id))
          .map((j) => ({
            learnerId: learnerId!,
            importId,
            sourceId: j.id,
            kind: 'judgement' as const,
            moduleSlug: getItem(j.criterionId)!.moduleSlug,
            criterionId: j.criterionId,
            outcome: j.outcome,
            feedback: j.feedback,
            decidedBy: j.assessor.name,
            decidedByEmail: j.assessor.email,
            centre,
            decidedAt: new Date(j.at),
            contentHash: null,
          })),
        ...r.reportVersions.flatMap((v) =>
          v.decisions
            .filter((d) => d.outcome === 'signed_off' && !own.has(d.id))
            .map((d) => ({
              learnerId: learnerId!,
              importId,
              sourceId: d.id,
              kind: 'sign_off' as const,
              moduleSlug: v.moduleSlug,
              criterionId: null,
              outcome: 'signed_off',
              feedback: d.feedback,
              decidedBy: d.assessor.name,
              decidedByEmail: d.assessor.email,
              centre,
              decidedAt: new Date(d.decidedAt),
              contentHash: d.contentHash,
            })),
        ),
      ];
      const added = decisions.length
        ? await tx.insert(priorDecisions).values(decisions).onConflictDoNothing().returning({ id: priorDecisions.id })
        : [];
      await audit(tx, {
        actorId: actor?.id ?? null,
        action: 'record.imported',
        subjectType: 'record_import',
        subjectId: importId,
        learnerId,
        after: {
          recordId: r.recordId,
          issuer: centre,
          kid: check.attests.kid,
          manifestSha256: manifestSha,
          learnerCreated: !existing,
          evidence: fresh.length,
          priorDecisions: added.length,
        },
      });
      return { importId, learnerId, evidence: fresh.length, decisions: added.length };
    });
    return {
      ok: true,
      alreadyImported: false,
      importId: result.importId,
      learnerId: result.learnerId,
      summary: [
        `Record imported from ${centre}${existing ? '' : ' (a new learner account was created, without a password)'}:`,
        ...describeAttestation(check.attests).slice(1),
        `  Brought in: ${result.evidence} piece(s) of evidence, ${result.decisions} recognised prior decision(s)${known.size ? `; ${known.size} piece(s) of evidence were already here` : ''}.`,
      ],
    };
  } catch (e) {
    await Promise.all([...stored.values()].map((f) => store.delete(f.key).catch(() => {})));
    if (isUniqueViolation(e)) {
      // Someone imported the same record at the same moment: theirs stands.
      const [prev] = await db.select().from(recordImports).where(eq(recordImports.recordId, r.recordId));
      if (prev) return already(prev.id, prev.learnerId, prev.importedAt, r);
    }
    throw e;
  }
}

/** Ids in the record that are rows of this database already: evidence, judgements, report decisions. */
async function localIds(db: Db, r: LearnerRecord): Promise<Set<string>> {
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
  const evidenceIds = ids(r.evidence);
  const judgementIds = ids(r.judgements);
  const decisionIds = r.reportVersions.flatMap((v) => ids(v.decisions));
  const found = await Promise.all([
    evidenceIds.length ? db.select({ id: evidence.id }).from(evidence).where(inArray(evidence.id, evidenceIds)) : [],
    judgementIds.length
      ? db.select({ id: judgements.id }).from(judgements).where(inArray(judgements.id, judgementIds))
      : [],
    decisionIds.length
      ? db.select({ id: reportDecisions.id }).from(reportDecisions).where(inArray(reportDecisions.id, decisionIds))
      : [],
  ]);
  return new Set(found.flat().map((x) => x.id));
}

function already(importId: string, learnerId: string, at: Date, r: LearnerRecord): ImportResult {
  return {
    ok: true,
    alreadyImported: true,
    importId,
    learnerId,
    summary: [
      `Record ${r.recordId} of ${r.learner.name} was already imported on ${at.toISOString()}: nothing changed.`,
    ],
  };
}
