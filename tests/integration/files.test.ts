import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Db } from '@/db/client';
import { evidence, evidenceFiles } from '@/db/schema';
import { createEvidenceFromRequest, fileResponse } from '@/lib/evidence/http';
import { getEvidence } from '@/lib/evidence/read';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { readFormDataWithin } from '@/lib/body';
import { FileStoreConfigError, FileTooLargeError } from '@/lib/files/errors';
import { LocalFileStore } from '@/lib/files/local';
import { contentDisposition, displayFileName } from '@/lib/files/names';
import { s3ConfigFromEnv } from '@/lib/files/s3';
import { checkUpload, detectFamily } from '@/lib/files/sniff';
import { getFileStore } from '@/lib/files/store';
import { streamedLyingZipBomb } from '../fixtures/reports/make';
import { useTestDatabase } from '../helpers/db';
import { enrol, makeCast } from '../helpers/fixtures';
import { createEvidence } from '../helpers/evidence';

useTestDatabase();

const FIXTURES = path.resolve(__dirname, '../fixtures/files');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
let uploadDir: string;

beforeAll(() => {
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-files-'));
  process.env.UPLOAD_DIR = uploadDir;
});
afterEach(() => {
  delete process.env.MAX_UPLOAD_MB;
  delete process.env.FILE_STORAGE;
});
afterAll(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

/** Every file under UPLOAD_DIR (temporary .part files included). */
function filesOnDisk(): string[] {
  return fs.existsSync(uploadDir)
    ? (fs.readdirSync(uploadDir, { recursive: true }) as string[]).filter((f) =>
        fs.statSync(path.join(uploadDir, f)).isFile(),
      )
    : [];
}

async function cast() {
  const c = await makeCast();
  await enrol(c.learner, 'ee2-win-keep-customers');
  return c;
}

const fields = {
  kind: 'file',
  title: 'Customer feedback log',
  occurredOn: '2025-02-10',
  description: 'Twelve customers asked.',
  criteria: JSON.stringify([{ id: 'ee2/k/feedback/1', note: 'Shows how I collect feedback' }]),
};

function uploadRequest(
  file: { bytes: Uint8Array; name: string; type?: string } | null,
  extra: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...fields, ...extra })) form.set(k, v);
  if (file) form.set('file', new File([Buffer.from(file.bytes)], file.name, { type: file.type ?? '' }));
  return new Request('http://localhost/api/evidence', { method: 'POST', body: form });
}

async function storedCounts(learnerId: string) {
  const db = getDb();
  const [e] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(evidence)
    .where(eq(evidence.learnerId, learnerId));
  const [f] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.learnerId, learnerId));
  return { evidence: e!.n, files: f!.n, onDisk: filesOnDisk().length };
}

