import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
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
  worksheetComments,
  worksheetSubmissions,
} from '@/db/schema';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { exportFileName } from '@/lib/export/filename';
import { answerLines, portfolioExport } from '@/lib/export/record';
import { getModule } from '@/lib/content';
import { useTestDatabase } from '../helpers/db';
import { enrol, makeCast, makeUser } from '../helpers/fixtures';

useTestDatabase();

let c: Awaited<ReturnType<typeof makeCast>>;
const sha = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');
const report = 'Version one of my report.\n';
const report2 = 'Version two of my report, improved.\n';

beforeAll(async () => {
  c = await makeCast();
  await enrol(c.learner, 'ee2-win-keep-customers', 'u306-customers-retention', 'ws-2-8-keeping-customers');
  const db = getDb();
  const [file] = await db
    .insert(evidenceFiles)
    .values({
      learnerId: c.learner.id,
      storageKey: crypto.randomUUID(),
      originalName: 'survey.pdf',
      contentType: 'application/pdf',
      sizeBytes: 2048,
      sha256: sha('pdf'),
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
      fileId: file.id,
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
  await db.insert(evidenceCriteria).values([
    {
      evidenceId: e1.id,
      criterionId: 'ee2/pc/1',
      moduleSlug: 'ee2-win-keep-customers',
      learnerId: c.learner.id,
      note: 'Shows I ask customers.',
    },
    {
      evidenceId: e2.id,
      criterionId: 'ee2/pc/1',
      moduleSlug: 'ee2-win-keep-customers',
      learnerId: c.learner.id,
      note: 'Also this.',
    },
    {
      evidenceId: e2.id,
      criterionId: 'ee2/pc/2',
      moduleSlug: 'ee2-win-keep-customers',
      learnerId: c.learner.id,
      note: 'A complaint.',
    },
  ]);
  const [j1] = await db
    .insert(judgements)
    .values({
      learnerId: c.learner.id,
      criterionId: 'ee2/pc/2',
      moduleSlug: 'ee2-win-keep-customers',
      outcome: 'not_yet_met',
      feedback: 'Say what happened next.',
      assessorId: c.assessor.id,
    })
    .returning();
  await db
    .insert(judgementResponses)
    .values({ judgementId: j1.id, learnerId: c.learner.id, authorId: c.learner.id, note: 'I will add it.' });
  await db.insert(judgements).values({
    learnerId: c.learner.id,
    criterionId: 'ee2/pc/1',
    moduleSlug: 'ee2-win-keep-customers',
    outcome: 'met',
    feedback: 'Clear.',
    assessorId: c.assessor.id,
    evidenceIds: [e1.id],
  });
  await db.insert(judgements).values({
    learnerId: c.learner.id,
    criterionId: 'ee2/pc/2',
    moduleSlug: 'ee2-win-keep-customers',
    outcome: 'met',
    feedback: 'Now complete.',
    assessorId: c.assessor.id,
    evidenceIds: [e2.id],
  });

  const [draft] = await db
    .insert(reportDrafts)
    .values({ learnerId: c.learner.id, moduleSlug: 'u306-customers-retention', content: report2 })
    .returning();
  const [v1] = await db
    .insert(reportVersions)
    .values({
      learnerId: c.learner.id,
      moduleSlug: 'u306-customers-retention',
      number: 1,
      draftId: draft.id,
      draftVersion: 1,
      content: report,
      contentHash: sha(report),
      totalWords: 3100,
      countedWords: 3050,
      excluded: [],
      sectionTags: {},
      declaration: 'Mine.',
      submittedBy: c.learner.id,
    })
    .returning();
  await db.insert(reportDecisions).values({
    versionId: v1.id,
    learnerId: c.learner.id,
    moduleSlug: 'u306-customers-retention',
    assessorId: c.assessor.id,
    outcome: 'referred',
    feedback: 'Add AC 3.2.',
    rangeMarks: {},
    discussion: { acIds: [], notes: '' },
    contentHash: sha(report),
    countedWords: 3050,
  });
  const [v2] = await db
    .insert(reportVersions)
    .values({
      learnerId: c.learner.id,
      moduleSlug: 'u306-customers-retention',
      number: 2,
      draftId: draft.id,
      draftVersion: 2,
      content: report2,
      contentHash: sha(report2),
      totalWords: 3400,
      countedWords: 3300,
      excluded: [],
      sectionTags: {},
      declaration: 'Mine.',
      submittedBy: c.learner.id,
    })
    .returning();
  await db.insert(reportDecisions).values({
    versionId: v2.id,
    learnerId: c.learner.id,
    moduleSlug: 'u306-customers-retention',
    assessorId: c.assessor.id,
    outcome: 'signed_off',
    feedback: 'Well done.',
    rangeMarks: {},
    discussion: { acIds: [], notes: '' },
    declaration: 'I confirm.',
    contentHash: sha(report2),
    countedWords: 3300,
  });

  const [sub] = await db
    .insert(worksheetSubmissions)
    .values({
      learnerId: c.learner.id,
      moduleSlug: 'ws-2-8-keeping-customers',
      number: 1,
      answersVersion: 3,
      answers: {
        contacts: [{ id: 'r1', cells: { contact: 'Phone', service: 'Answer quickly' } }],
        tips: { listen: true },
        'contacts-review': 'Add a follow-up call.',
      },
    })
    .returning();
  await db.insert(worksheetComments).values({
    submissionId: sub.id,
    learnerId: c.learner.id,
    authorId: c.coach.id,
    sectionId: 'contacts',
    body: 'Add email too.',
  });
});

describe('portfolio export: who may have it', () => {
  it('is for the learner, their assessor, their coach and admins only', async () => {
    for (const actor of [c.learner, c.assessor, c.coach, c.admin]) {
      await expect(portfolioExport(actor, c.learner.id, 'ee2-win-keep-customers')).resolves.toMatchObject({
        learner: { id: c.learner.id },
      });
    }
    for (const actor of [c.otherLearner, c.otherAssessor, c.otherCoach]) {
      await expect(portfolioExport(actor, c.learner.id, 'ee2-win-keep-customers')).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
  });

  it('answers 404 for an unknown module, a module the learner is not on, or a malformed id', async () => {
    await expect(portfolioExport(c.admin, c.learner.id, 'no-such-module')).rejects.toBeInstanceOf(NotFoundError);
    await expect(portfolioExport(c.admin, c.learner.id, 'develop-customer-relationships')).rejects.toThrow(
      /not enrolled/,
    );
    await expect(portfolioExport(c.admin, 'not-a-uuid', 'ee2-win-keep-customers')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const staff = await makeUser('coach');
    await expect(portfolioExport(c.admin, staff.id, 'ee2-win-keep-customers')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('portfolio export: the record', () => {
  it('gives each criterion its evidence, rationale, file hash and every judgement, newest first', async () => {
    const r = await portfolioExport(c.coach, c.learner.id, 'ee2-win-keep-customers');
    expect(r.format).toBe('criterion-portfolio-export');
    expect(r.staff).toEqual({ assessors: [c.assessor.name], coaches: [c.coach.name] });
    expect(r.summary).toEqual({ total: 26, met: 2, notYetMet: 0, submitted: 0, noEvidence: 24 });
    const [pc1, pc2] = r.criteria;
    expect(pc1).toMatchObject({ id: 'ee2/pc/1', label: 'EE2 PC 1', status: 'met' });
    expect(pc1.evidence.map((e) => [e.title, e.rationale])).toEqual([
      ['Handling a complaint', 'Also this.'],
      ['Customer survey', 'Shows I ask customers.'],
    ]);
    expect(pc1.evidence[1].file).toEqual({
      name: 'survey.pdf',
      sizeBytes: 2048,
      contentType: 'application/pdf',
      sha256: sha('pdf'),
    });
    expect(pc2.judgements.map((j) => [j.outcome, j.feedback, j.assessor])).toEqual([
      ['met', 'Now complete.', c.assessor.name],
      ['not_yet_met', 'Say what happened next.', c.assessor.name],
    ]);
    expect(pc2.judgements[1].learnerReplies).toEqual([
      expect.objectContaining({ note: 'I will add it.', by: c.learner.name }),
    ]);
    expect(pc2.judgements[0].citedEvidence.map((e) => e.title)).toEqual(['Handling a complaint']);
    expect(r.report).toBeNull();
    expect(r.worksheet).toBeNull();
    // Plain data: it survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('lists report versions with word counts and the sign-off with its hash', async () => {
    const r = await portfolioExport(c.assessor, c.learner.id, 'u306-customers-retention');
    expect(r.report!.versions.map((v) => [v.number, v.countedWords, v.decision?.outcome])).toEqual([
      [1, 3050, 'referred'],
      [2, 3300, 'signed_off'],
    ]);
    expect(r.report!.signedOff).toMatchObject({
      number: 2,
      contentHash: sha(report2),
      decision: { contentHash: sha(report2), declaration: 'I confirm.', assessor: c.assessor.name },
    });
    expect(r.criteria).toHaveLength(14);
  });

  it('gives worksheet hand-ins as plain lines with the coach\u2019s comments', async () => {
    const r = await portfolioExport(c.learner, c.learner.id, 'ws-2-8-keeping-customers');
    const [s] = r.worksheet!.submissions;
    expect(s.sections[0]).toEqual({
      title: 'Your customer contact points',
      answer: ['Customer contact points: Phone | Good customer service: Answer quickly'],
    });
    expect(s.sections[1].answer).toContain('[x] Make sure you know what the customer really wants \u2013 listen!');
    expect(s.comments).toEqual([
      expect.objectContaining({ section: 'Your customer contact points', body: 'Add email too.', by: c.coach.name }),
    ]);
  });

  it('names the download safely', () => {
    expect(
      exportFileName(
        {
          learner: { id: '', name: 'Zoë O\u2019Brien', email: '' },
          module: { slug: 'u306', code: '306/696', title: '', kind: 'unit' },
          generatedAt: '2026-05-01T10:00:00Z',
        },
        'json',
      ),
    ).toBe('criterion-zoe-obrien-306-696-2026-05-01.json');
  });

  it('writes each kind of worksheet answer as text', () => {
    const sections = getModule('ws-2-8-keeping-customers')!.worksheet!.sections;
    const reflection = sections.find((s) => s.kind === 'reflection')!;
    expect(answerLines(reflection, 'one\ntwo')).toEqual(['one', 'two']);
    expect(answerLines(reflection, undefined)).toEqual([]);
  });
});
