import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, captureUploadChunks, captureUploads, evidence, evidenceCriteria, evidenceFiles } from '@/db/schema';
import { cleanAbandonedUploads } from '@/lib/captures/cleanup';
import { eraseLearner, eraseLearnerInput } from '@/lib/erasure/erase';
import { getFileStore } from '@/lib/files/store';
import {
  finalizeUploadFromRequest,
  receiveChunkFromRequest,
  startUploadFromRequest,
  uploadStatusFromRequest,
} from '@/lib/captures/http';
import { errorResponse } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { useTestDatabase } from '../helpers/db';
import { enrol, makeCast, type TestUser } from '../helpers/fixtures';

useTestDatabase();

// A real PNG with bytes after its end (as cameras add metadata), so it takes several pieces to send.
const PHOTO = new Uint8Array(
  Buffer.concat([fs.readFileSync(path.resolve(__dirname, '../fixtures/files/stall.png')), crypto.randomBytes(5000)]),
);
/** The start of a WebM file (an EBML header naming its DocType), as Chrome's MediaRecorder writes, then the recording. */
const WEBM = new Uint8Array(
  Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x87, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]),
    crypto.randomBytes(3000),
  ]),
);
const CRITERION = 'ee2/k/feedback/1';
let uploadDir: string;

beforeAll(() => {
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-captures-'));
  process.env.UPLOAD_DIR = uploadDir;
});
afterEach(() => {
  delete process.env.CAPTURE_MAX_PHOTO_MB;
});
afterAll(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const actor = (u: TestUser): Actor => ({ id: u.id, role: u.role });
const URL_BASE = 'http://localhost/api/uploads';

/** A route call as the handler makes it: a public error becomes its response, like withUser does. */
async function call(work: () => Promise<Response>): Promise<{ status: number; body: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await work();
  } catch (e) {
    res = errorResponse(e);
  }
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

const json = (url: string, value: unknown) =>
  new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

function start(who: TestUser, bytes: Uint8Array, over: Record<string, unknown> = {}) {
  return call(() =>
    startUploadFromRequest(
      json(URL_BASE, {
        idempotencyKey: `key-${crypto.randomUUID()}`,
        fileName: 'photo.png',
        type: 'image/png',
        size: bytes.length,
        sha256: sha(bytes),
        ...over,
      }),
      actor(who),
    ),
  );
}

const put = (who: TestUser, id: string, offset: number, bytes: Uint8Array) =>
  call(() =>
    receiveChunkFromRequest(
      new Request(`${URL_BASE}/${id}?offset=${offset}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: Buffer.from(bytes),
      }),
      actor(who),
      id,
    ),
  );

const status = (who: TestUser, id: string) => call(() => uploadStatusFromRequest(actor(who), id));

const finalize = (who: TestUser, id: string, title = 'Stall photo') =>
  call(() =>
    finalizeUploadFromRequest(
      json(`${URL_BASE}/${id}`, {
        title,
        occurredOn: new Date().toISOString().slice(0, 10),
        description: 'Taken at the market stall.',
        criteria: [{ id: CRITERION, note: 'How I set out the stall for customers' }],
      }),
      actor(who),
      id,
    ),
  );

async function countFor(learnerId: string) {
  const db = getDb();
  const [e] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(evidence)
    .where(eq(evidence.learnerId, learnerId));
  const [f] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.learnerId, learnerId));
  return { evidence: e!.n, files: f!.n };
}

async function cast() {
  const c = await makeCast();
  await enrol(c.learner, 'ee2-win-keep-customers');
  return c;
}

/** Sends `bytes` in pieces of `size`. */
async function sendAll(who: TestUser, id: string, bytes: Uint8Array, size = 1000) {
  for (let at = 0; at < bytes.length; at += size) {
    const r = await put(who, id, at, bytes.subarray(at, at + size));
    expect(r.status).toBe(200);
  }
}

describe('resumable capture uploads', () => {
  it('sends a photo in pieces and makes it into evidence with its criteria, audited like any evidence', async () => {
    const c = await cast();
    const s = await start(c.learner, PHOTO);
    expect(s.status).toBe(201);
    const id = s.body.id as string;
    expect(s.body.receivedBytes).toBe(0);
    await sendAll(c.learner, id, PHOTO);
    expect((await status(c.learner, id)).body.receivedBytes).toBe(PHOTO.length);

    const done = await finalize(c.learner, id);
    expect(done.status).toBe(201);
    const evidenceId = done.body.evidenceId as string;
    const db = getDb();
    const [row] = await db.select().from(evidence).where(eq(evidence.id, evidenceId));
    expect(row).toMatchObject({ kind: 'file', title: 'Stall photo', learnerId: c.learner.id });
    const [file] = await db.select().from(evidenceFiles).where(eq(evidenceFiles.id, row!.fileId!));
    expect(file).toMatchObject({ contentType: 'image/png', sha256: sha(PHOTO), sizeBytes: PHOTO.length });
    const mapped = await db.select().from(evidenceCriteria).where(eq(evidenceCriteria.evidenceId, evidenceId));
    expect(mapped.map((m) => m.criterionId)).toHaveLength(1);
    const audits = await db.select().from(auditLog).where(eq(auditLog.subjectId, evidenceId));
    expect(audits.map((a) => a.action)).toEqual(['evidence.create']);
    // The pieces are gone once the file is whole in the store.
    expect(await db.select().from(captureUploadChunks).where(eq(captureUploadChunks.uploadId, id))).toEqual([]);
  });

  it('resumes after a dropped piece from the offset the server reports, and refuses a piece at the wrong offset', async () => {
    const c = await cast();
    const id = (await start(c.learner, PHOTO)).body.id as string;
    await put(c.learner, id, 0, PHOTO.subarray(0, 1000));
    // The phone lost the answer to the second piece and does not know whether it arrived: it asks.
    const asked = await status(c.learner, id);
    expect(asked.body.receivedBytes).toBe(1000);
    // A piece from the wrong place is refused with where to continue from.
    const wrong = await put(c.learner, id, 2000, PHOTO.subarray(2000, 3000));
    expect(wrong.status).toBe(409);
    expect(wrong.body.current).toEqual({ receivedBytes: 1000 });
    // A repeat of the first piece is refused too: nothing is stored twice.
    expect((await put(c.learner, id, 0, PHOTO.subarray(0, 1000))).status).toBe(409);
    for (let at = 1000; at < PHOTO.length; at += 1000)
      expect((await put(c.learner, id, at, PHOTO.subarray(at, at + 1000))).status).toBe(200);
    const done = await finalize(c.learner, id);
    expect(done.status).toBe(201);
    const [file] = await getDb().select().from(evidenceFiles).where(eq(evidenceFiles.learnerId, c.learner.id));
    expect(file!.sha256).toBe(sha(PHOTO));
  });

  it('takes a voice note and a video recorded as WebM, each under its own kind', async () => {
    const c = await cast();
    for (const [type, fileName] of [
      ['audio/webm', 'voice-note.webm'],
      ['video/webm', 'video.webm'],
    ]) {
      const id = (await start(c.learner, WEBM, { type, fileName })).body.id as string;
      await sendAll(c.learner, id, WEBM);
      expect((await finalize(c.learner, id, fileName)).status).toBe(201);
    }
    expect(await countFor(c.learner.id)).toEqual({ evidence: 2, files: 2 });
  });

  it('makes a written note into a written account, and refuses one that is not UTF-8 text', async () => {
    const c = await cast();
    const note = new TextEncoder().encode('The customer asked for oat milk; I added it to the order sheet. ☕');
    const id = (await start(c.learner, note, { type: 'text/plain', fileName: 'note.txt' })).body.id as string;
    await sendAll(c.learner, id, note);
    const done = await finalize(c.learner, id, 'Note after the morning rush');
    expect(done.status).toBe(201);
    const [row] = await getDb()
      .select()
      .from(evidence)
      .where(eq(evidence.id, done.body.evidenceId as string));
    expect(row).toMatchObject({ kind: 'account', fileId: null, body: new TextDecoder().decode(note) });

    const bad = new Uint8Array([0x61, 0x80, 0xff, 0x62]);
    const badId = (await start(c.learner, bad, { type: 'text/plain', fileName: 'note.txt' })).body.id as string;
    await sendAll(c.learner, badId, bad);
    expect((await finalize(c.learner, badId)).status).toBe(400);
    // A note over 20,000 characters' worth of bytes is refused before it is sent.
    expect((await start(c.learner, note, { type: 'text/plain', size: 100_000 })).status).toBe(400);
    expect(await countFor(c.learner.id)).toEqual({ evidence: 1, files: 0 });
  });

  it('refuses a file whose SHA-256 does not match and saves nothing', async () => {
    const c = await cast();
    const id = (await start(c.learner, PHOTO, { sha256: sha(new Uint8Array([1, 2, 3])) })).body.id as string;
    await sendAll(c.learner, id, PHOTO);
    const done = await finalize(c.learner, id);
    expect(done.status).toBe(400);
    expect(String(done.body.error)).toMatch(/SHA-256 does not match/);
    expect(await countFor(c.learner.id)).toEqual({ evidence: 0, files: 0 });
    // Its pieces are dropped, so a retry sends the file again from the start.
    expect((await status(c.learner, id)).body.receivedBytes).toBe(0);
  });

  it('refuses a capture over its limit before any byte is sent', async () => {
    const c = await cast();
    process.env.CAPTURE_MAX_PHOTO_MB = '1';
    const r = await start(c.learner, PHOTO, { size: 2 * 1024 * 1024 });
    expect(r.status).toBe(413);
    expect(String(r.body.error)).toMatch(/larger than the 1 MB limit for a photo/);
    expect(await getDb().select().from(captureUploads).where(eq(captureUploads.learnerId, c.learner.id))).toEqual([]);
  });

  it('refuses a file that is not what it was sent as, and anything that is not a photo, recording or video', async () => {
    const c = await cast();
    const text = new TextEncoder().encode('not a picture at all, just some words typed on a phone');
    const id = (await start(c.learner, text)).body.id as string;
    await sendAll(c.learner, id, text);
    const done = await finalize(c.learner, id);
    expect(done.status).toBe(400);
    expect(await countFor(c.learner.id)).toEqual({ evidence: 0, files: 0 });
    // A real PNG declared as a voice note is refused too: its kind decides its limit.
    const asAudio = (await start(c.learner, PHOTO, { type: 'audio/webm', fileName: 'note.png' })).body.id as string;
    await sendAll(c.learner, asAudio, PHOTO);
    const refused = await finalize(c.learner, asAudio);
    expect(refused.status).toBe(400);
    expect(await countFor(c.learner.id)).toEqual({ evidence: 0, files: 0 });
    expect((await start(c.learner, text, { type: 'application/pdf', fileName: 'a.pdf' })).status).toBe(400);
  });

  it('gives one piece of evidence however often it is finalized, and the same key finds the same upload', async () => {
    const c = await cast();
    const key = `key-${crypto.randomUUID()}`;
    const id = (await start(c.learner, PHOTO, { idempotencyKey: key })).body.id as string;
    await sendAll(c.learner, id, PHOTO);
    const [a, b] = await Promise.all([finalize(c.learner, id), finalize(c.learner, id)]);
    const again = await finalize(c.learner, id);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.evidenceId).toBe(b.body.evidenceId);
    expect(again).toEqual({ status: 200, body: { evidenceId: a.body.evidenceId, created: false } });
    // The phone lost every answer and starts over with the same key: it is told the evidence already exists.
    const restart = await start(c.learner, PHOTO, { idempotencyKey: key });
    expect(restart.body).toMatchObject({ id, evidenceId: a.body.evidenceId, receivedBytes: PHOTO.length });
    expect(await countFor(c.learner.id)).toEqual({ evidence: 1, files: 1 });
    // The same key with other contents is a different capture: refused, not merged.
    expect((await start(c.learner, PHOTO, { idempotencyKey: key, size: 10 })).status).toBe(409);
  });

  it('lets nobody else near an upload: another learner finds nothing, staff cannot upload as a learner', async () => {
    const c = await cast();
    const id = (await start(c.learner, PHOTO)).body.id as string;
    await put(c.learner, id, 0, PHOTO.subarray(0, 1000));
    expect((await status(c.otherLearner, id)).status).toBe(404);
    expect((await put(c.otherLearner, id, 1000, PHOTO.subarray(1000, 2000))).status).toBe(404);
    expect((await finalize(c.otherLearner, id)).status).toBe(404);
    for (const staff of [c.assessor, c.coach, c.admin]) {
      expect((await start(staff, PHOTO)).status).toBe(403);
      expect((await status(staff, id)).status).toBe(403);
      expect((await finalize(staff, id)).status).toBe(403);
    }
    expect((await status(c.learner, id)).body.receivedBytes).toBe(1000);
    expect(await countFor(c.otherLearner.id)).toEqual({ evidence: 0, files: 0 });
  });

  it('removes uploads abandoned for two weeks with their pieces, and keeps finished ones', async () => {
    const c = await cast();
    const abandoned = (await start(c.learner, PHOTO)).body.id as string;
    await put(c.learner, abandoned, 0, PHOTO.subarray(0, 1000));
    const finished = (await start(c.learner, PHOTO)).body.id as string;
    await sendAll(c.learner, finished, PHOTO);
    await finalize(c.learner, finished);
    const [piece] = await getDb().select().from(captureUploadChunks).where(eq(captureUploadChunks.uploadId, abandoned));
    expect(fs.existsSync(uploadDir)).toBe(true);
    expect(await cleanAbandonedUploads(getDb(), new Date(Date.now() + 15 * 86_400_000))).toBeGreaterThanOrEqual(1);
    const left = await getDb().select().from(captureUploads).where(eq(captureUploads.learnerId, c.learner.id));
    expect(left.map((u) => u.id)).toEqual([finished]);
    expect(await getFileStore().get(piece!.storageKey)).toBeNull();
  });

  it("goes with the learner's erasure: unfinished uploads and their pieces are removed", async () => {
    const c = await cast();
    const id = (await start(c.learner, PHOTO, { fileName: 'my-face.png' })).body.id as string;
    await put(c.learner, id, 0, PHOTO.subarray(0, 1000));
    const [piece] = await getDb().select().from(captureUploadChunks).where(eq(captureUploadChunks.uploadId, id));
    await eraseLearner(
      actor(c.admin),
      eraseLearnerInput.parse({ learnerId: c.learner.id, confirmation: c.learner.email, reason: 'Asked to.' }),
    );
    expect(await getDb().select().from(captureUploads).where(eq(captureUploads.learnerId, c.learner.id))).toEqual([]);
    expect(await getFileStore().get(piece!.storageKey)).toBeNull();
  });
});
