import 'server-only';
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { getDb } from '@/db/client';
import { decisionInForce } from '@/lib/progress/unit';
import { enrolments, reportDecisions, reportDrafts, reportUploads } from '@/db/schema';
import { audit } from '@/lib/audit';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { getFileStore } from '@/lib/files/store';
import { formatDateTime } from '@/lib/format';
import { authorize, type Actor } from '@/lib/permissions';
import { recordAuthorship } from './authorship';
import { readDocx } from './docx';
import { MAX_DOCX_BYTES } from './limits';
import { sha256Hex } from '@/lib/hash';
import { draftView, findDraft, learnerName, loadLearnerReport } from './repo';
import type { SaveDraftInput } from './schemas';
import type { DraftView, LearnerReport, SectionTags } from './types';
import { allCriterionIds, REPORT_MODULE_SLUG, reportUnit } from './unit';

const CONFLICT_MESSAGE =
  'Your report was changed somewhere else (another tab or device) since this page loaded. Nothing was overwritten: choose which version to keep.';

/** The learner's report as the learner (or their staff) sees it. */
export async function getLearnerReport(
  actor: Actor,
  learnerId: string,
): Promise<LearnerReport & { enrolled: boolean }> {
  const db = getDb();
  await authorize(actor, 'report.view', learnerId, db);
  const name = await learnerName(db, learnerId);
  if (!name) throw new NotFoundError('We could not find that learner.');
  return { ...(await loadLearnerReport(db, learnerId, name)), enrolled: await isEnrolled(db, learnerId) };
}

async function isEnrolled(db: DbOrTx, learnerId: string): Promise<boolean> {
  const [row] = await db
    .select({ learnerId: enrolments.learnerId })
    .from(enrolments)
    .where(and(eq(enrolments.learnerId, learnerId), eq(enrolments.moduleSlug, REPORT_MODULE_SLUG)));
  return Boolean(row);
}

/** Only learners enrolled on the unit write its report. */
export async function assertEnrolled(db: DbOrTx, learnerId: string): Promise<void> {
  if (!(await isEnrolled(db, learnerId))) {
    const unit = reportUnit();
    throw new ForbiddenError(
      `You are not enrolled on unit ${unit.code}, so there is no report to write for it. Ask your coach if you think you should be.`,
    );
  }
}

/** A signed-off report is final: its learner cannot change the draft or submit again. */
export async function assertNotSignedOff(db: DbOrTx, learnerId: string): Promise<void> {
  const [signed] = await db
    .select({ decidedAt: reportDecisions.decidedAt })
    .from(reportDecisions)
    .where(
      and(
        eq(reportDecisions.learnerId, learnerId),
        eq(reportDecisions.moduleSlug, REPORT_MODULE_SLUG),
        eq(reportDecisions.outcome, 'signed_off'),
        decisionInForce,
      ),
    );
  if (signed) {
    throw new ForbiddenError(
      `Your report was signed off on ${formatDateTime(signed.decidedAt)}, so it can no longer be changed.`,
    );
  }
}

function checkTags(tags: SectionTags): SectionTags {
  const known = new Set(allCriterionIds(reportUnit()));
  const out: SectionTags = {};
  for (const [key, ids] of Object.entries(tags)) {
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length)
      throw new ValidationError(`"${unknown[0]}" is not an assessment criterion of this unit.`, {
        sectionTags: 'Unknown criterion.',
      });
    if (ids.length) out[key] = [...new Set(ids)];
  }
  return out;
}

function sameTags(a: SectionTags, b: SectionTags): boolean {
  const norm = (t: SectionTags) =>
    JSON.stringify(
      Object.entries(t)
        .filter(([, v]) => v.length)
        .map(([k, v]) => [k, [...v].sort()])
        .sort(),
    );
  return norm(a) === norm(b);
}

function fingerprint(content: string) {
  return { chars: content.length, sha256: sha256Hex(content) };
}

