import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { getDb } from '@/db/client';
import {
  evidence,
  evidenceCriteria,
  evidenceFiles,
  judgementResponses,
  judgements,
  reportDecisions,
  reportDrafts,
  reportVersions,
} from '@/db/schema';
import { getFileStore } from '@/lib/files/store';
import { generatePrivateJwk, resetRecordKeys } from '@/lib/record/keys';
import { enrol, makeCast } from './fixtures';

/**
 * A learner with a record worth exporting (issue 22): a file and a written account mapped to EE2 criteria, a
 * judgement "not yet met" with the learner's reply and two "met", and a report referred once and signed off on its
 * second version. Written as the app writes them (rows, and the file's bytes in the configured store).
 */

const sha = (b: string | Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const REPORT_V1 = 'Version one of my report.\n';
export const REPORT_V2 = 'Version two of my report, with **more** on retention.\n';
export const FILE_BYTES = Buffer.from('%PDF-1.4\nA survey of forty customers at the stall.\n%%EOF\n');

/**
 * Keys and uploads in a folder of the test file's own; on PostgreSQL the signing key is configured, as it must be.
 * Call at the top of a test file, after useTestDatabase.
 */
export function useRecordEnvironment(): { dir: () => string } {
  const saved = { ...process.env };
  let dir = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-record-'));
    process.env.PGLITE_DIR = path.join(dir, 'pglite');
    process.env.UPLOAD_DIR = path.join(dir, 'uploads');
    if (process.env.DATABASE_URL) process.env.RECORD_SIGNING_KEY = JSON.stringify(await generatePrivateJwk());
    resetRecordKeys();
  });
  afterAll(() => {
    for (const k of ['PGLITE_DIR', 'UPLOAD_DIR', 'RECORD_SIGNING_KEY', 'RECORD_RETIRED_KEYS', 'RECORD_TRUSTED_KEYS']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    resetRecordKeys();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { dir: () => dir };
}

export async function seedRecord() {
  const c = await makeCast();
  await enrol(c.learner, 'ee2-win-keep-customers', 'u306-customers-retention');
  const db = getDb();
  const storageKey = crypto.randomUUID();
  await getFileStore().put(storageKey, FILE_BYTES);
  const [file] = await db
    .insert(evidenceFiles)
    .values({
      learnerId: c.learner.id,
      storageKey,
      originalName: 'Customer survey (final).pdf',
      contentType: 'application/pdf',
      sizeBytes: FILE_BYTES.byteLength,
      sha256: sha(FILE_BYTES),
      uploadedBy: c.learner.id,
    })
    .returning();
  const [e1] = await db
    .insert(evidence)
    .values({
      learnerId: c.learner.id,
      authorId: c.learner.id,
      kind: 'file',
      title: 'Customer survey',
      occurredOn: '2026-03-02',
      description: 'Results of my survey.',
      fileId: file!.id,
    })
    .returning();
  const [e2] = await db
    .insert(evidence)
    .values({
      learnerId: c.learner.id,
      authorId: c.learner.id,
      kind: 'account',
      title: 'Handling a complaint',
      occurredOn: '2026-03-10',
      body: 'I listened, said sorry and fixed it.',
    })
    .returning();
  const slug = 'ee2-win-keep-customers';
  await db.insert(evidenceCriteria).values([
    { evidenceId: e1!.id, criterionId: 'ee2/pc/1', moduleSlug: slug, learnerId: c.learner.id, note: 'I ask.' },
    { evidenceId: e2!.id, criterionId: 'ee2/pc/2', moduleSlug: slug, learnerId: c.learner.id, note: 'A complaint.' },
  ]);
  const [j1] = await db
    .insert(judgements)
    .values({
      learnerId: c.learner.id,
      criterionId: 'ee2/pc/2',
      moduleSlug: slug,
      outcome: 'not_yet_met',
      feedback: 'Say what happened next.',
      assessorId: c.assessor.id,
    })
    .returning();
  await db
    .insert(judgementResponses)
    .values({ judgementId: j1!.id, learnerId: c.learner.id, authorId: c.learner.id, note: 'I will add it.' });
  await db.insert(judgements).values([
    {
      learnerId: c.learner.id,
      criterionId: 'ee2/pc/1',
      moduleSlug: slug,
      outcome: 'met',
      feedback: 'Clear.',
      assessorId: c.assessor.id,
      evidenceIds: [e1!.id],
    },
    {
      learnerId: c.learner.id,
      criterionId: 'ee2/pc/2',
      moduleSlug: slug,
      outcome: 'met',
      feedback: 'Now complete.',
      assessorId: c.assessor.id,
      evidenceIds: [e2!.id],
    },
  ]);

  const unit = 'u306-customers-retention';
  const [draft] = await db
    .insert(reportDrafts)
    .values({ learnerId: c.learner.id, moduleSlug: unit, content: REPORT_V2 })
    .returning();
  const version = async (number: number, content: string) =>
    (
      await db
        .insert(reportVersions)
        .values({
          learnerId: c.learner.id,
          moduleSlug: unit,
          number,
          draftId: draft!.id,
          draftVersion: number,
          content,
          contentHash: sha(content),
          totalWords: 3100 + number,
          countedWords: 3000 + number,
          excluded: [],
          sectionTags: {},
          declaration: 'This is my own work.',
          submittedBy: c.learner.id,
        })
        .returning()
    )[0]!;
  const decide = async (versionId: string, content: string, outcome: 'referred' | 'signed_off', words: number) =>
    db.insert(reportDecisions).values({
      versionId,
      learnerId: c.learner.id,
      moduleSlug: unit,
      assessorId: c.assessor.id,
      outcome,
      feedback: outcome === 'referred' ? 'Add AC 3.2.' : 'Well done.',
      rangeMarks: {},
      discussion: { acIds: [], notes: '' },
      declaration: outcome === 'signed_off' ? 'I confirm this is the learner’s work.' : null,
      contentHash: sha(content),
      countedWords: words,
    });
  await decide((await version(1, REPORT_V1)).id, REPORT_V1, 'referred', 3001);
  await decide((await version(2, REPORT_V2)).id, REPORT_V2, 'signed_off', 3002);
  return { ...c, evidenceIds: [e1!.id, e2!.id] };
}

/** `npm run -s record -- <args>` as a person runs it: its exit code and what it printed. */
export function runRecordCli(args: string[]): Promise<{ code: number; out: string }> {
  return promisify(execFile)('npx', ['tsx', 'scripts/record.ts', ...args], {
    cwd: path.resolve(__dirname, '../..'),
  }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
  );
}
