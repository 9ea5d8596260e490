import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  judgements,
  reportAcJudgements,
  reportDecisions,
  reportDrafts,
  reportUploads,
  reportVersions,
} from '@/db/schema';
import { ConflictError, ForbiddenError, PublicError, ValidationError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { decide, getAssessorView, getVersionView, saveAssessment } from '@/lib/reports/assess';
import { getLearnerReport, getUpload, importDocx, saveDraft } from '@/lib/reports/drafts';
import { listReportsForStaff } from '@/lib/reports/list';
import { sha256Hex } from '@/lib/hash';
import { saveDraftSchema } from '@/lib/reports/schemas';
import { readBodyWithin, readJsonWithin } from '@/lib/body';
import { MAX_DRAFT_BODY_BYTES } from '@/lib/reports/limits';
import { submitReport } from '@/lib/reports/submit';
import type { AssessmentData } from '@/lib/reports/types';
import { allCriterionIds, allRangeIds, REPORT_MODULE_SLUG, reportUnit } from '@/lib/reports/unit';
import { useTestDatabase } from '../helpers/db';
import { enrol, makeCast, makeUser, assign, type TestUser } from '../helpers/fixtures';
import { fakeDocx, markdownToDocx, prose, reportWithCountedWords, zipBomb } from '../fixtures/reports/make';

useTestDatabase();

let uploadDir: string;
beforeAll(() => {
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-report-'));
  process.env.UPLOAD_DIR = uploadDir;
  process.env.FILE_STORAGE = 'local';
});

function storedFiles(): string[] {
  return (fs.readdirSync(uploadDir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(uploadDir, f)).isFile())
    .sort();
}

async function rejection(p: Promise<unknown>): Promise<PublicError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'expected a refusal').toBeInstanceOf(PublicError);
  return e as PublicError;
}

/** Saves `content` as the learner's draft, whatever its current version, and returns the new version. */
async function write(learner: Actor, content: string, sectionTags: Record<string, string[]> = {}): Promise<number> {
  const report = await getLearnerReport(learner, learner.id);
  return (await saveDraft(learner, learner.id, { version: report.draft?.version ?? 0, content, sectionTags })).version;
}

async function writeAndSubmit(learner: Actor, content: string) {
  const version = await write(learner, content);
  return submitReport(learner, learner.id, { draftVersion: version, declared: true });
}

function completeAssessment(): AssessmentData {
  const unit = reportUnit();
  return {
    acs: Object.fromEntries(
      allCriterionIds(unit).map((id) => [id, { outcome: 'met' as const, feedback: 'Clear and well evidenced.' }]),
    ),
    range: Object.fromEntries(allRangeIds(unit).map((id) => [id, 'covered' as const])),
    discussion: { heldOn: '', acIds: [], notes: '' },
    feedback: 'A thorough report.',
  };
}

async function latestVersion(learnerId: string) {
  const view = await getLearnerReport({ id: learnerId, role: 'learner' }, learnerId);
  const [v] = await getDb()
    .select()
    .from(reportVersions)
    .where(and(eq(reportVersions.learnerId, learnerId), eq(reportVersions.number, view.versions[0]!.number)));
  return v!;
}

async function signOff(assessor: Actor, learnerId: string, data = completeAssessment()) {
  const v = await latestVersion(learnerId);
  return decide(assessor, {
    learnerId,
    versionId: v.id,
    contentHash: v.contentHash,
    outcome: 'signed_off',
    data,
    declared: true,
  });
}

/** A version stored directly, as if the rules had changed since it was submitted: sign-off must still check. */
async function storeVersionDirectly(learner: TestUser, content: string, counted: number) {
  const db = getDb();
  const [draft] = await db
    .insert(reportDrafts)
    .values({ learnerId: learner.id, moduleSlug: REPORT_MODULE_SLUG, content })
    .returning();
  const [v] = await db
    .insert(reportVersions)
    .values({
      learnerId: learner.id,
      moduleSlug: REPORT_MODULE_SLUG,
      number: 1,
      draftId: draft!.id,
      draftVersion: 1,
      content,
      contentHash: sha256Hex(content),
      totalWords: counted,
      countedWords: counted,
      excluded: [],
      sectionTags: {},
      declaration: 'declared',
      submittedBy: learner.id,
    })
    .returning();
  return v!;
}

