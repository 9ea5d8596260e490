import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { FileStoreConfigError } from './errors';
import { assertKey } from './keys';
import type { ByteRange, FileStore } from './store';

/**
 * S3-compatible object storage (AWS S3, MinIO, Ceph, R2, ...) through AWS's own SDK, which keeps up with request
 * signing, retries and credentials so we do not have to (this was a hand-written Signature V4 client). With
 * S3_ENDPOINT set, requests use path-style addresses (`<endpoint>/<bucket>/<key>`), which every S3-compatible
 * server accepts; without it, AWS's virtual-hosted addresses.
 */
export interface S3Config {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Prefix inside the bucket, so the bucket can be shared. */
  prefix: string;
}

export function s3ConfigFromEnv(source: Record<string, string | undefined> = process.env): S3Config {
  const missing = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((k) => !source[k]);
  if (missing.length) {
    throw new FileStoreConfigError(`FILE_STORAGE=s3 needs ${missing.join(', ')} to be set`);
  }
  return {
    bucket: source.S3_BUCKET!,
    region: source.S3_REGION || 'us-east-1',
    endpoint: source.S3_ENDPOINT?.replace(/\/+$/, '') || undefined,
    accessKeyId: source.S3_ACCESS_KEY_ID!,
    secretAccessKey: source.S3_SECRET_ACCESS_KEY!,
    sessionToken: source.S3_SESSION_TOKEN || undefined,
    prefix: 'evidence/',
  };
}

function isMissing(e: unknown): boolean {
  return e instanceof NoSuchKey || (e instanceof S3ServiceException && e.$metadata.httpStatusCode === 404);
}

export class S3FileStore implements FileStore {
  private readonly client: S3Client;

  constructor(readonly config: S3Config) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: Boolean(config.endpoint),
      credentials: {
        accessKeyId: config.accessKeyId,
        secretAccessKey: config.secretAccessKey,
        sessionToken: config.sessionToken,
      },
      // Checksums only where S3 requires them: several S3-compatible servers refuse the SDK's default extra
      // checksum headers. Integrity is ours anyway: every stored file's SHA-256 is kept in the database.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** The object's key inside the bucket; refuses anything but the app's own uuid keys (no path tricks). */
  objectKey(key: string): string {
    assertKey(key);
    return `${this.config.prefix}${key}`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }),
      );
      return res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async read(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array> | null> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.config.bucket,
          Key: this.objectKey(key),
          ...(range && { Range: `bytes=${range.start}-${range.end}` }),
        }),
      );
      return res.Body ? (res.Body.transformToWebStream() as ReadableStream<Uint8Array>) : new Blob([]).stream();
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }));
    } catch (e) {
      if (!isMissing(e)) throw e;
    }
  }
}
