import { and, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { captureUploadChunks, captureUploads } from '@/db/schema';
import { getFileStore } from '@/lib/files/store';
import { ABANDONED_AFTER_DAYS } from './config';

// Not server-only: the notification worker (a plain Node process) runs the clean-up in its daily round.

/** Removes an upload's pieces (rows and bytes); the bytes go after the rows, so nothing points at a missing piece. */
export async function dropChunks(db: DbOrTx, uploadId: string, resetReceived: boolean): Promise<void> {
  const gone = await db
    .delete(captureUploadChunks)
    .where(eq(captureUploadChunks.uploadId, uploadId))
    .returning({ key: captureUploadChunks.storageKey });
  if (resetReceived)
    await db
      .update(captureUploads)
      .set({ receivedBytes: 0, updatedAt: sql`now()` })
      .where(eq(captureUploads.id, uploadId));
  const store = getFileStore();
  for (const { key } of gone)
    await store.delete(key).catch((err: unknown) => console.error('could not remove a piece', key, err));
}

/**
 * Removes uploads nobody finished within ABANDONED_AFTER_DAYS, and pieces left behind by finished ones (a removal
 * that failed). Finished uploads keep their row: it is what makes a late retry return the same evidence.
 */
export async function cleanAbandonedUploads(db: DbOrTx = getDb(), now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ABANDONED_AFTER_DAYS * 86_400_000);
  const stale = await db
    .select({ id: captureUploads.id, finished: isNotNull(captureUploads.evidenceId) })
    .from(captureUploads)
    .where(
      or(
        and(isNull(captureUploads.evidenceId), lt(captureUploads.updatedAt, cutoff)),
        and(
          isNotNull(captureUploads.evidenceId),
          sql`exists (select 1 from ${captureUploadChunks} where ${captureUploadChunks.uploadId} = ${captureUploads.id})`,
        ),
      ),
    )
    .limit(500);
  for (const u of stale) {
    await dropChunks(db, u.id, false);
    if (!u.finished) await db.delete(captureUploads).where(eq(captureUploads.id, u.id));
  }
  return stale.filter((u) => !u.finished).length;
}