async function assessedCast() {
  const c = await makeCast();
  await enrol(c.learner, REPORT_MODULE_SLUG);
  return c;
}

describe('submitting: the server recounts and enforces 3,000-5,000 counted words', () => {
  it('refuses 2,999 and 5,001 with the count and the limit, accepts 3,000 and 5,000', async () => {
    const { learner } = await assessedCast();
    const under = await rejection(writeAndSubmit(learner, reportWithCountedWords(2999)));
    expect(under).toBeInstanceOf(ValidationError);
    expect(under.message).toBe('Your report has 2,999 counted words; unit 306/696 needs at least 3,000.');

    const at3000 = await writeAndSubmit(learner, reportWithCountedWords(3000));
    expect(at3000).toMatchObject({ number: 1, countedWords: 3000, alreadySubmitted: false });

    const at5000 = await writeAndSubmit(learner, reportWithCountedWords(5000, { seed: 1 }));
    expect(at5000).toMatchObject({ number: 2, countedWords: 5000 });

    const over = await rejection(writeAndSubmit(learner, reportWithCountedWords(5001, { seed: 2 })));
    expect(over.message).toBe('Your report has 5,001 counted words; unit 306/696 allows at most 5,000.');

    const versions = await getDb().select().from(reportVersions).where(eq(reportVersions.learnerId, learner.id));
    expect(versions.map((v) => v.countedWords).sort()).toEqual([3000, 5000]);
    expect(versions.every((v) => v.totalWords > v.countedWords)).toBe(true);
  });

  it('stores an immutable version: content, counts, hash, declaration and what was excluded', async () => {
    const { learner } = await assessedCast();
    const content = reportWithCountedWords(3200);
    await writeAndSubmit(learner, content);
    const v = await latestVersion(learner.id);
    expect(v.content).toBe(content);
    expect(v.contentHash).toBe(sha256Hex(content));
    expect(v.countedWords).toBe(3200);
    expect(v.excluded).toEqual([expect.objectContaining({ heading: 'References' })]);
    expect(v.declaration).toMatch(/my own work/);
    const [row] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'report.submit'), eq(auditLog.subjectId, v.id)));
    expect(row).toMatchObject({ actorId: learner.id, learnerId: learner.id });
  });

  it('a double submission of the same draft is idempotent and says so', async () => {
    const { learner } = await assessedCast();
    const version = await write(learner, reportWithCountedWords(3100));
    const first = await submitReport(learner, learner.id, { draftVersion: version, declared: true });
    const again = await submitReport(learner, learner.id, { draftVersion: version, declared: true });
    expect(first.alreadySubmitted).toBe(false);
    expect(again).toMatchObject({ alreadySubmitted: true, number: first.number });
    expect(again.message).toMatch(/already submitted as version 1/);
    const rows = await getDb().select().from(reportVersions).where(eq(reportVersions.learnerId, learner.id));
    expect(rows).toHaveLength(1);
  });

  it('refuses a stale draft version, an empty report and an unchanged resubmission', async () => {
    const { learner } = await assessedCast();
    const v1 = await write(learner, reportWithCountedWords(3100));
    await write(learner, reportWithCountedWords(3150));
    const stale = await rejection(submitReport(learner, learner.id, { draftVersion: v1, declared: true }));
    expect(stale).toBeInstanceOf(ConflictError);
    expect(await getDb().select().from(reportVersions).where(eq(reportVersions.learnerId, learner.id))).toHaveLength(0);

    const { learner: empty } = await assessedCast();
    const ev = await write(empty, '   \n\n');
    expect((await rejection(submitReport(empty, empty.id, { draftVersion: ev, declared: true }))).message).toMatch(
      /empty/,
    );

    await writeAndSubmit(learner, reportWithCountedWords(3300));
    // Edit and undo: a new draft version with the submitted text.
    await write(learner, `${reportWithCountedWords(3300)}\nextra`);
    const same = await rejection(writeAndSubmit(learner, reportWithCountedWords(3300)));
    expect(same.message).toMatch(/identical to version 1/);
  });

  it('without the declaration nothing is submitted', async () => {
    const { submitSchema } = await import('@/lib/reports/schemas');
    const parsed = submitSchema.safeParse({ draftVersion: 1, declared: false });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/Tick the declaration/);
  });
});

