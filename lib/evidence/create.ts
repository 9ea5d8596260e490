import 'server-only';
import crypto from 'node:crypto';
import { getDb, type DbOrTx } from '@/db/client';
import { evidence, evidenceCriteria, evidenceFiles } from '@/db/schema';
import { audit } from '@/lib/audit';
import { ValidationError } from '@/lib/errors';
import { fileSettings } from '@/lib/files/config';
import { FileTooLargeError } from '@/lib/files/errors';
import { newFileKey } from '@/lib/files/keys';
import { checkUpload } from '@/lib/files/sniff';
import { getFileStore } from '@/lib/files/store';
import { authorize, type Actor } from '@/lib/permissions';
import { enrolledSlugs, resolveMappings } from './criteria';
import type { CreateEvidence } from './input';
import { audienceFor, isAssessorKind } from './shared';
import { assertOwnSubmission } from './worksheets';
import { keepProgressCurrent } from '@/lib/dashboards/progress-current';

export interface Upload {
  /** The name the browser sent: shown to people, never used as a path. */
  name: string;
  /** The type the browser claimed; checked against the bytes. */
  type: string;
  bytes: Uint8Array;
}

/** Kind-specific columns, null for the kinds that do not use them. */
export function kindColumns(
  kind: string,
  v: {
    body: string;
    url: string;
    witnessName: string;
    witnessRole: string;
    witnessContact: string;
    worksheetSubmissionId?: string;
  },
) {
  const text = ['account', 'observation', 'discussion', 'witness'].includes(kind);
  return {
    body: text ? v.body.trim() : null,
    url: kind === 'link' ? v.url.trim() : null,
    witnessName: kind === 'witness' ? v.witnessName.trim() : null,
    witnessRole: kind === 'witness' ? v.witnessRole.trim() : null,
    witnessContact: kind === 'witness' ? v.witnessContact.trim() : null,
    worksheetSubmissionId: kind === 'worksheet' ? (v.worksheetSubmissionId ?? null) : null,
  };
}

/**
 * Records a new piece of evidence with its criteria. Learners add their own kinds; an assigned
 * assessor adds observation and professional discussion records. A file is written to the store
 * first and the database rows in one transaction after; if anything fails the file is removed, so
 * nothing is half-saved and no file is left without its record.
 */
export interface CreateOptions {
  /** A size limit other than MAX_UPLOAD_MB (a phone capture's own limit: lib/captures/config.ts). */
  maxUploadMb?: number;
  /** More writes that must stand or fall with the evidence: run inside its transaction, after its rows. */
  within?: (tx: DbOrTx, evidenceId: string) => Promise<void>;
}

export async function createEvidence(
  actor: Actor,
  input: CreateEvidence,
  upload?: Upload,
  db: DbOrTx = getDb(),
  opts: CreateOptions = {},
): Promise<{ id: string }> {
  const record = isAssessorKind(input.kind);
  const learnerId = input.learnerId ?? (actor.role === 'learner' ? actor.id : undefined);
  if (!learnerId) throw new ValidationError('Choose the learner this record is for.');
  await authorize(actor, record ? 'evidence.record' : 'evidence.write', learnerId, db);

  if (input.kind === 'file' && !upload)
    throw new ValidationError('Choose a file to upload.', { file: 'Choose a file to upload.' });
  if (input.kind !== 'file' && upload)
    throw new ValidationError('Only file evidence can carry a file. Choose "File" as the kind, or remove the file.', {
      file: 'Remove the file or change the kind.',
    });

  const mappings = resolveMappings(input.criteria, await enrolledSlugs(db, learnerId), audienceFor(actor, learnerId));
  if (input.kind === 'worksheet') await assertOwnSubmission(db, learnerId, input.worksheetSubmissionId);

  let stored: { key: string; contentType: string; displayName: string; sha256: string; size: number } | undefined;
  if (upload) {
    const limitMb = opts.maxUploadMb ?? fileSettings().maxUploadMb;
    if (upload.bytes.length > Math.floor(limitMb * 1024 * 1024)) throw new FileTooLargeError(limitMb);
    const checked = await checkUpload({ name: upload.name, claimedType: upload.type, bytes: upload.bytes });
    const key = newFileKey();
    await getFileStore().put(key, upload.bytes);
    stored = {
      key,
      contentType: checked.contentType,
      displayName: checked.displayName,
      sha256: crypto.createHash('sha256').update(upload.bytes).digest('hex'),
      size: upload.bytes.length,
    };
  }

  try {
    return await db.transaction(async (tx) => {
      let fileId: string | null = null;
      if (stored) {
        const [file] = await tx
          .insert(evidenceFiles)
          .values({
            learnerId,
            storageKey: stored.key,
            originalName: stored.displayName,
            contentType: stored.contentType,
            sizeBytes: stored.size,
            sha256: stored.sha256,
            uploadedBy: actor.id,
          })
          .returning({ id: evidenceFiles.id });
        fileId = file!.id;
      }
      const [row] = await tx
        .insert(evidence)
        .values({
          learnerId,
          authorId: actor.id,
          kind: input.kind,
          title: input.title,
          occurredOn: input.occurredOn,
          description: input.description.trim(),
          fileId,
          ...kindColumns(input.kind, input),
        })
        .returning();
      if (mappings.length) {
        await tx.insert(evidenceCriteria).values(mappings.map((m) => ({ ...m, evidenceId: row!.id, learnerId })));
      }
      // The caseload's figures change with this write: recomputed in the same transaction (progress-current.ts).
      await keepProgressCurrent(tx, [learnerId]);
      await audit(tx, {
        actorId: actor.id,
        action: record ? 'evidence.record' : 'evidence.create',
        subjectType: 'evidence',
        subjectId: row!.id,
        learnerId,
        after: {
          kind: row!.kind,
          title: row!.title,
          occurredOn: row!.occurredOn,
          criteria: mappings.map((m) => m.criterionId),
          ...(stored && {
            file: {
              name: stored.displayName,
              contentType: stored.contentType,
              size: stored.size,
              sha256: stored.sha256,
            },
          }),
        },
      });
      await opts.within?.(tx, row!.id);
      return { id: row!.id };
    });
  } catch (e) {
    if (stored)
      await getFileStore()
        .delete(stored.key)
        .catch((err: unknown) => console.error('could not remove file after failed save', stored!.key, err));
    throw e;
  }
}
