import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { worksheetSubmissions } from '@/db/schema';
import { getModule } from '@/lib/content';
import { ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';

export interface WorksheetChoice {
  id: string;
  label: string;
  href: string;
  /** Criteria the worksheet is designed to evidence (suggested when it is chosen). */
  criteria: string[];
}

/** A learner's submitted worksheets, newest first, for the "submitted worksheet" kind of evidence. */
export async function worksheetChoices(db: DbOrTx, learnerId: string): Promise<WorksheetChoice[]> {
  const rows = await db
    .select({
      id: worksheetSubmissions.id,
      slug: worksheetSubmissions.moduleSlug,
      number: worksheetSubmissions.number,
      at: worksheetSubmissions.submittedAt,
    })
    .from(worksheetSubmissions)
    .where(eq(worksheetSubmissions.learnerId, learnerId))
    .orderBy(desc(worksheetSubmissions.submittedAt));
  return rows.map((r) => {
    const mod = getModule(r.slug);
    return {
      id: r.id,
      label: `${mod ? `${mod.code} ${mod.title}` : r.slug}: hand-in ${r.number}, ${formatDateTime(r.at)}`,
      href: worksheetHref(r.slug, r.id),
      criteria: [...(mod?.worksheet?.evidences ?? [])],
    };
  });
}

function worksheetHref(slug: string, submissionId: string): string {
  return `/worksheets/${slug}/hand-ins/${submissionId}`;
}

/** The referenced hand-in must be this learner's own. */
export async function assertOwnSubmission(
  db: DbOrTx,
  learnerId: string,
  submissionId: string | null | undefined,
): Promise<void> {
  if (!submissionId) return;
  const [row] = await db
    .select({ id: worksheetSubmissions.id })
    .from(worksheetSubmissions)
    .where(and(eq(worksheetSubmissions.id, submissionId), eq(worksheetSubmissions.learnerId, learnerId)));
  if (!row)
    throw new ValidationError('Choose one of your own submitted worksheets.', {
      worksheetSubmissionId: 'Choose a worksheet from the list.',
    });
}

/** Where a piece of worksheet evidence points, for the evidence page. */
export async function worksheetLink(
  db: DbOrTx,
  learnerId: string,
  submissionId: string | null,
): Promise<{ label: string; href: string } | null> {
  if (!submissionId) return null;
  const [row] = await db
    .select({
      slug: worksheetSubmissions.moduleSlug,
      number: worksheetSubmissions.number,
      at: worksheetSubmissions.submittedAt,
    })
    .from(worksheetSubmissions)
    .where(and(eq(worksheetSubmissions.id, submissionId), eq(worksheetSubmissions.learnerId, learnerId)));
  if (!row) return null;
  const mod = getModule(row.slug);
  return {
    label: `${mod ? `${mod.code} ${mod.title}` : row.slug}, hand-in ${row.number} (${formatDateTime(row.at)})`,
    href: worksheetHref(row.slug, submissionId),
  };
}
