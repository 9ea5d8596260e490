import 'server-only';
import crypto from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { captureUploadChunks, captureUploads } from '@/db/schema';
import { createEvidence } from '@/lib/evidence/create';
import { createEvidenceSchema } from '@/lib/evidence/input';
import { ConflictError, ForbiddenError, NotFoundError, PublicError, ValidationError } from '@/lib/errors';
import { newFileKey } from '@/lib/files/keys';
import { checkUpload } from '@/lib/files/sniff';
import { getFileStore } from '@/lib/files/store';
import { isUuid } from '@/lib/ids';
import { authorize, type Actor } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/validate';
import {
  KIND_FAMILIES,
  KIND_LABELS,
  MAX_CHUNK_BYTES,
  MAX_NOTE_BYTES,
  captureLimitsMb,
  mbToBytes,
  mediaKindOf,
  type MediaKind,
} from './config';
import { dropChunks } from './cleanup';
import type { StartUpload } from './input';

/**
 * Resumable uploads of what a learner captures on a phone, often on a weak signal: the phone declares the file
 * (name, type, size, SHA-256, its own idempotency key), sends it in pieces that each say where they start (a dropped
 * piece is resent from the offset the server reports), then asks for it to be made into evidence. The finished file is
 * checked like any upload (size, real type, SHA-256) and the evidence is made through createEvidence, so judgements,
 * notifications and the audit log treat it like any other; the upload row is marked in that same transaction, so a
 * second finalize returns the same evidence. Pieces live in the configured file store, never in a server's memory or
 * disk alone: the next piece may reach another app server.
 */

export interface UploadState {
  id: string;
  receivedBytes: number;
  sizeBytes: number;
  evidenceId: string | null;
}

/** 413 at the start: the phone is told before it sends a byte. */
class CaptureTooLargeError extends PublicError {
  constructor(kind: Exclude<MediaKind, 'text'>, limitMb: number) {
    super(
      `This ${KIND_LABELS[kind]} is larger than the ${limitMb} MB limit for a ${KIND_LABELS[kind]}. ${
        kind === 'photo' ? 'Take it again at a lower resolution' : 'Record a shorter one'
      } and save that instead.`,
      413,
      { file: `A ${KIND_LABELS[kind]} can be up to ${limitMb} MB.` },
    );
  }
}

/** Only a learner sends their own captures: staff record observations their own way, never as the learner. */
async function assertCapturer(actor: Actor, db: DbOrTx): Promise<void> {
  if (actor.role !== 'learner') throw new ForbiddenError('Only learners upload what they capture on their phone.');
  await authorize(actor, 'evidence.write', actor.id, db);
}

const stateOf = (row: typeof captureUploads.$inferSelect): UploadState => ({
  id: row.id,
  receivedBytes: row.receivedBytes,
  sizeBytes: row.sizeBytes,
  evidenceId: row.evidenceId,
});