describe('drafts: optimistic concurrency and limits', () => {
  it('a stale save is refused with the stored text; nothing is overwritten', async () => {
    const { learner } = await assessedCast();
    const v1 = (await saveDraft(learner, learner.id, { version: 0, content: 'From the laptop', sectionTags: {} }))
      .version;
    const v2 = (
      await saveDraft(learner, learner.id, { version: v1, content: 'From the laptop, edited', sectionTags: {} })
    ).version;
    expect(v2).toBe(v1 + 1);
    const e = await rejection(
      saveDraft(learner, learner.id, { version: v1, content: 'From the phone', sectionTags: {} }),
    );
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.status).toBe(409);
    expect((e as ConflictError<{ content: string; version: number }>).current).toMatchObject({
      content: 'From the laptop, edited',
      version: v2,
    });
    // A second "first save" from another tab is a conflict too, not a second draft.
    const twin = await rejection(saveDraft(learner, learner.id, { version: 0, content: 'Other tab', sectionTags: {} }));
    expect(twin).toBeInstanceOf(ConflictError);
    const rows = await getDb().select().from(reportDrafts).where(eq(reportDrafts.learnerId, learner.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.content).toBe('From the laptop, edited');
  });

  it('section links are kept with the draft and must name criteria of the unit', async () => {
    const { learner } = await assessedCast();
    const v = await write(learner, '## CRM systems\n\nText.', { 'crm systems': ['u306/ac/1.4', 'u306/ac/1.5'] });
    const report = await getLearnerReport(learner, learner.id);
    expect(report.draft).toMatchObject({ version: v, sectionTags: { 'crm systems': ['u306/ac/1.4', 'u306/ac/1.5'] } });
    const bad = await rejection(
      saveDraft(learner, learner.id, { version: v, content: 'x', sectionTags: { x: ['ee2/pc/1'] } }),
    );
    expect(bad).toBeInstanceOf(ValidationError);
  });

  it('a 200,000-word paste is refused by the input schema with a clear message', () => {
    const parsed = saveDraftSchema.safeParse({ version: 1, content: prose(200_000), sectionTags: {} });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/far longer than this unit allows .* characters/);
  });

  it('the autosave body is capped while it arrives: a 200,000-word request is refused with 413', async () => {
    const huge = JSON.stringify({ version: 1, content: prose(200_000), sectionTags: {} });
    const withLength = new Request('http://x/api/reports/draft', {
      method: 'PUT',
      body: huge,
      headers: { 'content-length': String(Buffer.byteLength(huge)) },
    });
    const e1 = await rejection(readJsonWithin(withLength, MAX_DRAFT_BODY_BYTES, { tooLarge: 'too long' }));
    expect(e1.status).toBe(413);
    // Without a Content-Length (chunked), reading stops once past the cap.
    let pulled = 0;
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.length;
        if (pulled > 50 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const chunked = new Request('http://x/api/reports/draft', {
      method: 'PUT',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const e2 = await rejection(readBodyWithin(chunked, MAX_DRAFT_BODY_BYTES, 'too long'));
    expect(e2.status).toBe(413);
    expect(pulled).toBeLessThan(MAX_DRAFT_BODY_BYTES + 4 * chunk.length);
    const ok = new Request('http://x', { method: 'PUT', body: JSON.stringify({ version: 2, content: 'hi' }) });
    expect(await readJsonWithin(ok, MAX_DRAFT_BODY_BYTES, { tooLarge: 'too long' })).toEqual({
      version: 2,
      content: 'hi',
    });
  });

  it('every save is audited without copying the text into the log', async () => {
    const { learner } = await assessedCast();
    await write(learner, 'First words');
    await write(learner, 'First words and more');
    const rows = await getDb().select().from(auditLog).where(eq(auditLog.learnerId, learner.id));
    expect(rows.map((r) => r.action)).toEqual(['report.draft.create', 'report.draft.save']);
    expect(JSON.stringify(rows[1]!.after)).not.toContain('First words');
    expect(rows[1]!.after).toMatchObject({ sha256: sha256Hex('First words and more') });
  });
});

describe('uploading a .docx', () => {
  it('replaces the draft with the document text, keeps the file, and links it to the submitted version', async () => {
    const { learner, assessor } = await assessedCast();
    const md = reportWithCountedWords(3400);
    const bytes = markdownToDocx(md);
    const result = await importDocx(learner, learner.id, {
      version: 0,
      fileName: 'C:\\Users\\rita\\My report.docx',
      bytes,
    });
    expect(result.draft).toMatchObject({
      source: 'docx',
      upload: { fileName: 'My report.docx', byteSize: bytes.length },
    });
    expect(result.headings).toBe(17);
    const file = await getUpload(assessor, learner.id, result.draft.upload!.id);
    expect(Buffer.from(file.bytes).equals(bytes)).toBe(true);
    const submitted = await submitReport(learner, learner.id, { draftVersion: result.draft.version, declared: true });
    expect(submitted.countedWords).toBe(3400);
    expect((await latestVersion(learner.id)).uploadId).toBe(result.draft.upload!.id);
  });

  it('a bad file changes nothing: no draft change, no upload row, no stored bytes', async () => {
    const { learner } = await assessedCast();
    const v = await write(learner, 'My draft so far');
    for (const [name, bytes] of [
      ['report.docx', fakeDocx()],
      ['bomb.docx', zipBomb(80)],
      ['report.pdf', markdownToDocx('x')],
    ] as const) {
      const e = await rejection(importDocx(learner, learner.id, { version: v, fileName: name, bytes }));
      expect(e).toBeInstanceOf(ValidationError);
    }
    const report = await getLearnerReport(learner, learner.id);
    expect(report.draft).toMatchObject({ version: v, content: 'My draft so far' });
    expect(await getDb().select().from(reportUploads).where(eq(reportUploads.learnerId, learner.id))).toHaveLength(0);
  });

  it('an upload over a draft changed elsewhere is a conflict, and the stored file is removed again', async () => {
    const { learner } = await assessedCast();
    const v = await write(learner, 'Version A');
    await write(learner, 'Version B');
    const before = storedFiles();
    const e = await rejection(
      importDocx(learner, learner.id, {
        version: v,
        fileName: 'r.docx',
        bytes: markdownToDocx(reportWithCountedWords(3000)),
      }),
    );
    expect(e).toBeInstanceOf(ConflictError);
    expect(storedFiles()).toEqual(before);
    expect(await getDb().select().from(reportUploads).where(eq(reportUploads.learnerId, learner.id))).toHaveLength(0);
  });
});

describe('assessing: refer back, resubmit, sign off', () => {
  it('the whole cycle, with judgements citing each version and an audit row for every step', async () => {
    const { learner, assessor } = await assessedCast();
    await writeAndSubmit(learner, reportWithCountedWords(3400));
    const v1 = await latestVersion(learner.id);

    const view = await getAssessorView(assessor, learner.id);
    expect(view.canAssess).toBe(true);
    expect(view.latest?.contentHash).toBe(v1.contentHash);

    // Working notes, with optimistic concurrency.
    const notes = {
      ...completeAssessment(),
      acs: { 'u306/ac/2.5': { outcome: 'not_yet_met' as const, feedback: 'Say how you would measure loyalty.' } },
      feedback: '',
    };
    const saved = await saveAssessment(assessor, { learnerId: learner.id, versionId: v1.id, version: 0, data: notes });
    expect(
      (await rejection(saveAssessment(assessor, { learnerId: learner.id, versionId: v1.id, version: 0, data: notes })))
        .status,
    ).toBe(409);
    expect((await getAssessorView(assessor, learner.id)).assessmentDraft?.version).toBe(saved.version);

    // A referral needs feedback.
    const noFeedback = await rejection(
      decide(assessor, {
        learnerId: learner.id,
        versionId: v1.id,
        contentHash: v1.contentHash,
        outcome: 'referred',
        data: notes,
      }),
    );
    expect(noFeedback.message).toMatch(/Write feedback/);
    const referred = await decide(assessor, {
      learnerId: learner.id,
      versionId: v1.id,
      contentHash: v1.contentHash,
      outcome: 'referred',
      data: { ...notes, feedback: 'Expand 2.5 and resubmit.' },
    });
    expect(referred.outcome).toBe('referred');

    const learnerView = await getLearnerReport(learner, learner.id);
    expect(learnerView.status).toBe('referred');
    expect(learnerView.latestDecision).toMatchObject({
      outcome: 'referred',
      feedback: 'Expand 2.5 and resubmit.',
      acJudgements: [{ acId: 'u306/ac/2.5', outcome: 'not_yet_met' }],
    });

    // The learner revises and resubmits; the assessor sees what changed.
    const revised = `${reportWithCountedWords(3400)}\n## Assessing loyalty in practice\n\n${prose(120)}\n`;
    await writeAndSubmit(learner, revised);
    const v2 = await latestVersion(learner.id);
    const view2 = await getAssessorView(assessor, learner.id);
    expect(view2.diffFromPrevious?.wordsAdded).toBeGreaterThan(100);
    expect(view2.previousDecision?.outcome).toBe('referred');
    expect(view2.assessmentDraft).toBeNull();

    const done = await signOff(assessor, learner.id);
    expect(done).toMatchObject({ outcome: 'signed_off', number: 2 });

    const [decision] = await getDb().select().from(reportDecisions).where(eq(reportDecisions.versionId, v2.id));
    expect(decision).toMatchObject({
      outcome: 'signed_off',
      assessorId: assessor.id,
      contentHash: v2.contentHash,
      countedWords: v2.countedWords,
    });
    expect(decision!.declaration).toMatch(/I confirm/);

    // Shared judgements: the newest per criterion is met, and each cites its report version.
    const links = await getDb().select().from(reportAcJudgements).where(eq(reportAcJudgements.learnerId, learner.id));
    expect(links.filter((l) => l.versionId === v2.id)).toHaveLength(14);
    expect(links.filter((l) => l.versionId === v1.id).map((l) => l.acId)).toEqual(['u306/ac/2.5']);
    const shared = await getDb().select().from(judgements).where(eq(judgements.learnerId, learner.id));
    expect(shared).toHaveLength(15);

    const actions = (
      await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.learnerId, learner.id))
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['report.submit', 'report.assessment.save', 'report.refer', 'report.signoff']),
    );

    // Signed off: the learner can no longer change or submit anything.
    const after = await getLearnerReport(learner, learner.id);
    expect(after.status).toBe('signed_off');
    const edit = await rejection(
      saveDraft(learner, learner.id, { version: after.draft!.version, content: 'changed', sectionTags: {} }),
    );
    expect(edit).toBeInstanceOf(ForbiddenError);
    expect(edit.message).toMatch(/signed off .* can no longer be changed/);
    expect(
      await rejection(submitReport(learner, learner.id, { draftVersion: after.draft!.version, declared: true })),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await rejection(
        importDocx(learner, learner.id, {
          version: after.draft!.version,
          fileName: 'r.docx',
          bytes: markdownToDocx(revised),
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect((await getVersionView(learner, learner.id, 2)).version.decisionDetail?.outcome).toBe('signed_off');
  });

  it('refuses to sign off outside the word range, even for a stored version (2,999 and 5,001), and allows 3,000 and 5,000', async () => {
    for (const [counted, ok] of [
      [2999, false],
      [3000, true],
      [5000, true],
      [5001, false],
    ] as const) {
      const learner = await makeUser('learner');
      const assessor = await makeUser('assessor');
      await assign(learner, assessor);
      const v = await storeVersionDirectly(learner, reportWithCountedWords(counted, { seed: counted }), counted);
      const attempt = decide(assessor, {
        learnerId: learner.id,
        versionId: v.id,
        contentHash: v.contentHash,
        outcome: 'signed_off',
        data: completeAssessment(),
        declared: true,
      });
      if (ok) {
        await expect(attempt).resolves.toMatchObject({ outcome: 'signed_off' });
      } else {
        const e = await rejection(attempt);
        const limit = counted < 3000 ? 'needs at least 3,000' : 'allows at most 5,000';
        expect(e.message).toBe(
          `This report has ${counted.toLocaleString('en-GB')} counted words; unit 306/696 ${limit}. It cannot be signed off.`,
        );
        expect(await getDb().select().from(reportDecisions).where(eq(reportDecisions.versionId, v.id))).toHaveLength(0);
      }
    }
  });

  it('signs off only the exact version shown: wrong hash, a newer version, or an earlier decision are refused', async () => {
    const { learner, assessor } = await assessedCast();
    await writeAndSubmit(learner, reportWithCountedWords(3500));
    const v1 = await latestVersion(learner.id);
    const wrongHash = await rejection(
      decide(assessor, {
        learnerId: learner.id,
        versionId: v1.id,
        contentHash: sha256Hex('something else'),
        outcome: 'signed_off',
        data: completeAssessment(),
        declared: true,
      }),
    );
    expect(wrongHash).toBeInstanceOf(ConflictError);
    expect(wrongHash.message).toMatch(/not the stored version 1/);

    await writeAndSubmit(learner, reportWithCountedWords(3600));
    const stale = await rejection(
      decide(assessor, {
        learnerId: learner.id,
        versionId: v1.id,
        contentHash: v1.contentHash,
        outcome: 'signed_off',
        data: completeAssessment(),
        declared: true,
      }),
    );
    expect(stale.message).toMatch(/submitted version 2 after you opened version 1/);

    await signOff(assessor, learner.id);
    const twice = await rejection(signOff(assessor, learner.id));
    expect(twice.message).toMatch(/already signed off/);
  });

  it('a sign-off needs every criterion met, every range item marked, a recorded discussion if one is relied on, and the declaration', async () => {
    const { learner, assessor } = await assessedCast();
    await writeAndSubmit(learner, reportWithCountedWords(3500));
    const v = await latestVersion(learner.id);
    const attempt = (data: AssessmentData, declared = true) =>
      rejection(
        decide(assessor, {
          learnerId: learner.id,
          versionId: v.id,
          contentHash: v.contentHash,
          outcome: 'signed_off',
          data,
          declared,
        }),
      );

    const full = completeAssessment();
    const notMet = { ...full, acs: { ...full.acs, 'u306/ac/3.2': { outcome: 'not_yet_met' as const } } };
    expect((await attempt(notMet)).message).toMatch(/3\.2 is not yet met/);
    const range = { ...full.range };
    delete range['u306/ac/1.2/range/gender'];
    expect((await attempt({ ...full, range })).message).toMatch(/1\.2 has unmarked items/);
    const viaDiscussion = {
      ...full,
      range: { ...full.range, 'u306/ac/2.4/range/industry-networking': 'discussion' as const },
    };
    expect((await attempt(viaDiscussion)).message).toMatch(/Record the professional discussion/);
    expect((await attempt(full, false)).message).toMatch(/Tick the declaration/);

    const withDiscussion = {
      ...viaDiscussion,
      discussion: { heldOn: '2026-11-20', acIds: ['u306/ac/2.4'], notes: 'Discussed networking events.' },
    };
    const notRelevant = {
      ...withDiscussion,
      range: { ...withDiscussion.range, 'u306/ac/1.3/range/owners-investors': 'not_relevant' as const },
    };
    await expect(
      decide(assessor, {
        learnerId: learner.id,
        versionId: v.id,
        contentHash: v.contentHash,
        outcome: 'signed_off',
        data: notRelevant,
        declared: true,
      }),
    ).resolves.toMatchObject({ outcome: 'signed_off' });
    const [d] = await getDb().select().from(reportDecisions).where(eq(reportDecisions.versionId, v.id));
    expect(d!.rangeMarks['u306/ac/1.3/range/owners-investors']).toBe('not_relevant');
    expect(d!.discussion).toMatchObject({ notes: 'Discussed networking events.', acIds: ['u306/ac/2.4'] });
  });
});

describe('permissions: learner self only; the assigned assessor assesses; coach and admin read', () => {
  it('reading the report', async () => {
    const c = await assessedCast();
    await write(c.learner, 'hello');
    for (const actor of [c.learner, c.assessor, c.coach, c.admin]) {
      await expect(getLearnerReport(actor, c.learner.id)).resolves.toMatchObject({ learner: { id: c.learner.id } });
      await expect(getAssessorView(actor, c.learner.id)).resolves.toBeTruthy();
    }
    for (const actor of [c.otherLearner, c.otherAssessor, c.otherCoach]) {
      expect((await rejection(getLearnerReport(actor, c.learner.id))).status).toBe(403);
      expect((await rejection(getAssessorView(actor, c.learner.id))).status).toBe(403);
      expect((await rejection(getVersionView(actor, c.learner.id, 1))).status).toBe(403);
    }
  });

  it('a learner not enrolled on the unit cannot write, upload or submit a report', async () => {
    const { learner } = await makeCast();
    const e = await rejection(saveDraft(learner, learner.id, { version: 0, content: 'x', sectionTags: {} }));
    expect(e.status).toBe(403);
    expect(e.message).toMatch(/not enrolled on unit 306\/696/);
    expect(
      (
        await rejection(
          importDocx(learner, learner.id, { version: 0, fileName: 'r.docx', bytes: markdownToDocx('## A\n\nb') }),
        )
      ).status,
    ).toBe(403);
    expect((await rejection(submitReport(learner, learner.id, { draftVersion: 1, declared: true }))).status).toBe(403);
    expect((await getLearnerReport(learner, learner.id)).enrolled).toBe(false);
  });

  it('writing, uploading and submitting: only the learner themself', async () => {
    const c = await assessedCast();
    const v = await write(c.learner, reportWithCountedWords(3000));
    for (const actor of [c.assessor, c.coach, c.admin, c.otherLearner, c.otherAssessor, c.otherCoach]) {
      expect(
        (await rejection(saveDraft(actor, c.learner.id, { version: v, content: 'x', sectionTags: {} }))).status,
      ).toBe(403);
      expect((await rejection(submitReport(actor, c.learner.id, { draftVersion: v, declared: true }))).status).toBe(
        403,
      );
      expect(
        (await rejection(importDocx(actor, c.learner.id, { version: v, fileName: 'r.docx', bytes: fakeDocx() })))
          .status,
      ).toBe(403);
    }
    expect(await getDb().select().from(reportVersions).where(eq(reportVersions.learnerId, c.learner.id))).toHaveLength(
      0,
    );
  });

  it('assessing: only the assigned assessor; coach, admin, learner and others get 403', async () => {
    const c = await assessedCast();
    await writeAndSubmit(c.learner, reportWithCountedWords(3000));
    const v = await latestVersion(c.learner.id);
    for (const actor of [c.learner, c.coach, c.admin, c.otherLearner, c.otherAssessor, c.otherCoach]) {
      const input = {
        learnerId: c.learner.id,
        versionId: v.id,
        contentHash: v.contentHash,
        outcome: 'signed_off' as const,
        data: completeAssessment(),
        declared: true,
      };
      expect((await rejection(decide(actor, input))).status).toBe(403);
      expect((await rejection(decide(actor, { ...input, outcome: 'referred' }))).status).toBe(403);
      expect(
        (
          await rejection(
            saveAssessment(actor, { learnerId: c.learner.id, versionId: v.id, version: 0, data: completeAssessment() }),
          )
        ).status,
      ).toBe(403);
      const view = await getAssessorView(actor, c.learner.id).catch(() => null);
      if (view) expect(view.canAssess).toBe(false);
    }
    expect((await getAssessorView(c.assessor, c.learner.id)).canAssess).toBe(true);
  });

  it('the staff list shows only assigned learners (all learners on the unit for an admin)', async () => {
    const c = await assessedCast();
    await enrol(c.otherLearner, REPORT_MODULE_SLUG);
    const ids = async (actor: Actor) => (await listReportsForStaff(actor)).map((r) => r.learnerId);
    expect(await ids(c.assessor)).toContain(c.learner.id);
    expect(await ids(c.assessor)).not.toContain(c.otherLearner.id);
    expect(await ids(c.coach)).toEqual(await ids(c.coach));
    expect(await ids(c.coach)).not.toContain(c.otherLearner.id);
    expect(await ids(c.admin)).toEqual(expect.arrayContaining([c.learner.id, c.otherLearner.id]));
    expect((await rejection(listReportsForStaff(c.learner))).status).toBe(403);
  });

  it('downloading the uploaded document follows report.view', async () => {
    const c = await assessedCast();
    const r = await importDocx(c.learner, c.learner.id, {
      version: 0,
      fileName: 'r.docx',
      bytes: markdownToDocx(reportWithCountedWords(3000)),
    });
    for (const actor of [c.learner, c.assessor, c.coach, c.admin])
      await expect(getUpload(actor, c.learner.id, r.draft.upload!.id)).resolves.toBeTruthy();
    for (const actor of [c.otherLearner, c.otherAssessor, c.otherCoach])
      expect((await rejection(getUpload(actor, c.learner.id, r.draft.upload!.id))).status).toBe(403);
    // Another learner's id with this upload's id finds nothing: queries are scoped by learner.
    expect((await rejection(getUpload(c.admin, c.otherLearner.id, r.draft.upload!.id))).status).toBe(404);
  });
});
