/**
 * Re-importing a newer version of a framework whose wording changed (issue 23): evidence mapped to the old wording and
 * the judgement made on it are flagged for review on the learner's and the assessor's pages, with the date the new
 * wording reached the portal, and nothing is moved or changed. The content the app serves is switched, in this file
 * only, from content/ to a copy into which the real importer has written the newer version.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { criterionWordings, evidence, evidenceCriteria, judgements } from '@/db/schema';
import type { ContentIndex } from '@/lib/content/build';
import { loadContent } from '@/lib/content/load';
import { wordingHash } from '@/lib/content/wording';
import { learnerPortfolio, myProgress } from '@/lib/evidence/portfolio';
import { getEvidence, listEvidence } from '@/lib/evidence/read';
import { recordWordings, wordingReviews, wordingReviewsOf } from '@/lib/evidence/wording';
import { cohortMatrix } from '@/lib/dashboards/matrix';
import { matrixCsv } from '@/lib/dashboards/matrix-csv';
import { casePackage, itemId } from '@/lib/standards/case-write';
import { importFramework, writeImported } from '@/lib/standards/import';
import { useTestDatabase } from '../helpers/db';
import { createEvidence } from '../helpers/evidence';
import { assign, enrol, makeCast } from '../helpers/fixtures';
import { makeCohort } from '../helpers/qa';
import { judge } from '../helpers/judgements';

const served = vi.hoisted(() => ({ content: undefined as ContentIndex | undefined }));
vi.mock('@/lib/content/load', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/content/load')>();
  return { ...actual, getContent: () => (served.content ??= actual.loadContent()) };
});

useTestDatabase();

const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-wording-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const EE2 = 'ee2-win-keep-customers';
const PC1 = 'ee2/pc/1';
const PC2 = 'ee2/pc/2';

/** A newer version of EE2 in which PC 1 is reworded, imported over a copy of content/ by the real importer. */
function reimportReworded(): { content: ContentIndex; was: string; now: string } {
  const dir = path.join(tmp, 'content');
  fs.cpSync(path.join(root, 'content'), dir, { recursive: true });
  const index = loadContent(dir);
  const pkg = casePackage(
    index,
    index.modules.find((m) => m.slug === EE2)!,
    'https://portal.example',
  );
  const item = pkg.CFItems.find((i) => i.identifier === itemId(PC1))!;
  const was = item.fullStatement;
  item.fullStatement = `${was}, and record what they told you`;
  const file = path.join(tmp, 'ee2-v2.case.json');
  fs.writeFileSync(file, JSON.stringify(pkg));
  const imported = importFramework({ file, out: path.join(dir, 'modules') });
  expect(imported.review.changed).toEqual([{ id: PC1, was, now: item.fullStatement }]);
  writeImported(path.join(dir, 'modules'), imported);
  return { content: loadContent(dir), was, now: item.fullStatement };
}

const account = (title: string, ids: string[]) => ({
  kind: 'account',
  title,
  occurredOn: '2026-11-02',
  description: '',
  body: 'I asked customers at the stall what they buy and why.',
  criteria: ids.map((id) => ({ id, note: '' })),
});

/** Every row of the learner's record that a flag must leave alone. */
async function record(learnerId: string) {
  const db = getDb();
  return {
    evidence: await db.select().from(evidence).where(eq(evidence.learnerId, learnerId)).orderBy(asc(evidence.id)),
    mappings: await db
      .select()
      .from(evidenceCriteria)
      .where(eq(evidenceCriteria.learnerId, learnerId))
      .orderBy(asc(evidenceCriteria.evidenceId), asc(evidenceCriteria.criterionId)),
    judgements: await db
      .select()
      .from(judgements)
      .where(eq(judgements.learnerId, learnerId))
      .orderBy(asc(judgements.activitySeq)),
  };
}

