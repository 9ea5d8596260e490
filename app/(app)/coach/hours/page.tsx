import type { Metadata } from 'next';
import Link from 'next/link';
import { PlanBar } from '@/components/hours/PlanBar';
import { buttonClass } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { inputClass, labelClass } from '@/components/ui/Field';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { links } from '@/lib/dashboards/links';
import { cohortHours } from '@/lib/hours/read';
import { formatDuration } from '@/lib/hours/weeks';
import { isUuid } from '@/lib/ids';

export const metadata: Metadata = { title: 'Learning hours' };

/**
 * A cohort's learning hours, learner by learner: logged against the cohort's plan to date, as bars and in words.
 * Scoped like every list: a coach sees the learners assigned to them, an administrator every learner.
 */
export default async function CoachHoursPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireAccess('coaching');
  const sp = await searchParams;
  const asked = typeof sp.cohort === 'string' && isUuid(sp.cohort) ? sp.cohort : undefined;
  const view = await cohortHours(user, asked);
  const top = Math.max(60, ...view.rows.flatMap((r) => [r.loggedMinutes, r.plannedMinutes ?? 0]));
  const behind = view.rows.filter((r) => r.plannedMinutes !== null && r.loggedMinutes < r.plannedMinutes).length;
  return (
    <>
      <PageHeader
        title="Learning hours"
        lead="Each learner's logged hours against their cohort's plan to date, counted from the day they joined."
      />
      {!view.cohort ? (
        <EmptyState title="No cohorts yet">None of your learners is in a cohort.</EmptyState>
      ) : (
        <>
          <form method="get" className="mb-5 flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="hours-cohort" className={labelClass}>
                Cohort
              </label>
              <select id="hours-cohort" name="cohort" defaultValue={view.cohort.id} className={inputClass}>
                {view.cohorts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className={buttonClass({ variant: 'outline', size: 'touch' })}>
              Show
            </button>
          </form>
          <section
            aria-labelledby="cohort-hours"
            className="rounded-xl border border-line bg-white p-5 shadow-sm"
            data-testid="cohort-hours"
          >
            <h2 id="cohort-hours" className="text-lg font-semibold text-brand-900">
              {view.cohort.name}
            </h2>
            <p className="mt-1 text-sm text-muted">
              {view.cohort.minutesPerWeek
                ? `Plan: ${formatDuration(view.cohort.minutesPerWeek)} a week. ${behind} of ${view.rows.length} behind it.`
                : 'This cohort has no planned hours: an administrator sets them on the cohort’s page.'}
            </p>
            {view.rows.length ? (
              <ul className="mt-4 space-y-3">
                {view.rows.map((r) => (
                  <li
                    key={r.learnerId}
                    className="grid gap-1 sm:grid-cols-[12rem_minmax(0,1fr)] sm:items-center sm:gap-3"
                  >
                    <Link href={links.coachLearner(r.learnerId)} className="font-medium text-brand-700 underline">
                      {r.name}
                    </Link>
                    <div>
                      <PlanBar minutes={r.loggedMinutes} planned={r.plannedMinutes} top={top} behindTone />
                      <span className="text-xs text-muted">
                        {formatDuration(r.loggedMinutes)} logged
                        {r.plannedMinutes !== null ? ` of ${formatDuration(r.plannedMinutes)} planned to date` : ''}
                      </span>
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-3 text-sm text-muted">None of this cohort’s learners is yours.</p>
            )}
            {view.cohort.minutesPerWeek ? (
              <p className="mt-3 text-xs text-muted">The dark line on each bar is the plan to date.</p>
            ) : null}
          </section>
        </>
      )}
    </>
  );
}