describe('recognising file types by content', () => {
  it.each([
    ['feedback-log.pdf', 'pdf'],
    ['feedback-log.docx', 'docx'],
    ['feedback-log.odt', 'odt'],
    ['feedback-log.doc', 'doc'],
    ['stall.png', 'png'],
    ['fake.pdf', null],
    ['archive.zip', null],
    ['script.sh', null],
  ])('%s is %s', async (name, family) => {
    expect(await detectFamily(fixture(name))).toBe(family);
  });

  const bytes = (...parts: (string | number[])[]) =>
    new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['wav', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['mp3', bytes('ID3', [4, 0, 0, 0, 0, 0, 0], [0xff, 0xfb, 0x90, 0x64], new Array<number>(400).fill(0))],
    ['mp3', bytes([0xff, 0xfb, 0x90, 0x64])],
    ['mp4', bytes([0, 0, 0, 0x20], 'ftypisom')],
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm')],
    [
      'ogg',
      bytes(
        'OggS',
        [0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 19],
        'OpusHead',
        [1, 2, 0x38, 1, 0x80, 0xbb, 0, 0, 0, 0, 0],
      ),
    ],
  ])('recognises %s from its header', async (family, data) => {
    expect(await detectFamily(data)).toBe(family);
  });

  it('refuses a Word document that claims macros, or an OLE file that is not a Word document', async () => {
    expect(await detectFamily(fixture('macro-enabled.docx'))).toBeNull();
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await detectFamily(ole)).toBeNull();
  });

  it('refuses an image or QuickTime movie in an MP4-like box, and an Office file whose central directory is broken', async () => {
    expect(await detectFamily(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'))).toBeNull();
    expect(await detectFamily(bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 0, 0], 'qt  '))).toBeNull();
    expect(await detectFamily(bytes([0, 0, 0, 0x18], 'ftypM4A ', [0, 0, 0, 0], 'M4A isom'))).toBe('mp4');
    // The front of the file says Word, but the directory the bomb measure walks cannot be found.
    const docx = Buffer.from(fixture('feedback-log.docx'));
    docx.writeUInt32LE(0, docx.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])));
    expect(await detectFamily(docx)).toBeNull();
  });

  it('accepts a file whose name and claimed type agree with its content, and serves it with the canonical type', async () => {
    expect(
      (
        await checkUpload({
          name: 'feedback-log.pdf',
          claimedType: 'application/pdf',
          bytes: fixture('feedback-log.pdf'),
        })
      ).contentType,
    ).toBe('application/pdf');
    expect(
      (await checkUpload({ name: 'Feedback Log.PDF', claimedType: '', bytes: fixture('feedback-log.pdf') }))
        .contentType,
    ).toBe('application/pdf');
    expect(
      (
        await checkUpload({
          name: 'plan.docx',
          claimedType: 'application/octet-stream',
          bytes: fixture('feedback-log.docx'),
        })
      ).contentType,
    ).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('refuses a zip bomb whose headers lie about its size (about 400 KB that inflates to 400 MB)', async () => {
    const bomb = await streamedLyingZipBomb(400);
    expect(bomb.length).toBeLessThan(600 * 1024);
    expect(await detectFamily(bomb)).toBe('docx');
    await expect(checkUpload({ name: 'report.docx', claimedType: '', bytes: bomb })).rejects.toThrow(
      /expands to far more data/,
    );
    // A real document that inflates a few times over still passes the same measure.
    expect(
      (await checkUpload({ name: 'plan.docx', claimedType: '', bytes: fixture('feedback-log.docx') })).family,
    ).toBe('docx');
  });

  it('measures a zip bomb whose directory claims more compressed bytes than the file holds', async () => {
    const bomb = await streamedLyingZipBomb(100);
    // Point the directory's compressed size for document.xml past the end of the file.
    const name = bomb.lastIndexOf(Buffer.from('word/document.xml'));
    const header = name - 46;
    expect(bomb.readUInt32LE(header)).toBe(0x02014b50);
    bomb.writeUInt32LE(0x7fffffff, header + 20);
    expect(await detectFamily(bomb)).toBe('docx');
    await expect(checkUpload({ name: 'report.docx', claimedType: '', bytes: bomb })).rejects.toThrow(
      /expands to far more data/,
    );
  });

  it.each([
    ['text named .pdf', 'fake.pdf', 'fake.pdf', 'application/pdf', /not one of the file types we take/],
    [
      'a PNG named .pdf',
      'photo-named.pdf',
      'photo.pdf',
      'application/pdf',
      /its contents are a PNG image, but the name ends in \.pdf/,
    ],
    ['a PDF claimed as an image', 'feedback-log.pdf', 'report.pdf', 'image/png', /was sent as image\/png/],
    ['a Word file renamed .pdf', 'feedback-log.docx', 'report.pdf', '', /contents are a Word document/],
    ['a PDF with no extension', 'feedback-log.pdf', 'report', '', /name has no extension/],
    ['a plain ZIP', 'archive.zip', 'archive.zip', 'application/zip', /not one of the file types/],
    ['a shell script', 'script.sh', 'script.sh', 'text/x-sh', /not one of the file types/],
  ])('refuses %s', async (_label, file, name, claimedType, message) => {
    await expect(checkUpload({ name, claimedType, bytes: fixture(file) })).rejects.toThrow(message);
  });
});

describe('file names', () => {
  it('keeps the name for display but strips paths, control and direction-override characters', () => {
    expect(displayFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(displayFileName('C:\\Users\\eddie\\My report.pdf')).toBe('My report.pdf');
    expect(displayFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(displayFileName('a\u0000b\nc.pdf')).toBe('abc.pdf');
    expect(displayFileName('...')).toBe('file');
  });

  it('builds an attachment header with an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Café "plan"; v2.pdf')).toBe(
      `attachment; filename="Caf_ _plan__ v2.pdf"; filename*=UTF-8''Caf%C3%A9%20%22plan%22%3B%20v2.pdf`,
    );
  });
});

