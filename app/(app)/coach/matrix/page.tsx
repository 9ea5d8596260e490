import type { Metadata } from 'next';
import Link from 'next/link';
import { statusCellClass, StatusKey, StatusSymbol } from '@/components/dashboard/StatusSymbol';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { progressModules } from '@/lib/dashboards/caseload';
import { links } from '@/lib/dashboards/links';
import {
  cohortMatrix,
  decodePosition,
  encodePosition,
  MATRIX_PAGE_SIZE,
  scopedCohorts,
  type MatrixPosition,
} from '@/lib/dashboards/matrix';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { formatNumber, plural } from '@/lib/format';
import { STATUS_LABEL } from '@/lib/progress/labels';
import { WORDING_REVIEW } from '@/lib/vocabulary';
import { buttonClass } from '@/components/ui/Button';

type SearchParams = Record<string, string | string[] | undefined>;

/** Read after a cell's status: its criterion was reworded since it was evidenced or judged (lib/evidence/wording.ts). */
const REWORDED = WORDING_REVIEW.toLowerCase();

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const select = 'w-full rounded-md border border-line bg-white px-3 py-2 text-sm shadow-inner focus:border-brand-500';

/**
 * The page number only names where the reader is ("Page 3"); the rows come from the position in `after` / `before`.
 * Without a position it is the first page, whatever the link says.
 */
function pageNumberOf(sp: SearchParams): number {
  if (!one(sp.after) && !one(sp.before)) return 1;
  const n = Number(one(sp.page));
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 2;
}

// The title carries the page number: Next announces the new title to screen readers after each page link.
export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const page = pageNumberOf(await searchParams);
  return { title: page > 1 ? `Criteria matrix, page ${page}` : 'Criteria matrix' };
}

function pageHref(
  cohortId: string,
  moduleSlug: string,
  at?: { after?: MatrixPosition; before?: MatrixPosition },
  page?: number,
) {
  const base = links.coachMatrix(cohortId, moduleSlug);
  if (at?.after) return `${base}&after=${encodePosition(at.after)}&page=${page}`;
  if (at?.before) return `${base}&before=${encodePosition(at.before)}&page=${page}`;
  return base;
}

