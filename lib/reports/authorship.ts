import { and, asc, eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { reportAuthorship } from '@/db/schema';
import { authorize, type Actor } from '@/lib/permissions';
import { REPORT_MODULE_SLUG } from './unit';

/**
 * The authorship history of a report draft (issue 22): after each autosave that changed the text, how many words it
 * has, how many were added and removed, and whether a large block was pasted. Counts only: no text is kept here and
 * no keystrokes are logged; the submitted versions hold the text. The assessor reads it as a timeline beside the
 * report, and it is bound into the learner's signed record.
 */

/** A single paste of at least this many words is marked on the timeline. */
const LARGE_PASTE_WORDS = 100;

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/**
 * Words added and removed between two texts, as a multiset difference: linear in the length of the text (every
 * autosave pays it), and a moved paragraph counts as neither added nor removed.
 */
export function wordChange(before: string, after: string): { words: number; added: number; removed: number } {
  const bag = new Map<string, number>();
  for (const w of words(before)) bag.set(w, (bag.get(w) ?? 0) + 1);
  const next = words(after);
  let added = 0;
  for (const w of next) {
    const n = bag.get(w) ?? 0;
    if (n > 0) bag.set(w, n - 1);
    else added++;
  }
  let removed = 0;
  for (const n of bag.values()) removed += n;
  return { words: next.length, added, removed };
}

export async function recordAuthorship(
  tx: DbOrTx,
  row: {
    learnerId: string;
    moduleSlug: string;
    draftVersion: number;
    source: 'editor' | 'docx';
    before: string;
    after: string;
    pastedWords?: number;
  },
): Promise<void> {
  const change = wordChange(row.before, row.after);
  const pastedWords = Math.max(0, Math.floor(row.pastedWords ?? 0));
  await tx.insert(reportAuthorship).values({
    learnerId: row.learnerId,
    moduleSlug: row.moduleSlug,
    draftVersion: row.draftVersion,
    source: row.source,
    words: change.words,
    wordsAdded: change.added,
    wordsRemoved: change.removed,
    pastedWords,
    largePaste: pastedWords >= LARGE_PASTE_WORDS,
  });
}

export interface AuthorshipPoint {
  at: string;
  source: 'editor' | 'docx';
  words: number;
  added: number;
  removed: number;
  pastedWords: number;
  largePaste: boolean;
}

/** The history, oldest first. The caller has checked the actor may read the learner's report. */
async function authorshipHistory(db: DbOrTx, learnerId: string, moduleSlug: string): Promise<AuthorshipPoint[]> {
  const rows = await db
    .select()
    .from(reportAuthorship)
    .where(and(eq(reportAuthorship.learnerId, learnerId), eq(reportAuthorship.moduleSlug, moduleSlug)))
    .orderBy(asc(reportAuthorship.at), asc(reportAuthorship.draftVersion));
  return rows.map((r) => ({
    at: r.at.toISOString(),
    source: r.source,
    words: r.words,
    added: r.wordsAdded,
    removed: r.wordsRemoved,
    pastedWords: r.pastedWords,
    largePaste: r.largePaste,
  }));
}

/** The history for a page: whoever may read the learner's report (POLICY report.view). */
export async function reportAuthorshipFor(
  actor: Actor,
  learnerId: string,
  db: DbOrTx = getDb(),
): Promise<AuthorshipPoint[]> {
  await authorize(actor, 'report.view', learnerId, db);
  return authorshipHistory(db, learnerId, REPORT_MODULE_SLUG);
}
