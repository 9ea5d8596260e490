import { sql, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { learnerPortfolio } from '@/lib/evidence/portfolio';
import { ConflictError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { decide } from '@/lib/reports/assess';
import { saveDraft } from '@/lib/reports/drafts';
import { sha256Hex } from '@/lib/hash';
import { submitReport } from '@/lib/reports/submit';
import type { AssessmentData } from '@/lib/reports/types';
import { allCriterionIds, allRangeIds, REPORT_MODULE_SLUG, reportUnit } from '@/lib/reports/unit';
import { useTestDatabase } from '../helpers/db';
import { enrol, makeCast as makeBareCast } from '../helpers/fixtures';
import { reportWithCountedWords } from '../fixtures/reports/make';
import { judge } from '../helpers/judgements';

/**
 * The database itself, not only the app, refuses to change a submitted version, a decision, or the
 * judgements that cite it. Raw SQL on purpose: this is what a bug or a careless script would send.
 */
useTestDatabase();

async function run(query: SQL): Promise<Record<string, unknown>[]> {
  const result = await getDb().execute(query);
  // postgres-js returns the rows; PGlite returns { rows }.
  return Array.isArray(result) ? result : (result as unknown as { rows: Record<string, unknown>[] }).rows;
}

async function refused(query: SQL): Promise<string> {
  const e = await run(query).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'expected the database to refuse the statement').toBeInstanceOf(Error);
  const all: string[] = [];
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) all.push(String((c as Error).message));
  return all.join(' | ');
}

async function makeCast() {
  const c = await makeBareCast();
  await enrol(c.learner, REPORT_MODULE_SLUG);
  return c;
}

function everythingMet(): AssessmentData {
  const unit = reportUnit();
  return {
    acs: Object.fromEntries(allCriterionIds(unit).map((id) => [id, { outcome: 'met' as const }])),
    range: Object.fromEntries(allRangeIds(unit).map((id) => [id, 'covered' as const])),
    discussion: { heldOn: '', acIds: [], notes: '' },
    feedback: '',
  };
}

async function signedOffReport() {
  const c = await makeCast();
  const learner: Actor = c.learner;
  const { version } = await saveDraft(learner, learner.id, {
    version: 0,
    content: reportWithCountedWords(3300),
    sectionTags: {},
  });
  await submitReport(learner, learner.id, { draftVersion: version, declared: true });
  const [v] = await run(sql`select id, content_hash from report_versions where learner_id = ${learner.id}`);
  const versionId = String(v!.id);
  await decide(c.assessor, {
    learnerId: learner.id,
    versionId,
    contentHash: String(v!.content_hash),
    outcome: 'signed_off',
    data: everythingMet(),
    declared: true,
  });
  return { ...c, versionId };
}

const insertVersion = (o: {
  learnerId: string;
  draftId: unknown;
  number: number;
  draftVersion: number;
  content: string;
  hash: string;
}) => sql`
  insert into report_versions (learner_id, module_slug, number, draft_id, draft_version, content, content_hash, total_words,
    counted_words, excluded, section_tags, declaration, submitted_by)
  values (${o.learnerId}, ${REPORT_MODULE_SLUG}, ${o.number}, ${o.draftId}, ${o.draftVersion}, ${o.content}, ${o.hash}, 3, 3,
    '[]'::jsonb, '{}'::jsonb, 'declared', ${o.learnerId})`;

