import type { Metadata } from 'next';
import Link from 'next/link';
import { statusCellClass, StatusKey, StatusSymbol } from '@/components/dashboard/StatusSymbol';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { progressModules } from '@/lib/dashboards/caseload';
import { links } from '@/lib/dashboards/links';
import { cohortMatrix, scopedCohorts } from '@/lib/dashboards/matrix';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { STATUS_LABEL } from '@/lib/progress/labels';
import { buttonClass } from '@/components/ui/Button';

export const metadata: Metadata = { title: 'Criteria matrix' };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const select = 'w-full rounded-md border border-line bg-white px-3 py-2 text-sm shadow-inner focus:border-brand-500';

export default async function MatrixPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
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
  const matrix = await cohortMatrix(user, { cohortId, moduleSlug }).catch((e) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });

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

      {!matrix || matrix.learners.length === 0 ? (
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
            <StatusKey />
          </div>
          <div
            className="relative max-h-[75vh] overflow-auto rounded-xl border border-line bg-white shadow-sm"
            role="region"
            aria-labelledby="matrix-heading"
            tabIndex={0}
          >
            <table className="border-separate border-spacing-0 text-sm">
              <caption className="sr-only">
                Status of each criterion of {matrix.module.code} (columns) for each learner of {matrix.cohort.name}{' '}
                (rows). Each cell says met, evidence submitted, not yet met or no evidence.
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
                        title={`${l.name}, ${matrix.criteria[i].label}: ${STATUS_LABEL[s]}`}
                        className={`h-8 min-w-9 border-b border-line text-center ${statusCellClass(s)}`}
                      >
                        <StatusSymbol status={s} />
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
                    Learners who met it
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
