import { fileSettings } from './config';
import { LocalFileStore } from './local';
import { S3FileStore, s3ConfigFromEnv } from './s3';

/**
 * Where uploaded bytes live. Keys are random uuids chosen by the app, never derived from a file's
 * name, so an uploaded name can never become a path. Implementations must be safe to share between
 * app servers (no state in memory that matters).
 */
export interface FileStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | null>;
  /**
   * The stored bytes as a stream, or only `range` of them (both ends inclusive, as HTTP's Range counts): a download
   * or a video's seek never holds the whole file in the server's memory. Null when nothing is stored under the key.
   */
  read(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array> | null>;
  /** Removes the object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Bytes `start` to `end` of a file, both inclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

const cache = globalThis as unknown as { __criterionFileStore?: { signature: string; store: FileStore } };

/** The configured store (FILE_STORAGE=local by default, or s3). */
export function getFileStore(): FileStore {
  const s = fileSettings();
  // Rebuilt when settings change, which only happens in tests.
  const signature = `${s.storage}:${s.uploadDir}:${process.env.S3_BUCKET ?? ''}:${process.env.S3_ENDPOINT ?? ''}`;
  if (cache.__criterionFileStore?.signature !== signature) {
    const store = s.storage === 's3' ? new S3FileStore(s3ConfigFromEnv()) : new LocalFileStore(s.uploadDir);
    cache.__criterionFileStore = { signature, store };
  }
  return cache.__criterionFileStore.store;
}
