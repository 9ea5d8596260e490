import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { saveDraft } from '@/lib/reports/drafts';
import { reportAuthorshipFor, wordChange } from '@/lib/reports/authorship';
import { REPORT_MODULE_SLUG } from '@/lib/reports/unit';
import { exportLearnerRecord } from '@/lib/record/export';
import { verifyRecordZip } from '@/lib/record/verify-bundle';
import { useTestDatabase } from '../helpers/db';
import { enrol, makeCast } from '../helpers/fixtures';
import { useRecordEnvironment } from '../helpers/record';

/**
 * The authorship history of a report (issue 22): each autosave that changes the text keeps its word count, words
 * added and removed, and the largest paste as the editor reported it, never text; the assessor reads it, and it is
 * bound into the signed record. On PGlite and PostgreSQL.
 */
useTestDatabase();
useRecordEnvironment();

const words = (n: number, w = 'word') => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');
let c: Awaited<ReturnType<typeof makeCast>>;
beforeAll(async () => {
  c = await makeCast();
  await enrol(c.learner, REPORT_MODULE_SLUG);
});

describe('wordChange', () => {
  it('counts words added and removed as a multiset, so moving a sentence changes nothing', () => {
    expect(wordChange('', 'a b c')).toEqual({ words: 3, added: 3, removed: 0 });
    expect(wordChange('a b c', 'c a b')).toEqual({ words: 3, added: 0, removed: 0 });
    expect(wordChange('a b c d', 'a x c')).toEqual({ words: 3, added: 1, removed: 2 });
    expect(wordChange('the the cat', 'the cat')).toEqual({ words: 2, added: 0, removed: 1 });
  });
});

describe('authorship history', () => {
  it('keeps counts per autosave, marks a large paste, and is bound into the signed record', async () => {
    const v1 = await saveDraft(c.learner, c.learner.id, {
      version: 0,
      content: `## Introduction\n\n${words(20)}`,
      sectionTags: {},
    });
    const v2 = await saveDraft(c.learner, c.learner.id, {
      version: v1.version,
      content: `## Introduction\n\n${words(20)}\n\n${words(150, 'pasted')}`,
      sectionTags: {},
      pastedWords: 150,
    });
    // Only the tags change: no new entry (the text did not grow or shrink).
    const v3 = await saveDraft(c.learner, c.learner.id, {
      version: v2.version,
      content: `## Introduction\n\n${words(20)}\n\n${words(150, 'pasted')}`,
      sectionTags: { introduction: ['u306/ac/1.4'] },
    });
    await saveDraft(c.learner, c.learner.id, {
      version: v3.version,
      content: `## Introduction\n\n${words(10)}\n\n${words(150, 'pasted')} and my own ending`,
      sectionTags: {},
      pastedWords: 3,
    });

    const history = await reportAuthorshipFor(c.assessor, c.learner.id);
    expect(
      history.map(({ words: w, added, removed, pastedWords, largePaste, source }) => ({
        w,
        added,
        removed,
        pastedWords,
        largePaste,
        source,
      })),
    ).toEqual([
      { w: 22, added: 22, removed: 0, pastedWords: 0, largePaste: false, source: 'editor' },
      { w: 172, added: 150, removed: 0, pastedWords: 150, largePaste: true, source: 'editor' },
      { w: 166, added: 4, removed: 10, pastedWords: 3, largePaste: false, source: 'editor' },
    ]);
    // No text is kept: the table has counts only.
    const columns = (await getDb().execute(
      sql`select column_name from information_schema.columns where table_name = 'report_authorship' order by 1`,
    )) as unknown as { rows?: { column_name: string }[] } | { column_name: string }[];
    const names = (Array.isArray(columns) ? columns : (columns.rows ?? [])).map((r) => r.column_name);
    expect(names.filter((n) => /content|text|body/.test(n))).toEqual([]);

    await expect(reportAuthorshipFor(c.otherAssessor, c.learner.id)).rejects.toThrow();

    const { zip } = await exportLearnerRecord(c.learner, c.learner.id);
    const record = JSON.parse(await (await JSZip.loadAsync(zip)).file('record.json')!.async('string'));
    expect(record.authorship).toHaveLength(3);
    expect(record.authorship[1]).toMatchObject({ largePaste: true, pastedWords: 150, moduleSlug: REPORT_MODULE_SLUG });
    const verified = await verifyRecordZip(zip);
    expect(verified).toMatchObject({ ok: true, attests: { autosaves: 3, largePastes: 1 } });
  });
});