async function conflict(db: DbOrTx, learnerId: string): Promise<never> {
  const current = await findDraft(db, learnerId);
  throw new ConflictError(CONFLICT_MESSAGE, current ? await draftView(db, current) : null);
}

/**
 * Autosave. `version` is the draft version the text was based on (0 when there was no draft yet);
 * a stale version is refused with the stored draft, so the learner can see both and choose.
 */
export async function saveDraft(
  actor: Actor,
  learnerId: string,
  input: SaveDraftInput,
): Promise<{ version: number; updatedAt: string }> {
  const db = getDb();
  await authorize(actor, 'report.write', learnerId, db);
  await assertEnrolled(db, learnerId);
  const tags = checkTags(input.sectionTags);
  return db.transaction(async (tx) => {
    await assertNotSignedOff(tx, learnerId);
    const existing = await findDraft(tx, learnerId);
    if (!existing) {
      if (input.version !== 0) return conflict(tx, learnerId);
      const [created] = await tx
        .insert(reportDrafts)
        .values({ learnerId, moduleSlug: REPORT_MODULE_SLUG, content: input.content, sectionTags: tags })
        .onConflictDoNothing()
        .returning();
      if (!created) return conflict(tx, learnerId);
      await recordAuthorship(tx, {
        learnerId,
        moduleSlug: REPORT_MODULE_SLUG,
        draftVersion: created.version,
        source: 'editor',
        before: '',
        after: created.content,
        pastedWords: input.pastedWords,
      });
      await audit(tx, {
        actorId: actor.id,
        action: 'report.draft.create',
        subjectType: 'report_draft',
        subjectId: created.id,
        learnerId,
        after: { version: created.version, ...fingerprint(created.content) },
      });
      return { version: created.version, updatedAt: created.updatedAt.toISOString() };
    }
    if (existing.version !== input.version) return conflict(tx, learnerId);
    const contentChanged = existing.content !== input.content;
    if (!contentChanged && sameTags(existing.sectionTags, tags)) {
      return { version: existing.version, updatedAt: existing.updatedAt.toISOString() };
    }
    const [updated] = await tx
      .update(reportDrafts)
      .set({
        content: input.content,
        sectionTags: tags,
        version: sql`${reportDrafts.version} + 1`,
        updatedAt: sql`now()`,
        // Edited text is no longer the uploaded document.
        ...(contentChanged ? { source: 'editor' as const, uploadId: null } : {}),
      })
      .where(
        and(
          eq(reportDrafts.id, existing.id),
          eq(reportDrafts.learnerId, learnerId),
          eq(reportDrafts.version, input.version),
        ),
      )
      .returning();
    if (!updated) return conflict(tx, learnerId);
    if (contentChanged) {
      await recordAuthorship(tx, {
        learnerId,
        moduleSlug: REPORT_MODULE_SLUG,
        draftVersion: updated.version,
        source: 'editor',
        before: existing.content,
        after: updated.content,
        pastedWords: input.pastedWords,
      });
    }
    await audit(tx, {
      actorId: actor.id,
      action: 'report.draft.save',
      subjectType: 'report_draft',
      subjectId: updated.id,
      learnerId,
      before: {
        version: existing.version,
        ...fingerprint(existing.content),
        sections: Object.keys(existing.sectionTags).length,
      },
      after: { version: updated.version, ...fingerprint(updated.content), sections: Object.keys(tags).length },
    });
    return { version: updated.version, updatedAt: updated.updatedAt.toISOString() };
  });
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(CONTROL_CHARACTERS, '').trim().slice(0, 200);
  return clean || 'report.docx';
}

export interface ImportResult {
  draft: DraftView;
  notes: string[];
  headings: number;
}

/**
 * Replaces the draft's text with an uploaded .docx (kept as uploaded in the file store). Refused,
 * with nothing stored, when the file cannot be read or the draft changed since the page loaded.
 */