/** The actor's own upload; someone else's is as unknown as one that never existed. */
async function ownUpload(actor: Actor, id: string, db: DbOrTx, lock = false) {
  if (!isUuid(id)) throw new NotFoundError('We could not find that upload. Save the capture again.');
  const q = db
    .select()
    .from(captureUploads)
    .where(and(eq(captureUploads.id, id), eq(captureUploads.learnerId, actor.id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new NotFoundError('We could not find that upload. Save the capture again.');
  return row;
}

/** Declares a capture; the same key again returns the same upload (and how much of it has arrived). */
export async function startUpload(actor: Actor, input: StartUpload, db: DbOrTx = getDb()): Promise<UploadState> {
  await assertCapturer(actor, db);
  const kind = mediaKindOf(input.type);
  if (!kind)
    throw new ValidationError('Only photos, voice notes, videos and written notes are sent this way.', {
      type: 'Choose a photo, a recording, a video or a note.',
    });
  if (kind === 'text') {
    if (input.size > MAX_NOTE_BYTES)
      throw new ValidationError('This note is longer than 20,000 characters. Shorten it and save it again.', {
        file: 'A note can be up to 20,000 characters.',
      });
  } else {
    const limitMb = captureLimitsMb()[kind];
    if (input.size > mbToBytes(limitMb)) throw new CaptureTooLargeError(kind, limitMb);
  }

  await db
    .insert(captureUploads)
    .values({
      learnerId: actor.id,
      idempotencyKey: input.idempotencyKey,
      fileName: input.fileName,
      declaredType: input.type,
      mediaKind: kind,
      sizeBytes: input.size,
      sha256: input.sha256,
    })
    .onConflictDoNothing({ target: [captureUploads.learnerId, captureUploads.idempotencyKey] });
  const [row] = await db
    .select()
    .from(captureUploads)
    .where(and(eq(captureUploads.learnerId, actor.id), eq(captureUploads.idempotencyKey, input.idempotencyKey)));
  if (row!.sha256 !== input.sha256 || row!.sizeBytes !== input.size)
    throw new ConflictError('This capture was already sent with different contents. Remove it and capture it again.');
  return stateOf(row!);
}

export async function uploadStatus(actor: Actor, id: string, db: DbOrTx = getDb()): Promise<UploadState> {
  await assertCapturer(actor, db);
  return stateOf(await ownUpload(actor, id, db));
}

const behind = (receivedBytes: number) =>
  new ConflictError<{ receivedBytes: number }>(
    `The server has ${receivedBytes} bytes of this file; continue from there.`,
    { receivedBytes },
  );

/** Adds the piece that starts at `offset`; any other offset is answered with where to continue from. */
export async function receiveChunk(
  actor: Actor,
  id: string,
  offset: number,
  bytes: Uint8Array,
  db: DbOrTx = getDb(),
): Promise<UploadState> {
  await assertCapturer(actor, db);
  const first = await ownUpload(actor, id, db);
  if (first.evidenceId) return stateOf(first);
  if (bytes.length === 0) throw new ValidationError('This piece of the file is empty.');
  if (bytes.length > MAX_CHUNK_BYTES) throw new ValidationError('This piece of the file is too large.');
  if (offset !== first.receivedBytes) throw behind(first.receivedBytes);
  if (offset + bytes.length > first.sizeBytes)
    throw new ValidationError('This file is larger than it said it was. Remove it and capture it again.');

  // The bytes first, the row after: a row never points at bytes that are not there. A piece whose row is not
  // written (a race with a retry of the same piece) is removed at once.
  const key = newFileKey();
  const store = getFileStore();
  await store.put(key, bytes);
  try {
    return await db.transaction(async (tx) => {
      const row = await ownUpload(actor, id, tx, true);
      if (row.evidenceId) return stateOf(row);
      if (row.receivedBytes !== offset) throw behind(row.receivedBytes);
      await tx
        .insert(captureUploadChunks)
        .values({ uploadId: id, offsetBytes: offset, lengthBytes: bytes.length, storageKey: key });
      const [updated] = await tx
        .update(captureUploads)
        .set({ receivedBytes: offset + bytes.length, updatedAt: sql`now()` })
        .where(eq(captureUploads.id, id))
        .returning();
      return stateOf(updated!);
    });
  } catch (e) {
    await store.delete(key).catch((err: unknown) => console.error('could not remove an unused piece', key, err));
    throw e;
  }
}

const fieldsOf = (fields: { title?: unknown; occurredOn?: unknown; description?: unknown; criteria?: unknown }) => ({
  title: fields.title,
  occurredOn: fields.occurredOn,
  description: fields.description ?? '',
  criteria: fields.criteria ?? [],
});

/** Thrown inside the evidence's transaction when another finalize got there first: everything is rolled back. */
class AlreadyFinalized extends Error {}

/**
 * Makes the finished upload into a piece of file evidence with its criteria. Refused, with nothing saved, when the
 * file is incomplete, is not what it says (real type, SHA-256) or is over its limit; a repeat returns the evidence
 * the first one made.
 */
export async function finalizeUpload(
  actor: Actor,
  id: string,
  fields: { title?: unknown; occurredOn?: unknown; description?: unknown; criteria?: unknown },
  db: DbOrTx = getDb(),
): Promise<{ evidenceId: string; created: boolean }> {
  await assertCapturer(actor, db);
  const row = await ownUpload(actor, id, db);
  if (row.evidenceId) return { evidenceId: row.evidenceId, created: false };
  // The evidence's own fields are checked before any byte is read; a note's text is checked once it is read.
  const input = parseOrThrow(createEvidenceSchema, { ...fieldsOf(fields), kind: 'file' });
  if (row.receivedBytes !== row.sizeBytes) throw behind(row.receivedBytes);

  const chunks = await db
    .select()
    .from(captureUploadChunks)
    .where(eq(captureUploadChunks.uploadId, id))
    .orderBy(asc(captureUploadChunks.offsetBytes));
  const store = getFileStore();
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const c of chunks) {
    const bytes = c.offsetBytes === at ? await store.get(c.storageKey) : null;
    if (!bytes || bytes.length !== c.lengthBytes) break;
    parts.push(bytes);
    at += bytes.length;
  }
  const bytes = Buffer.concat(parts);
  const sendAgain = async (message: string, field: string): Promise<never> => {
    await dropChunks(db, id, true);
    throw new ValidationError(message, { file: field });
  };
  if (bytes.length !== row.sizeBytes)
    await sendAgain('Part of this file went missing on the way, so nothing was saved. Send it again.', 'Incomplete.');
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== row.sha256)
    await sendAgain(
      'This file arrived different from what your phone sent (its SHA-256 does not match), so nothing was saved. Send it again.',
      'The checksum does not match.',
    );

  const kind = row.mediaKind as MediaKind;
  const markDone = async (tx: DbOrTx, evidenceId: string) => {
    const marked = await tx
      .update(captureUploads)
      .set({ evidenceId, updatedAt: sql`now()` })
      .where(and(eq(captureUploads.id, id), isNull(captureUploads.evidenceId)))
      .returning({ id: captureUploads.id });
    if (!marked.length) throw new AlreadyFinalized();
  };
  let made: () => Promise<{ id: string }>;
  if (kind === 'text') {
    // A written note becomes a written account: its text, checked like any account (length, not empty).
    let body: string;
    try {
      body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ValidationError('This note could not be read (it is not UTF-8 text), so nothing was saved.', {
        file: 'The note is not readable text.',
      });
    }
    const account = parseOrThrow(createEvidenceSchema, { ...fieldsOf(fields), kind: 'account', body });
    made = () => createEvidence(actor, account, undefined, db, { within: markDone });
  } else {
    const checked = await checkUpload({ name: row.fileName, claimedType: row.declaredType, bytes });
    if (!KIND_FAMILIES[kind].includes(checked.family))
      throw new ValidationError(
        `"${checked.displayName}" was sent as a ${KIND_LABELS[kind]}, but it is not one. Capture it again with the camera or microphone.`,
        { file: `This is not a ${KIND_LABELS[kind]}.` },
      );
    made = () =>
      createEvidence(actor, input, { name: row.fileName, type: row.declaredType, bytes }, db, {
        maxUploadMb: captureLimitsMb()[kind],
        within: markDone,
      });
  }

  try {
    const created = await made();
    await dropChunks(db, id, false).catch((err: unknown) => console.error('could not remove pieces of', id, err));
    return { evidenceId: created.id, created: true };
  } catch (e) {
    if (!(e instanceof AlreadyFinalized)) throw e;
    const done = await ownUpload(actor, id, db);
    return { evidenceId: done.evidenceId!, created: false };
  }
}
