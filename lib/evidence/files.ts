import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { evidenceFiles } from '@/db/schema';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { getFileStore, type ByteRange } from '@/lib/files/store';
import { isUuid } from '@/lib/ids';
import { authorizeEqaFile, can, iqaSampledFile, type Actor } from '@/lib/permissions';

export interface FileDownload {
  name: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  /** The bytes, or `range` of them, streamed from the file store (never held whole in memory). */
  open(range?: ByteRange): Promise<ReadableStream<Uint8Array>>;
}

/**
 * An uploaded file, for someone allowed to see the learner's evidence (an external quality assurer: the evidence of a
 * sample shared with their visit). A guessed or shared link does not help anyone else: the check is made on every
 * download, and on every piece a media player asks for.
 */
export async function getFileForDownload(actor: Actor, fileId: string, db: DbOrTx = getDb()): Promise<FileDownload> {
  if (!isUuid(fileId)) throw new NotFoundError('We could not find that file.');
  const [file] = await db.select().from(evidenceFiles).where(eq(evidenceFiles.id, fileId));
  if (!file) throw new NotFoundError('We could not find that file.');
  // An external quality assurer opens only the files of evidence in a sample shared with their open visit; an internal
  // one, besides what their own role allows, the files of decisions sampled in their cohorts.
  if (actor.role === 'eqa') await authorizeEqaFile(actor, file, db);
  else if (!(await can(actor, 'evidence.view', file.learnerId, db)) && !(await iqaSampledFile(actor, file, db)))
    throw new ForbiddenError();
  return {
    name: file.originalName,
    contentType: file.contentType,
    sha256: file.sha256,
    sizeBytes: file.sizeBytes,
    async open(range) {
      const stream = await getFileStore().read(file.storageKey, range);
      if (!stream) {
        console.error(`file ${file.id} (key ${file.storageKey}) is recorded but missing from the store`);
        throw new NotFoundError('This file is missing from storage. Ask your administrator to restore it from backup.');
      }
      return stream;
    },
  };
}