export async function importDocx(
  actor: Actor,
  learnerId: string,
  input: { version: number; fileName: string; bytes: Buffer },
): Promise<ImportResult> {
  const db = getDb();
  await authorize(actor, 'report.write', learnerId, db);
  await assertEnrolled(db, learnerId);
  await assertNotSignedOff(db, learnerId);
  const fileName = cleanFileName(input.fileName);
  if (!/\.docx$/i.test(fileName)) {
    throw new ValidationError(
      'Upload a Word document ending in .docx (in Word or LibreOffice: Save As ▸ Word Document).',
      { file: 'Only .docx files.' },
    );
  }
  if (input.bytes.length > MAX_DOCX_BYTES) {
    throw new ValidationError(
      `This file is larger than ${MAX_DOCX_BYTES / 1024 / 1024} MB. A report's text is far smaller: remove large images and try again.`,
      { file: 'Too large.' },
    );
  }
  const doc = await readDocx(input.bytes);

  const key = crypto.randomUUID();
  const store = getFileStore();
  await store.put(key, new Uint8Array(input.bytes));
  try {
    const draft = await db.transaction(async (tx) => {
      await assertNotSignedOff(tx, learnerId);
      const [upload] = await tx
        .insert(reportUploads)
        .values({
          learnerId,
          moduleSlug: REPORT_MODULE_SLUG,
          fileName,
          byteSize: input.bytes.length,
          sha256: crypto.createHash('sha256').update(input.bytes).digest('hex'),
          storageKey: key,
        })
        .returning();
      const existing = await findDraft(tx, learnerId);
      let row;
      if (!existing) {
        if (input.version !== 0) return conflict(tx, learnerId);
        [row] = await tx
          .insert(reportDrafts)
          .values({
            learnerId,
            moduleSlug: REPORT_MODULE_SLUG,
            content: doc.markdown,
            source: 'docx',
            uploadId: upload!.id,
          })
          .onConflictDoNothing()
          .returning();
      } else {
        [row] = await tx
          .update(reportDrafts)
          .set({
            content: doc.markdown,
            source: 'docx',
            uploadId: upload!.id,
            version: sql`${reportDrafts.version} + 1`,
            updatedAt: sql`now()`,
          })
          .where(
            and(
              eq(reportDrafts.id, existing.id),
              eq(reportDrafts.learnerId, learnerId),
              eq(reportDrafts.version, input.version),
            ),
          )
          .returning();
      }
      if (!row) return conflict(tx, learnerId);
      await recordAuthorship(tx, {
        learnerId,
        moduleSlug: REPORT_MODULE_SLUG,
        draftVersion: row.version,
        source: 'docx',
        before: existing?.content ?? '',
        after: row.content,
      });
      await audit(tx, {
        actorId: actor.id,
        action: 'report.upload',
        subjectType: 'report_draft',
        subjectId: row.id,
        learnerId,
        before: existing ? { version: existing.version, ...fingerprint(existing.content) } : null,
        after: {
          version: row.version,
          ...fingerprint(row.content),
          uploadId: upload!.id,
          fileName,
          byteSize: input.bytes.length,
          headings: doc.headings,
        },
      });
      return draftView(tx, row);
    });
    return { draft, notes: doc.notes, headings: doc.headings };
  } catch (e) {
    // Nothing refers to the stored bytes when the transaction did not commit.
    await store.delete(key).catch(() => {});
    throw e;
  }
}

/** The uploaded document, for the learner and their staff to download. */
export async function getUpload(
  actor: Actor,
  learnerId: string,
  uploadId: string,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const db = getDb();
  await authorize(actor, 'report.view', learnerId, db);
  const [row] = await db
    .select()
    .from(reportUploads)
    .where(and(eq(reportUploads.id, uploadId), eq(reportUploads.learnerId, learnerId)));
  if (!row) throw new NotFoundError('We could not find that document.');
  const bytes = await getFileStore().get(row.storageKey);
  if (!bytes) throw new NotFoundError('The stored document is missing. Ask an administrator to check the file store.');
  return { fileName: row.fileName, bytes };
}
