import Link from 'next/link';
import { STATUS_FILTER_LABEL, SORT_LABEL } from '@/lib/dashboards/filters';
import type { Caseload } from '@/lib/dashboards/types';
import { buttonClass } from '@/components/ui/Button';

const select = 'w-full rounded-md border border-line bg-white px-3 py-2 text-sm shadow-inner focus:border-brand-500';

/** A plain GET form: filters live in the address, so a filtered view can be bookmarked and shared. */
export function CaseloadFilters({ load, action = '/coach' }: { load: Caseload; action?: string }) {
  const f = load.filters;
  const filtered = Boolean(f.cohortId || f.moduleSlug || f.status || f.sort !== 'attention');
  return (
    <form
      method="get"
      action={action}
      aria-label="Filter and sort the caseload"
      className="grid gap-3 rounded-xl border border-line bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_1fr_auto] lg:items-end"
    >
      <div>
        <label htmlFor="f-cohort" className="mb-1 block text-sm font-medium">
          Cohort
        </label>
        <select id="f-cohort" name="cohort" defaultValue={f.cohortId ?? ''} className={select}>
          <option value="">All cohorts</option>
          {load.cohorts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-module" className="mb-1 block text-sm font-medium">
          Module
        </label>
        <select id="f-module" name="module" defaultValue={f.moduleSlug ?? ''} className={select}>
          <option value="">All modules</option>
          {load.modules.map((m) => (
            <option key={m.slug} value={m.slug}>
              {m.code} {m.title}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-status" className="mb-1 block text-sm font-medium">
          Status
        </label>
        <select id="f-status" name="status" defaultValue={f.status ?? ''} className={select}>
          <option value="">Any status</option>
          {(Object.keys(STATUS_FILTER_LABEL) as (keyof typeof STATUS_FILTER_LABEL)[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_FILTER_LABEL[s]} ({load.counts[s]})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-sort" className="mb-1 block text-sm font-medium">
          Sort by
        </label>
        <select id="f-sort" name="sort" defaultValue={f.sort} className={select}>
          {(Object.keys(SORT_LABEL) as (keyof typeof SORT_LABEL)[]).map((s) => (
            <option key={s} value={s}>
              {SORT_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-2 sm:col-span-2 lg:col-span-1">
        <button type="submit" className={buttonClass()}>
          Apply
        </button>
        {filtered ? (
          <Link href={action} className={buttonClass({ variant: 'secondary' })}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