describe('the database refuses to change submitted reports and sign-offs', () => {
  it('UPDATE and DELETE of a submitted (signed-off) version are refused', async () => {
    const { versionId } = await signedOffReport();
    expect(await refused(sql`update report_versions set content = 'rewritten' where id = ${versionId}`)).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await refused(sql`update report_versions set counted_words = 4000 where id = ${versionId}`)).toMatch(
      /UPDATE refused/,
    );
    expect(await refused(sql`delete from report_versions where id = ${versionId}`)).toMatch(
      /append-only: DELETE refused/,
    );
    expect(await refused(sql`truncate report_versions cascade`)).toMatch(/TRUNCATE refused/);
    const [row] = await run(sql`select content, counted_words from report_versions where id = ${versionId}`);
    expect(row).toMatchObject({ content: reportWithCountedWords(3300), counted_words: 3300 });
  });

  it('UPDATE and DELETE of a sign-off and of its judgements are refused', async () => {
    const { versionId, otherAssessor } = await signedOffReport();
    expect(
      await refused(sql`update report_decisions set assessor_id = ${otherAssessor.id} where version_id = ${versionId}`),
    ).toMatch(/UPDATE refused/);
    expect(
      await refused(sql`update report_decisions set outcome = 'referred' where version_id = ${versionId}`),
    ).toMatch(/UPDATE refused/);
    expect(await refused(sql`delete from report_decisions where version_id = ${versionId}`)).toMatch(/DELETE refused/);
    expect(await refused(sql`truncate report_decisions cascade`)).toMatch(/TRUNCATE refused/);
    expect(
      await refused(sql`update report_ac_judgements set outcome = 'not_yet_met' where version_id = ${versionId}`),
    ).toMatch(/UPDATE refused/);
    expect(await refused(sql`delete from report_ac_judgements where version_id = ${versionId}`)).toMatch(
      /DELETE refused/,
    );
    const [row] = await run(sql`select outcome from report_decisions where version_id = ${versionId}`);
    expect(row).toMatchObject({ outcome: 'signed_off' });
  });

  it('a submitted version that was never decided cannot be changed either', async () => {
    const c = await makeCast();
    const { version } = await saveDraft(c.learner, c.learner.id, {
      version: 0,
      content: reportWithCountedWords(3000),
      sectionTags: {},
    });
    await submitReport(c.learner, c.learner.id, { draftVersion: version, declared: true });
    expect(await refused(sql`update report_versions set content = 'x' where learner_id = ${c.learner.id}`)).toMatch(
      /UPDATE refused/,
    );
    expect(await refused(sql`delete from report_versions where learner_id = ${c.learner.id}`)).toMatch(
      /DELETE refused/,
    );
  });

  it('after sign-off the draft is frozen and no further version can be inserted', async () => {
    const { learner } = await signedOffReport();
    expect(await refused(sql`update report_drafts set content = 'new text' where learner_id = ${learner.id}`)).toMatch(
      /signed off/,
    );
    expect(await refused(sql`delete from report_drafts where learner_id = ${learner.id}`)).toMatch(/signed off/);
    const [d] = await run(sql`select id from report_drafts where learner_id = ${learner.id}`);
    const content = 'a later version';
    expect(
      await refused(
        insertVersion({
          learnerId: learner.id,
          draftId: d!.id,
          number: 2,
          draftVersion: 99,
          content,
          hash: sha256Hex(content),
        }),
      ),
    ).toMatch(/signed off; INSERT refused/);
  });

  it('a version hash must be the SHA-256 of its text, and a decision must carry its version hash', async () => {
    const c = await makeCast();
    const { version } = await saveDraft(c.learner, c.learner.id, { version: 0, content: 'x', sectionTags: {} });
    const [d] = await run(sql`select id from report_drafts where learner_id = ${c.learner.id}`);
    expect(
      await refused(
        insertVersion({
          learnerId: c.learner.id,
          draftId: d!.id,
          number: 1,
          draftVersion: version,
          content: 'the real text',
          hash: sha256Hex('other text'),
        }),
      ),
    ).toMatch(/content_hash is not the SHA-256/);

    await saveDraft(c.learner, c.learner.id, { version, content: reportWithCountedWords(3000), sectionTags: {} });
    await submitReport(c.learner, c.learner.id, { draftVersion: version + 1, declared: true });
    const [v] = await run(sql`select id from report_versions where learner_id = ${c.learner.id}`);
    expect(
      await refused(sql`
      insert into report_decisions (version_id, learner_id, module_slug, assessor_id, outcome, feedback, range_marks, discussion,
        declaration, content_hash, counted_words)
      values (${v!.id}, ${c.learner.id}, ${REPORT_MODULE_SLUG}, ${c.assessor.id}, 'signed_off', '', '{}'::jsonb, '{}'::jsonb,
        'x', ${sha256Hex('a different text')}, 3000)`),
    ).toMatch(/content_hash does not match/);
  });
});

