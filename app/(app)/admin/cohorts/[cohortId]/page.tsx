import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/admin/ActionForm';
import { buttonClass } from '@/components/ui/Button';
import { inputClass, labelClass } from '@/components/ui/Field';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { listStaff, searchLearners } from '@/lib/admin/accounts';
import { getCohort } from '@/lib/admin/cohorts';
import { enrolableModules } from '@/lib/admin/enrolments';
import { requireAccess } from '@/lib/auth/session';
import { orPageError } from '@/lib/errors';
import {
  addMembersAction,
  assignIqaAction,
  assignStaffAction,
  enrolAction,
  removeMemberAction,
  saveQaSettingsAction,
  setHourPlanAction,
  setReviewIntervalAction,
  unassignIqaAction,
} from '../../actions';
import { hourPlanForAdmin } from '@/lib/hours/read';
import { reviewIntervalForAdmin } from '@/lib/reviews/schedule';
import { formatDateTime, plural } from '@/lib/format';
import { isUuid } from '@/lib/ids';
import { listCohortIqas } from '@/lib/qa/iqa';
import { getQaSettings } from '@/lib/qa/settings';
import { getPlanEditor } from '@/lib/qa/plan';
import { PlanEditing } from '@/components/quality/PlanEditing';
import { savePlanAction } from '../../../quality/actions';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Cohort' };