async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} ${err.cause?.message ?? ''}`;
  }
  return 'no error: the database accepted the change';
}

/** Evidence nobody has judged met: its mappings may change, but not the wording they were made on. */
let unjudged = '';

describe('a criterion reworded by a re-import', () => {
  it('flags the evidence mapped to the old wording and the judgement made on it, dated, and moves nothing', async () => {
    const db = getDb();
    const c = await makeCast();
    await enrol(c.learner, EE2);
    await recordWordings(db);

    // Before the new version: evidence mapped to PC 1 (and PC 2), PC 1 judged met.
    const a = await createEvidence(c.learner, account('Survey at the stall', [PC1, PC2]));
    const b = await createEvidence(c.learner, account('Talking to regulars', [PC1]));
    await judge(c.assessor, { learnerId: c.learner.id, criterionId: PC1, outcome: 'met', evidenceIds: [a.id] });
    const mapped = await db.select().from(evidenceCriteria).where(eq(evidenceCriteria.evidenceId, a.id));
    expect(mapped.map((m) => m.criterionHash)).toEqual(
      mapped.map((m) => wordingHash(loadContent(path.join(root, 'content')).items.get(m.criterionId)!.text)),
    );
    expect((await wordingReviews(db, c.learner.id)).size).toBe(0);
    const before = await record(c.learner.id);

    // The newer version is imported and served; the server records its wordings at start-up.
    const { content, was, now } = reimportReworded();
    served.content = content;
    expect(await recordWordings(db)).toBe(1);
    const [newWording] = await db
      .select()
      .from(criterionWordings)
      .where(sql`${criterionWordings.criterionId} = ${PC1} and ${criterionWordings.textHash} = ${wordingHash(now)}`);
    expect(newWording).toBeDefined();
    expect(
      await db
        .select()
        .from(criterionWordings)
        .where(eq(criterionWordings.textHash, wordingHash(was))),
    ).toHaveLength(1);

    // One place decides: PC 1 needs a review (its judgement and both pieces of evidence), PC 2 does not.
    const reviews = await wordingReviews(db, c.learner.id);
    expect([...reviews.keys()]).toEqual([PC1]);
    expect(reviews.get(PC1)).toEqual({
      changedOn: newWording!.firstSeenAt.toISOString(),
      judgedOnEarlierWording: true,
      evidenceIds: expect.arrayContaining([a.id, b.id]) as string[],
    });
    expect(reviews.get(PC1)!.evidenceIds).toHaveLength(2);

    // The assessor's criterion cards: PC 1 stays in view with its status unchanged, the evidence tagged.
    const portfolio = await learnerPortfolio(c.assessor, c.learner.id);
    const items = portfolio.modules.find((m) => m.slug === EE2)!.items;
    const pc1 = items.find((i) => i.criterion.id === PC1)!;
    expect(pc1.criterion.text).toBe(now);
    expect(pc1.status.status).toBe('met');
    expect(pc1.wording?.changedOn).toBe(newWording!.firstSeenAt.toISOString());
    expect(pc1.evidence.map((e) => e.earlierWording)).toEqual([true, true]);
    expect(items.find((i) => i.criterion.id === PC2)!.wording).toBeNull();

    // The coach's matrix: the cell keeps its status and carries the flag; another learner's row has none.
    const cohortId = await makeCohort([c.learner, c.otherLearner]);
    await enrol(c.otherLearner, EE2);
    await assign(c.otherLearner, c.coach);
    const matrix = await cohortMatrix(c.coach, { cohortId, moduleSlug: EE2 });
    const column = (id: string) => matrix.criteria.findIndex((x) => x.id === id);
    const row = matrix.learners.find((l) => l.id === c.learner.id)!;
    expect(row.statuses[column(PC1)]).toBe('met');
    expect(row.reworded[column(PC1)]).toBe(true);
    expect(row.reworded.filter(Boolean)).toHaveLength(1);
    expect(matrix.learners.find((l) => l.id === c.otherLearner.id)!.reworded).not.toContain(true);
    const { stream } = await matrixCsv(c.coach, { cohortId, moduleSlug: EE2 });
    const csv = await new Response(stream).text();
    const [header, ...lines] = csv.split('\r\n');
    expect(header).toMatch(/,Criteria met,Wording changed: review$/);
    expect(lines.find((l) => l.startsWith(`${c.learner.name},`))).toMatch(/,EE2 PC 1$/);
    expect(lines.find((l) => l.startsWith(`${c.otherLearner.name},`))).toMatch(/,$/);
    const both = await wordingReviewsOf(db, [c.learner.id, c.otherLearner.id]);
    expect([...both.keys()]).toEqual([c.learner.id]);
    expect(both.get(c.learner.id)).toEqual(reviews);

    // The evidence page, for the learner and the assessor alike.
    for (const viewer of [c.learner, c.assessor]) {
      const detail = await getEvidence(viewer, a.id);
      expect(detail.mappings.find((m) => m.criterion.id === PC1)!.wording).toEqual({
        changedOn: newWording!.firstSeenAt.toISOString(),
        thisEvidence: true,
        judgement: true,
      });
      expect(detail.mappings.find((m) => m.criterion.id === PC2)!.wording).toBeNull();
    }
    // The learner's evidence library and criteria list.
    const library = await listEvidence(c.learner, c.learner.id);
    expect(library.reworded.get(PC1)?.evidenceIds).toHaveLength(2);
    const mine = (await myProgress(c.learner, c.learner.id)).find((m) => m.slug === EE2)!.items;
    expect(mine.find((i) => i.criterion.id === PC1)!.wording).not.toBeNull();
    expect(mine.find((i) => i.criterion.id === PC2)!.wording).toBeNull();

    // Nothing was moved or changed: the same evidence, mappings (with the old wording's fingerprint) and judgements.
    expect(await record(c.learner.id)).toEqual(before);
    expect(before.mappings.filter((m) => m.criterionId === PC1).map((m) => m.criterionHash)).toEqual([
      wordingHash(was),
      wordingHash(was),
    ]);

    // Evidence mapped after the change is on the new wording: not flagged, though PC 1 still is.
    const later = await createEvidence(c.learner, account('Notes from a call', [PC1]));
    unjudged = later.id;
    expect((await wordingReviews(db, c.learner.id)).get(PC1)!.evidenceIds).not.toContain(later.id);

    // The assessor judges PC 1 again on the new wording: the review is done.
    await judge(c.assessor, {
      learnerId: c.learner.id,
      criterionId: PC1,
      outcome: 'met',
      evidenceIds: [a.id, b.id],
    });
    expect((await wordingReviews(db, c.learner.id)).size).toBe(0);
    expect((await db.select().from(judgements).where(eq(judgements.learnerId, c.learner.id))).length).toBe(
      before.judgements.length + 1,
    );
  });

  it('the database keeps the wording a mapping was made on and the date a wording was first served', async () => {
    const db = getDb();
    const [m] = await db.select().from(evidenceCriteria).where(eq(evidenceCriteria.evidenceId, unjudged));
    expect(m).toBeDefined();
    // Its note may still change (the learner edits it in place) ...
    await db
      .update(evidenceCriteria)
      .set({ note: 'Written up the same day.' })
      .where(eq(evidenceCriteria.evidenceId, unjudged));
    expect(
      await refusal(
        db
          .update(evidenceCriteria)
          .set({ criterionHash: 'ffffffffffffffff' })
          .where(
            sql`${evidenceCriteria.evidenceId} = ${m!.evidenceId} and ${evidenceCriteria.criterionId} = ${m!.criterionId}`,
          ),
      ),
    ).toMatch(/the wording evidence .* was mapped to is kept/);
    expect(await refusal(db.update(criterionWordings).set({ firstSeenAt: new Date(0) }))).toMatch(/append-only/);
    expect(await refusal(db.delete(criterionWordings))).toMatch(/append-only/);
  });
});