export default async function MatrixPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireAccess('coaching');
  const sp = await searchParams;
  const cohorts = await scopedCohorts(user);
  const modules = progressModules();
  const cohortId =
    isUuid(one(sp.cohort)) && cohorts.some((c) => c.id === one(sp.cohort)) ? one(sp.cohort) : cohorts[0]?.id;
  const moduleSlug = modules.some((m) => m.slug === one(sp.module)) ? one(sp.module) : modules[0]?.slug;

  const header = (
    <PageHeader
      title="Criteria matrix"
      lead="Every criterion of a module for every learner of a cohort: see which criteria the group finds hard."
    >
      <Link href="/coach" className={buttonClass({ variant: 'secondary' })}>
        &larr; Caseload
      </Link>
    </PageHeader>
  );
  if (!cohortId || !moduleSlug) {
    return (
      <>
        {header}
        <EmptyState title="No cohorts to show">
          When learners in a cohort are assigned to you, their matrix appears here.
        </EmptyState>
      </>
    );
  }
  const after = decodePosition(one(sp.after));
  const before = after ? undefined : decodePosition(one(sp.before));
  const matrix = await cohortMatrix(user, { cohortId, moduleSlug, after, before }).catch((e) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });
  // Going back to the start lands on the first page, whatever number the link carried.
  const page = matrix && !matrix.previous ? 1 : Math.max(2, pageNumberOf(sp));
  const firstRow = (page - 1) * MATRIX_PAGE_SIZE + 1;
  const paged = Boolean(matrix && (matrix.previous || matrix.next));
  const anyReworded = Boolean(matrix?.learners.some((l) => l.reworded.includes(true)));
  const pager = (where: 'top' | 'bottom') =>
    matrix && paged ? (
      <nav
        aria-label={where === 'top' ? 'Pages of the matrix' : 'Pages of the matrix, at the end'}
        className="flex flex-wrap items-center gap-2 text-sm"
      >
        {matrix.previous ? (
          <>
            <Link
              href={pageHref(cohortId, moduleSlug)}
              className={buttonClass({ variant: 'secondary', size: 'touch-sm' })}
            >
              <span aria-hidden="true">&laquo;</span> First page
            </Link>
            <Link
              href={pageHref(cohortId, moduleSlug, { before: matrix.previous }, page - 1)}
              rel="prev"
              className={buttonClass({ variant: 'secondary', size: 'touch-sm' })}
            >
              <span aria-hidden="true">&larr;</span> Previous {MATRIX_PAGE_SIZE}
            </Link>
          </>
        ) : null}
        {matrix.next ? (
          <Link
            href={pageHref(cohortId, moduleSlug, { after: matrix.next }, page + 1)}
            rel="next"
            className={buttonClass({ variant: 'secondary', size: 'touch-sm', className: 'sm:ml-auto' })}
          >
            Next {MATRIX_PAGE_SIZE} <span aria-hidden="true">&rarr;</span>
          </Link>
        ) : null}
      </nav>
    ) : null;

  return (
    <>
      {header}
      <form
        method="get"
        aria-label="Choose cohort and module"
        className="mb-4 grid gap-3 rounded-xl border border-line bg-white p-4 shadow-sm sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      >
        <div>
          <label htmlFor="m-cohort" className="mb-1 block text-sm font-medium">
            Cohort
          </label>
          <select id="m-cohort" name="cohort" defaultValue={cohortId} className={select}>
            {cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="m-module" className="mb-1 block text-sm font-medium">
            Module
          </label>
          <select id="m-module" name="module" defaultValue={moduleSlug} className={select}>
            {modules.map((m) => (
              <option key={m.slug} value={m.slug}>
                {m.code} {m.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass()}>
          Show
        </button>
      </form>

      {matrix && matrix.learners.length === 0 && (after || before) ? (
        <EmptyState
          title="No more learners after this point"
          action={{ href: pageHref(cohortId, moduleSlug), label: 'Back to the first page' }}
        >
          Learners may have left the cohort or the module since the page before was shown.
        </EmptyState>
      ) : !matrix || matrix.learners.length === 0 ? (
        <EmptyState title="Nobody in this cohort is on this module">Choose another module or cohort.</EmptyState>
      ) : (
        <div>
          <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
            <h2 id="matrix-heading" className="text-lg font-semibold text-brand-900">
              {matrix.cohort.name}{' '}
              <span className="font-normal text-muted">
                &middot; {matrix.module.code} {matrix.module.title}
              </span>
            </h2>
            <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
              <StatusKey />
              {anyReworded ? (
                <p className="flex items-center gap-1.5 text-sm">
                  <span
                    aria-hidden="true"
                    className="inline-flex h-6 w-6 items-center justify-center rounded border border-line font-bold text-pending"
                  >
                    ↻
                  </span>
                  {WORDING_REVIEW}
                </p>
              ) : null}
            </div>
          </div>
          <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm" aria-live="polite">
              {paged ? (
                <>
                  <strong>Page {formatNumber(page)}</strong>: learners {formatNumber(firstRow)} to{' '}
                  {formatNumber(firstRow + matrix.learners.length - 1)}, by name
                </>
              ) : (
                <>{plural(matrix.learners.length, 'learner')}, by name</>
              )}
            </p>
            <a
              href={links.coachMatrixCsv(cohortId, moduleSlug)}
              download
              className={buttonClass({ variant: 'outline', size: 'touch-sm' })}
            >
              Download all pages (CSV)
            </a>
          </div>
          {paged ? <div className="mb-3">{pager('top')}</div> : null}
          <div
            className="relative max-h-[75vh] overflow-auto rounded-xl border border-line bg-white shadow-sm"
            role="region"
            aria-labelledby="matrix-heading"
            tabIndex={0}
          >
            <table className="border-separate border-spacing-0 text-sm">
              <caption className="sr-only">
                Status of each criterion of {matrix.module.code} (columns) for each learner of {matrix.cohort.name}{' '}
                (rows{paged ? `, page ${page}` : ''}). Each cell says met, awaiting judgement, not yet met or no
                evidence.
              </caption>
              <thead>
                <tr>
                  <th
                    scope="col"
                    className="sticky left-0 top-0 z-30 min-w-40 border-b border-r border-line bg-canvas px-3 py-2 text-left font-medium"
                  >
                    Learner
                  </th>
                  {matrix.criteria.map((c) => (
                    <th
                      key={c.id}
                      scope="col"
                      className="sticky top-0 z-20 whitespace-nowrap border-b border-line bg-canvas px-1.5 py-2 text-center text-xs font-medium"
                    >
                      <abbr title={`${c.label}: ${c.text}`} className="no-underline">
                        {c.short}
                      </abbr>
                      {c.group ? <span className="block text-[10px] font-normal text-muted">{c.group}</span> : null}
                    </th>
                  ))}
                  <th
                    scope="col"
                    className="sticky top-0 z-20 border-b border-l border-line bg-canvas px-3 py-2 text-right font-medium"
                  >
                    Met
                  </th>
                </tr>
              </thead>
              <tbody>
                {matrix.learners.map((l) => (
                  <tr key={l.id}>
                    <th
                      scope="row"
                      className="sticky left-0 z-10 border-b border-r border-line bg-white px-3 py-1.5 text-left font-normal"
                    >
                      <Link
                        href={links.coachLearner(l.id)}
                        className="whitespace-nowrap text-brand-700 underline-offset-2 hover:underline"
                      >
                        {l.name}
                      </Link>
                    </th>
                    {l.statuses.map((s, i) => (
                      <td
                        key={matrix.criteria[i].id}
                        title={`${l.name}, ${matrix.criteria[i].label}: ${STATUS_LABEL[s]}${l.reworded[i] ? `; ${REWORDED}` : ''}`}
                        className={`h-8 min-w-9 border-b border-line text-center ${statusCellClass(s)}`}
                      >
                        <StatusSymbol status={s} />
                        {l.reworded[i] ? (
                          <span data-testid="matrix-reworded">
                            <sup aria-hidden="true" className="ml-0.5 font-bold text-pending">
                              ↻
                            </sup>
                            <span className="sr-only">, {REWORDED}</span>
                          </span>
                        ) : null}
                      </td>
                    ))}
                    <td className="border-b border-l border-line px-3 text-right tabular-nums">
                      {l.met}/{matrix.criteria.length}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th
                    scope="row"
                    className="sticky left-0 z-10 border-r border-line bg-canvas px-3 py-2 text-left font-medium"
                  >
                    {paged ? 'On this page, met by' : 'Learners who met it'}
                  </th>
                  {matrix.metPerCriterion.map((n, i) => (
                    <td
                      key={matrix.criteria[i].id}
                      className={`bg-canvas px-1 py-2 text-center text-xs tabular-nums ${n === 0 ? 'font-bold text-notyet' : ''}`}
                    >
                      {n}
                    </td>
                  ))}
                  <td className="border-l border-line bg-canvas" />
                </tr>
              </tfoot>
            </table>
          </div>
          {paged ? <div className="mt-3">{pager('bottom')}</div> : null}
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer font-medium text-brand-700">What the column headings mean</summary>
            <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
              {matrix.criteria.map((c) => (
                <div key={c.id} className="contents">
                  <dt className="font-semibold">{c.label}</dt>
                  <dd className="text-muted">{c.text}</dd>
                </div>
              ))}
            </dl>
          </details>
        </div>
      )}
    </>
  );
}