export default async function CohortPage({
  params,
  searchParams,
}: {
  params: Promise<{ cohortId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireAccess('admin');
  const { cohortId } = await params;
  if (!isUuid(cohortId)) notFound();
  const sp = await searchParams;
  const q = typeof sp.q === 'string' ? sp.q.slice(0, 200) : '';
  const cohort = await orPageError(getCohort(user, cohortId));
  const [staff, found, iqas, qaSettings, reviewWeeks, plan, hoursPerWeek] = await Promise.all([
    listStaff(user),
    searchLearners(user, q, undefined, 30),
    listCohortIqas(user, cohortId),
    getQaSettings(user, cohortId),
    reviewIntervalForAdmin(user, cohortId),
    getPlanEditor(user, cohortId),
    hourPlanForAdmin(user, cohortId),
  ]);
  const currentPlan = plan.versions.find((v) => v.version === plan.version);
  const memberIds = new Set(cohort.members.map((m) => m.id));
  const candidates = found.filter((l) => !memberIds.has(l.id) && l.active);
  const unassigned = staff.filter((s) => !cohort.staff.some((c) => c.id === s.id && c.role === s.role));
  const iqaCandidates = staff.filter((s) => !iqas.some((i) => i.id === s.id));

  return (
    <>
      <BackLink href="/admin/cohorts">All cohorts</BackLink>
      <PageHeader title={cohort.name} lead={`${plural(cohort.members.length, 'learner')}.`} />

      <div className="grid gap-5 lg:grid-cols-[1fr_22rem]">
        <section aria-labelledby="members-heading" className="min-w-0">
          <h2 id="members-heading" className="mb-2 text-base font-semibold text-brand-900">
            Learners
          </h2>
          {cohort.members.length ? (
            <div className="overflow-x-auto rounded-xl border border-line bg-white shadow-sm">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">Learners in {cohort.name}</caption>
                <thead className="bg-canvas text-muted">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Learner
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Assessor
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Coach
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Modules
                    </th>
                    <th scope="col" className="px-3 py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {cohort.members.map((m) => (
                    <tr key={m.id} className="border-t border-line">
                      <th scope="row" className="px-3 py-2 font-medium">
                        <Link
                          href={`/admin/accounts/${m.id}`}
                          className="text-brand-700 underline-offset-2 hover:underline"
                        >
                          {m.name}
                        </Link>
                        {m.active ? null : <span className="ml-1 text-xs font-normal text-red-800">(disabled)</span>}
                      </th>
                      <td className="px-3 py-2">{m.assessors.join(', ') || <Missing />}</td>
                      <td className="px-3 py-2">{m.coaches.join(', ') || <Missing />}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{m.modules || <Missing />}</td>
                      <td className="px-3 py-2 text-right">
                        <ActionForm
                          action={removeMemberAction}
                          submitLabel="Remove"
                          pendingLabel="Removing\u2026"
                          success="Removed."
                          button={{ variant: 'secondary', size: 'sm' }}
                          confirm={`Take ${m.name} out of ${cohort.name}? Their assessor and coach stay as they are.`}
                        >
                          <input type="hidden" name="cohortId" value={cohort.id} />
                          <input type="hidden" name="learnerId" value={m.id} />
                        </ActionForm>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="rounded-xl border border-dashed border-line bg-white px-4 py-6 text-center text-muted">
              No learners yet. Find them on the right and add them.
            </p>
          )}
          {cohort.removed.length ? (
            <div role="status" className="mt-3 rounded-xl border border-line bg-white px-4 py-3 text-sm shadow-sm">
              <h3 className="font-semibold text-brand-900">Taken out of this cohort lately</h3>
              <ul className="mt-1 space-y-0.5">
                {cohort.removed.map((r) => (
                  <li key={r.id}>
                    Removed: <span className="font-medium">{r.name}</span>, {formatDateTime(r.at)}
                    {r.by ? ` by ${r.by}` : ''}. Their assessor and coach stay as they were.
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>

        <div className="space-y-5">
          <Card title="Assessors and coaches">
            {cohort.staff.length ? (
              <ul className="mb-3 space-y-1 text-sm">
                {cohort.staff.map((s) => (
                  <li key={`${s.id}-${s.role}`}>
                    <span className="font-medium">{s.name}</span>{' '}
                    <span className="text-muted">{s.role === 'assessor' ? 'Assessor' : 'Coach'}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mb-3 text-sm text-muted">None assigned to the whole cohort.</p>
            )}
            {unassigned.length ? (
              <ActionForm
                action={assignStaffAction}
                submitLabel="Assign to every learner"
                success="Assigned."
                className="space-y-3"
              >
                <input type="hidden" name="cohortId" value={cohort.id} />
                <div>
                  <label htmlFor="cohort-staff" className={labelClass}>
                    Assessor or coach
                  </label>
                  <select id="cohort-staff" name="staffId" className={inputClass}>
                    <optgroup label="Assessors">
                      {unassigned
                        .filter((s) => s.role === 'assessor')
                        .map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.name}
                          </option>
                        ))}
                    </optgroup>
                    <optgroup label="Coaches">
                      {unassigned
                        .filter((s) => s.role === 'coach')
                        .map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.name}
                          </option>
                        ))}
                    </optgroup>
                  </select>
                  <p className="mt-1 text-xs text-muted">Learners who join this cohort later are assigned too.</p>
                </div>
              </ActionForm>
            ) : null}
          </Card>

          <Card title="Progress reviews">
            <ActionForm action={setReviewIntervalAction} submitLabel="Save" success="Saved." className="space-y-3">
              <input type="hidden" name="cohortId" value={cohort.id} />
              <div>
                <label htmlFor="review-weeks" className={labelClass}>
                  Weeks between reviews
                </label>
                <input
                  id="review-weeks"
                  name="weeks"
                  type="number"
                  min={1}
                  max={52}
                  required
                  defaultValue={reviewWeeks}
                  aria-describedby="review-weeks-hint"
                  className={inputClass}
                />
                <p id="review-weeks-hint" className="mt-1 text-xs text-muted">
                  Each learner&rsquo;s next review is due this long after their last one (or after joining).
                </p>
              </div>
            </ActionForm>
          </Card>

          <Card title="Learning hours">
            <ActionForm action={setHourPlanAction} submitLabel="Save" success="Saved." className="space-y-3">
              <input type="hidden" name="cohortId" value={cohort.id} />
              <div>
                <label htmlFor="hours-per-week" className={labelClass}>
                  Planned hours per week
                </label>
                <input
                  id="hours-per-week"
                  name="hoursPerWeek"
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={168}
                  step={0.5}
                  required
                  defaultValue={hoursPerWeek}
                  aria-describedby="hours-per-week-hint"
                  className={inputClass}
                />
                <p id="hours-per-week-hint" className="mt-1 text-xs text-muted">
                  Coaches see each learner&rsquo;s logged hours against this, from the day they joined. 0 plans none.
                </p>
              </div>
            </ActionForm>
          </Card>

          <Card title="Internal quality assurers">
            {iqas.length ? (
              <ul className="mb-3 space-y-2 text-sm">
                {iqas.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium">{i.name}</span>
                    <ActionForm
                      action={unassignIqaAction}
                      submitLabel="Remove"
                      pendingLabel={'Removing\u2026'}
                      success="Removed."
                      button={{ variant: 'secondary', size: 'sm' }}
                      confirm={`Stop ${i.name} quality-assuring ${cohort.name}? Their samples and verdicts stay recorded.`}
                    >
                      <input type="hidden" name="cohortId" value={cohort.id} />
                      <input type="hidden" name="iqaId" value={i.id} />
                    </ActionForm>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mb-3 text-sm text-muted">Nobody quality-assures this cohort yet.</p>
            )}
            {iqaCandidates.length ? (
              <ActionForm
                action={assignIqaAction}
                submitLabel="Make IQA of this cohort"
                success="Assigned."
                className="space-y-3"
              >
                <input type="hidden" name="cohortId" value={cohort.id} />
                <div>
                  <label htmlFor="cohort-iqa" className={labelClass}>
                    Assessor or coach
                  </label>
                  <select id="cohort-iqa" name="iqaId" className={inputClass}>
                    {iqaCandidates.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name} ({s.role === 'assessor' ? 'assessor' : 'coach'})
                      </option>
                    ))}
                  </select>
                  <p className="mt-1 text-xs text-muted">
                    They sample this cohort’s assessment decisions, never their own.
                  </p>
                </div>
              </ActionForm>
            ) : null}
          </Card>

          <Card title="Sampling plan">
            <p className="text-sm text-muted">
              {currentPlan
                ? `${currentPlan.name}, version ${currentPlan.version}. The cohort’s IQAs draw samples by it.`
                : 'No plan yet: the cohort’s IQAs cannot draw a sample until it has one.'}
            </p>
            <PlanEditing editor={plan} action={savePlanAction} />
          </Card>

          <Card title="Quality assurance settings">
            <ActionForm
              action={saveQaSettingsAction}
              submitLabel="Save settings"
              success="Saved."
              className="space-y-3"
            >
              <input type="hidden" name="cohortId" value={cohort.id} />
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="countersignRequired"
                  defaultChecked={qaSettings.countersignRequired}
                  className="mt-0.5 h-4 w-4 accent-brand-600"
                  aria-describedby="countersign-hint"
                />
                <span>
                  Require an IQA’s countersignature
                  <span id="countersign-hint" className="block text-xs text-muted">
                    A signed-off unit counts as complete only once an internal quality assurer countersigns it.
                  </span>
                </span>
              </label>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="showReviewToLearners"
                  defaultChecked={qaSettings.showReviewToLearners}
                  className="mt-0.5 h-4 w-4 accent-brand-600"
                  aria-describedby="review-hint"
                />
                <span>
                  Show “under quality review” to learners
                  <span id="review-hint" className="block text-xs text-muted">
                    Learners see it on their own criteria while an IQA’s disagreement is open.
                  </span>
                </span>
              </label>
            </ActionForm>
          </Card>

          <Card title="Enrol the cohort">
            <ActionForm
              action={enrolAction}
              submitLabel="Enrol every learner"
              success="Enrolled."
              className="space-y-3"
            >
              <input type="hidden" name="cohortId" value={cohort.id} />
              <fieldset>
                <legend className="sr-only">Modules</legend>
                <div className="space-y-1.5">
                  {enrolableModules().map((m) => (
                    <label key={m.slug} className="flex items-start gap-2 text-sm">
                      <input
                        type="checkbox"
                        name="moduleSlugs"
                        value={m.slug}
                        className="mt-0.5 h-4 w-4 accent-brand-600"
                      />
                      <span>
                        {m.code} {m.title}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            </ActionForm>
          </Card>

          <Card title="Add learners">
            <form method="get" role="search" aria-label="Find learners" className="mb-3 flex gap-2">
              <label htmlFor="learner-q" className="sr-only">
                Find learners by name or email
              </label>
              <input
                id="learner-q"
                name="q"
                type="search"
                defaultValue={q}
                placeholder="Name or email"
                className={inputClass}
              />
              <button type="submit" className={buttonClass()}>
                Find
              </button>
            </form>
            {candidates.length ? (
              <ActionForm action={addMembersAction} submitLabel="Add to cohort" success="Added." className="space-y-3">
                <input type="hidden" name="cohortId" value={cohort.id} />
                <fieldset>
                  <legend className="mb-1 text-sm text-muted">
                    {q ? `Learners matching \u201c${q}\u201d` : 'Learners'} not in this cohort
                  </legend>
                  <div className="max-h-64 space-y-1.5 overflow-y-auto pr-1">
                    {candidates.map((l) => (
                      <label key={l.id} className="flex items-start gap-2 text-sm">
                        <input
                          type="checkbox"
                          name="learnerIds"
                          value={l.id}
                          className="mt-0.5 h-4 w-4 accent-brand-600"
                        />
                        <span>
                          {l.name} <span className="break-all text-muted">{l.email}</span>
                        </span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              </ActionForm>
            ) : (
              <p className="text-sm text-muted">
                {q
                  ? `No learners outside this cohort match \u201c${q}\u201d.`
                  : 'Every learner is already in this cohort.'}
              </p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}

function Missing() {
  return (
    <span className="text-amber-800">
      <span aria-hidden="true">{'\u2014 '}</span>none
    </span>
  );
}
