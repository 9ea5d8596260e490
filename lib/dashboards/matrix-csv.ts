import 'server-only';
import { getDb, type DbOrTx } from '@/db/client';
import { csvCell } from '@/lib/csv';
import { assertAccess, type Actor } from '@/lib/permissions';
import { wordingReviewsOf } from '@/lib/evidence/wording';
import { STATUS_LABEL } from '@/lib/progress/labels';
import { WORDING_REVIEW } from '@/lib/vocabulary';
import { matrixBatches, matrixHead, type MatrixHead, type MatrixRow } from './matrix';

/** Learners read per statement while the file streams: one batch is all the export holds in memory. */
const BATCH = 500;

const line = (cells: (string | number)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** The columns: the learner, each criterion by its label (as on the page's key), how many are met, reworded ones. */
function matrixCsvHeader(head: MatrixHead): string {
  return line(['Learner', ...head.criteria.map((c) => c.label), 'Criteria met', WORDING_REVIEW]);
}

function matrixCsvRow(row: MatrixRow, head: MatrixHead, reworded: Set<string> | undefined): string {
  return line([
    row.name,
    ...row.statuses.map((s) => STATUS_LABEL[s]),
    `${row.met}/${head.criteria.length}`,
    head.criteria
      .filter((c) => reworded?.has(c.id))
      .map((c) => c.label)
      .join('; '),
  ]);
}

/** The last line: per criterion, how many learners of the whole cohort have met it (the page shows its own rows'). */
function matrixCsvTotals(metPerCriterion: number[]): string {
  return line(['Learners who met it', ...metPerCriterion, '', '']);
}

/**
 * The whole criteria matrix of a cohort and module as CSV, streamed: the header, then the learners a batch at a time
 * by keyset (lib/dashboards/matrix.ts), then the totals, each cell through lib/csv (quoting and formula-injection
 * protection). The next batch is read only when the reader has taken the previous one, so memory stays flat for
 * any cohort. Who may export is checked, and the cohort and module found, before the first byte: a refusal is an
 * ordinary error response, never a broken download.
 */
export async function matrixCsv(
  actor: Actor,
  input: { cohortId: string; moduleSlug: string },
  db: DbOrTx = getDb(),
  batch = BATCH,
): Promise<{ fileName: string; stream: ReadableStream<Uint8Array> }> {
  assertAccess(actor, 'coaching', 'The criteria matrix is for coaches and administrators.');
  const head = await matrixHead(actor, input, db);
  const met = head.criteria.map(() => 0);
  const batches = matrixBatches(actor, head, batch, db);
  const encoder = new TextEncoder();
  let started = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(matrixCsvHeader(head)));
          return;
        }
        const next = await batches.next();
        if (next.done) {
          controller.enqueue(encoder.encode(matrixCsvTotals(met)));
          controller.close();
          return;
        }
        const reviews = await wordingReviewsOf(
          db,
          next.value.map((r) => r.id),
          head.criteria.map((c) => c.id),
        );
        let text = '';
        for (const row of next.value) {
          row.statuses.forEach((s, i) => {
            if (s === 'met') met[i] += 1;
          });
          const mine = reviews.get(row.id);
          text += matrixCsvRow(row, head, mine && new Set(mine.keys()));
        }
        controller.enqueue(encoder.encode(text));
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    // One chunk queued ahead at most: the database is read at the pace the download is.
    { highWaterMark: 1 },
  );
  const safe = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
  return { fileName: `criteria-matrix-${safe(head.cohort.name)}-${safe(head.module.code)}.csv`, stream };
}