describe("once a report is signed off, its unit's criteria are final", () => {
  const judgementCount = async (learnerId: string) =>
    Number((await run(sql`select count(*)::int as n from judgements where learner_id = ${learnerId}`))[0]!.n);

  it('the assessor cannot judge a criterion again: a clear refusal, nothing stored, the unit still all met', async () => {
    const { learner, assessor } = await signedOffReport();
    const before = await judgementCount(learner.id);
    const ac = allCriterionIds(reportUnit())[0]!;
    const err = await judge(assessor, {
      learnerId: learner.id,
      criterionId: ac,
      outcome: 'not_yet_met',
      feedback: 'On reflection, not shown.',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(
      /cannot be judged again\. The 306\/696 report was signed off on .*, so this unit’s criteria are final\./,
    );
    expect(await judgementCount(learner.id)).toBe(before);

    const unit = (await learnerPortfolio(assessor, learner.id)).modules.find((m) => m.slug === REPORT_MODULE_SLUG)!;
    expect(unit.signedOff).toMatch(/signed off on/);
    expect(unit.progress.met).toBe(unit.progress.total);
  });

  it('the database refuses a new judgement of the unit, and a criterion link to any decision but the sign-off', async () => {
    const c = await makeCast();
    const unit = reportUnit();
    const first = await saveDraft(c.learner, c.learner.id, {
      version: 0,
      content: reportWithCountedWords(3100),
      sectionTags: {},
    });
    await submitReport(c.learner, c.learner.id, { draftVersion: first.version, declared: true });
    const [v1] = await run(sql`select id, content_hash from report_versions where learner_id = ${c.learner.id}`);
    const referral = {
      ...everythingMet(),
      acs: { [allCriterionIds(unit)[0]!]: { outcome: 'not_yet_met' as const, feedback: 'Say more.' } },
      feedback: 'Revise 1.1.',
    };
    await decide(c.assessor, {
      learnerId: c.learner.id,
      versionId: String(v1!.id),
      contentHash: String(v1!.content_hash),
      outcome: 'referred',
      data: referral,
      declared: false,
    });
    const second = await saveDraft(c.learner, c.learner.id, {
      version: first.version,
      content: reportWithCountedWords(3200),
      sectionTags: {},
    });
    await submitReport(c.learner, c.learner.id, { draftVersion: second.version, declared: true });
    const [v2] = await run(
      sql`select id, content_hash from report_versions where learner_id = ${c.learner.id} and number = 2`,
    );
    await decide(c.assessor, {
      learnerId: c.learner.id,
      versionId: String(v2!.id),
      contentHash: String(v2!.content_hash),
      outcome: 'signed_off',
      data: everythingMet(),
      declared: true,
    });

    expect(
      await refused(sql`insert into judgements (learner_id, criterion_id, module_slug, outcome, feedback, assessor_id)
      values (${c.learner.id}, ${allCriterionIds(unit)[0]}, ${REPORT_MODULE_SLUG}, 'not_yet_met', 'late change', ${c.assessor.id})`),
    ).toMatch(/signed off, its criteria are final: INSERT refused/);
    const [referred] = await run(sql`select id from report_decisions where version_id = ${v1!.id}`);
    const [anyJudgement] = await run(sql`select id from judgements where learner_id = ${c.learner.id} limit 1`);
    expect(
      await refused(sql`insert into report_ac_judgements (decision_id, judgement_id, version_id, learner_id, ac_id, outcome, assessor_id)
      values (${referred!.id}, ${anyJudgement!.id}, ${v1!.id}, ${c.learner.id}, ${allCriterionIds(unit)[1]}, 'not_yet_met', ${c.assessor.id})`),
    ).toMatch(/signed off, its criteria are final: INSERT refused/);
  });
});
