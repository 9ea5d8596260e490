import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
// s3rver speaks S3's HTTP API from a folder: a real S3-compatible server, started in the test. (It checks the access
// key but not Signature V4 itself; the SDK's signing is AWS's own, tested by AWS.)
import S3rver from 's3rver';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { evidenceFiles } from '@/db/schema';
import { createEvidenceFromRequest, fileResponse } from '@/lib/evidence/http';
import { getEvidence } from '@/lib/evidence/read';
import { ForbiddenError } from '@/lib/errors';
import { FileStoreConfigError } from '@/lib/files/errors';
import { S3FileStore } from '@/lib/files/s3';
import { getFileStore } from '@/lib/files/store';
import { useTestDatabase } from '../helpers/db';
import { enrol, makeCast } from '../helpers/fixtures';

useTestDatabase();

const BUCKET = 'criterion-evidence';
let server: S3rver;
let endpoint: string;
let folder: string;
const settings = () => ({
  bucket: BUCKET,
  region: 'eu-west-2',
  endpoint,
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
  prefix: 'evidence/',
});

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-s3-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: folder,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = (await server.run()) as { port: number };
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await server.close();
  fs.rmSync(folder, { recursive: true, force: true });
});
afterEach(() => {
  for (const k of ['FILE_STORAGE', 'S3_BUCKET', 'S3_ENDPOINT', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'])
    delete process.env[k];
});

/** The objects the server holds in the bucket, by key (s3rver keeps each as `<key>._S3rver_object`). */
function objectsInBucket(): string[] {
  const dir = path.join(folder, BUCKET);
  const suffix = '._S3rver_object';
  return fs.existsSync(dir)
    ? (fs.readdirSync(dir, { recursive: true }) as string[])
        .filter((f) => f.endsWith(suffix))
        .map((f) => f.slice(0, -suffix.length))
    : [];
}

describe('S3-compatible object storage (FILE_STORAGE=s3) against a server', () => {
  it('stores, reads and deletes bytes under the evidence/ prefix; a missing object reads as null', async () => {
    const store = new S3FileStore(settings());
    const key = crypto.randomUUID();
    const bytes = crypto.randomBytes(70_000);
    await store.put(key, bytes);
    expect(objectsInBucket()).toContain(`evidence/${key}`);
    expect(Buffer.from((await store.get(key))!)).toEqual(bytes);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    // Deleting what is already gone is not an error (a retried clean-up).
    await store.delete(key);
    expect(() => store.objectKey('../escape')).toThrow(FileStoreConfigError);
  });

  it('is refused by the server with credentials it does not know, and stores nothing', async () => {
    const store = new S3FileStore({ ...settings(), accessKeyId: 'NOT-A-KEY' });
    const before = objectsInBucket().length;
    await expect(store.put(crypto.randomUUID(), new Uint8Array([1]))).rejects.toThrow(/Access Key Id/i);
    expect(objectsInBucket()).toHaveLength(before);
  });

  it('an uploaded evidence file goes to the bucket and downloads for the people allowed, never for others', async () => {
    Object.assign(process.env, {
      FILE_STORAGE: 's3',
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
    expect(getFileStore()).toBeInstanceOf(S3FileStore);
    const c = await makeCast();
    await enrol(c.learner, 'ee2-win-keep-customers');
    const bytes = new Uint8Array(fs.readFileSync(path.resolve(__dirname, '../fixtures/files/feedback-log.pdf')));
    const form = new FormData();
    for (const [k, v] of Object.entries({
      kind: 'file',
      title: 'Customer feedback log',
      occurredOn: '2025-02-10',
      description: 'Twelve customers asked.',
      criteria: JSON.stringify([{ id: 'ee2/k/feedback/1', note: 'Shows how I collect feedback' }]),
    }))
      form.set(k, v);
    form.set('file', new File([Buffer.from(bytes)], 'log.pdf', { type: 'application/pdf' }));
    const res = await createEvidenceFromRequest(
      new Request('http://localhost/api/evidence', { method: 'POST', body: form }),
      c.learner,
    );
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const detail = await getEvidence(c.learner, id);
    const [row] = await getDb().select().from(evidenceFiles).where(eq(evidenceFiles.id, detail.file!.id));
    expect(objectsInBucket()).toContain(`evidence/${row!.storageKey}`);

    for (const actor of [c.learner, c.assessor, c.coach, c.admin]) {
      const download = await fileResponse(actor, detail.file!.id);
      expect(download.status).toBe(200);
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    }
    // A media player's piece comes from the bucket as a ranged read, not the whole object.
    const piece = await fileResponse(
      c.assessor,
      detail.file!.id,
      new Request(`http://localhost/api/files/${detail.file!.id}`, { headers: { range: 'bytes=100-163' } }),
    );
    expect(piece.status).toBe(206);
    expect(piece.headers.get('content-range')).toBe(`bytes 100-163/${bytes.length}`);
    expect(new Uint8Array(await piece.arrayBuffer())).toEqual(bytes.slice(100, 164));
    for (const actor of [c.otherLearner, c.otherAssessor, c.otherCoach]) {
      await expect(fileResponse(actor, detail.file!.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    // Refusals leave the stored object alone.
    expect(objectsInBucket()).toContain(`evidence/${row!.storageKey}`);
  });
});