describe('uploading through the route handler', () => {
  it('stores a PDF under a random key with its SHA-256, and the people allowed can download it with safe headers', async () => {
    const c = await cast();
    const bytes = fixture('feedback-log.pdf');
    const res = await createEvidenceFromRequest(
      uploadRequest({ bytes, name: 'C:\\fakepath\\Feedback log – March.pdf', type: 'application/pdf' }),
      c.learner,
    );
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const detail = await getEvidence(c.learner, id);
    expect(detail.file).toMatchObject({
      name: 'Feedback log – March.pdf',
      sizeBytes: bytes.length,
      contentType: 'application/pdf',
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    });
    const [row] = await getDb().select().from(evidenceFiles).where(eq(evidenceFiles.id, detail.file!.id));
    expect(row!.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(filesOnDisk()).toContain(path.join(row!.storageKey.slice(0, 2), row!.storageKey));

    for (const actor of [c.learner, c.assessor, c.coach, c.admin]) {
      const download = await fileResponse(actor, detail.file!.id);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
      expect(download.headers.get('content-disposition')).toBe(
        `attachment; filename="Feedback log _ March.pdf"; filename*=UTF-8''Feedback%20log%20%E2%80%93%20March.pdf`,
      );
      expect(download.headers.get('cache-control')).toContain('no-store');
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    }
    // A file URL guessed or shared with someone else does not download.
    for (const actor of [c.otherLearner, c.otherAssessor, c.otherCoach]) {
      await expect(fileResponse(actor, detail.file!.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(fileResponse(c.learner, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
    await expect(fileResponse(c.learner, row!.storageKey)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers a range with 206 and only those bytes, past the end with 416, and shows only media inline', async () => {
    const c = await cast();
    const upload = async (bytes: Uint8Array, name: string, type: string) => {
      const res = await createEvidenceFromRequest(uploadRequest({ bytes, name, type }), c.learner);
      return (await getEvidence(c.learner, ((await res.json()) as { id: string }).id)).file!.id;
    };
    const pdf = fixture('feedback-log.pdf');
    const pdfId = await upload(pdf, 'log.pdf', 'application/pdf');
    const get = (id: string, headers: Record<string, string> = {}, query = '') =>
      new Request(`http://localhost/api/files/${id}${query}`, { headers });

    const part = await fileResponse(c.assessor, pdfId, get(pdfId, { range: 'bytes=10-19' }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${pdf.length}`);
    expect(part.headers.get('content-length')).toBe('10');
    expect(part.headers.get('accept-ranges')).toBe('bytes');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(pdf.slice(10, 20));
    const tail = await fileResponse(c.assessor, pdfId, get(pdfId, { range: 'bytes=-5' }));
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(pdf.slice(-5));
    const past = await fileResponse(c.assessor, pdfId, get(pdfId, { range: `bytes=${pdf.length}-` }));
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${pdf.length}`);
    const whole = await fileResponse(c.assessor, pdfId, get(pdfId, { range: 'bytes=0-1,5-6' }));
    expect(whole.status).toBe(200);
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(pdf);
    // A document never opens inline in the portal's origin, even when asked.
    const asked = await fileResponse(c.learner, pdfId, get(pdfId, {}, '?inline=1'));
    expect(asked.headers.get('content-disposition')).toMatch(/^attachment;/);
    // A photo does, for the evidence page's <img>, still sandboxed and never sniffed.
    const png = fixture('stall.png');
    const pngId = await upload(png, 'stall.png', 'image/png');
    const shown = await fileResponse(c.assessor, pngId, get(pngId, {}, '?inline=1'));
    expect(shown.headers.get('content-disposition')).toMatch(/^inline; filename="stall.png"/);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('content-security-policy')).toContain('sandbox');
    expect(new Uint8Array(await shown.arrayBuffer())).toEqual(png);
    // Someone else asking for a piece is refused as for the whole file.
    await expect(fileResponse(c.otherLearner, pngId, get(pngId, { range: 'bytes=0-1' }))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it.each([
    [
      'a fake PDF (text)',
      { bytes: fixture('fake.pdf'), name: 'fake.pdf', type: 'application/pdf' },
      /not one of the file types/,
    ],
    [
      'a PNG named .pdf',
      { bytes: fixture('photo-named.pdf'), name: 'scan.pdf', type: 'application/pdf' },
      /does not look like what its name says/,
    ],
    ['an empty file', { bytes: new Uint8Array(), name: 'empty.pdf', type: 'application/pdf' }, /This file is empty/],
    ['no file at all', null, /Choose a file to upload/],
  ])('refuses %s: nothing stored, no file left in UPLOAD_DIR', async (_label, file, message) => {
    const c = await cast();
    const before = filesOnDisk().length;
    await expect(createEvidenceFromRequest(uploadRequest(file), c.learner)).rejects.toThrow(message);
    expect(await storedCounts(c.learner.id)).toEqual({ evidence: 0, files: 0, onDisk: before });
  });

  it('refuses a file with an empty title or an unknown criterion before writing anything', async () => {
    const c = await cast();
    const before = filesOnDisk().length;
    const pdf = { bytes: fixture('feedback-log.pdf'), name: 'log.pdf', type: 'application/pdf' };
    await expect(createEvidenceFromRequest(uploadRequest(pdf, { title: '' }), c.learner)).rejects.toThrow(
      /Give your evidence a title/,
    );
    await expect(
      createEvidenceFromRequest(
        uploadRequest(pdf, { criteria: JSON.stringify([{ id: 'nope/pc/1', note: '' }]) }),
        c.learner,
      ),
    ).rejects.toThrow(/not a criterion we know/);
    await expect(
      createEvidenceFromRequest(
        uploadRequest(pdf, { criteria: JSON.stringify([{ id: 'dcr/pc/1', note: '' }]) }),
        c.learner,
      ),
    ).rejects.toThrow(/not enrolled/);
    await expect(createEvidenceFromRequest(uploadRequest(pdf), c.otherLearner)).rejects.toThrow(/not enrolled/);
    await expect(
      createEvidenceFromRequest(uploadRequest(pdf, { learnerId: c.learner.id }), c.assessor),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await storedCounts(c.learner.id)).toEqual({ evidence: 0, files: 0, onDisk: before });
  });

  it('refuses an upload over MAX_UPLOAD_MB with 413 while reading it, storing nothing', async () => {
    const c = await cast();
    process.env.MAX_UPLOAD_MB = '1';
    const before = filesOnDisk().length;
    const big = new Uint8Array(2 * 1024 * 1024);
    big.set(fixture('feedback-log.pdf'));
    const err = await createEvidenceFromRequest(
      uploadRequest({ bytes: big, name: 'big.pdf', type: 'application/pdf' }),
      c.learner,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileTooLargeError);
    expect((err as FileTooLargeError).status).toBe(413);
    expect((err as Error).message).toMatch(/larger than the 1 MB limit/);
    expect(await storedCounts(c.learner.id)).toEqual({ evidence: 0, files: 0, onDisk: before });
  });

  it('stops reading a body with no Content-Length as soon as it passes the limit (never buffers unbounded)', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const req = new Request('http://localhost/api/evidence', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    await expect(readFormDataWithin(req, 1024 * 1024, 1)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(pulled).toBeLessThan(40);
  });

  it('refuses at once when Content-Length already says the body is too large', async () => {
    const req = new Request('http://localhost/api/evidence', {
      method: 'POST',
      headers: { 'content-length': String(50 * 1024 * 1024), 'content-type': 'multipart/form-data; boundary=x' },
      body: 'x',
    });
    await expect(readFormDataWithin(req, 1024 * 1024, 1)).rejects.toBeInstanceOf(FileTooLargeError);
  });

  it('removes the stored file when the database transaction fails after it was written', async () => {
    const c = await cast();
    const before = filesOnDisk().length;
    const real = getDb();
    const failing = Object.create(real) as Db;
    failing.transaction = (async (fn: (tx: unknown) => Promise<unknown>) =>
      real.transaction(async (tx) => {
        await fn(tx);
        throw new Error('simulated failure after the rows were inserted');
      })) as Db['transaction'];
    const upload = { name: 'log.pdf', type: 'application/pdf', bytes: fixture('feedback-log.pdf') };
    await expect(createEvidence(c.learner, { ...fields }, upload, failing)).rejects.toThrow(/simulated failure/);
    expect(await storedCounts(c.learner.id)).toEqual({ evidence: 0, files: 0, onDisk: before });
  });

  it('refuses a file attached to evidence that is not of the file kind', async () => {
    const c = await cast();
    await expect(
      createEvidence(
        c.learner,
        { ...fields, kind: 'account', body: 'text' },
        { name: 'log.pdf', type: 'application/pdf', bytes: fixture('feedback-log.pdf') },
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await storedCounts(c.learner.id)).evidence).toBe(0);
  });
});

describe('file stores', () => {
  it('the local store refuses keys that are not uuids (no path tricks)', async () => {
    const store = new LocalFileStore(uploadDir);
    await expect(store.put('../escape', new Uint8Array([1]))).rejects.toBeInstanceOf(FileStoreConfigError);
    await expect(store.get('a/b')).rejects.toBeInstanceOf(FileStoreConfigError);
    const key = crypto.randomUUID();
    await store.put(key, new Uint8Array([1, 2, 3]));
    expect(await store.get(key)).toEqual(new Uint8Array([1, 2, 3]));
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
  });

  it('FILE_STORAGE=s3 without its settings fails with a configuration error naming them', () => {
    process.env.FILE_STORAGE = 's3';
    expect(() => getFileStore()).toThrow(/S3_BUCKET/);
    expect(() => s3ConfigFromEnv({ S3_BUCKET: 'b' })).toThrow(/S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/);
  });
});
