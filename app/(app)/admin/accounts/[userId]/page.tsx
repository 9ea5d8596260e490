import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/admin/ActionForm';
import { RoleBadge, StatusBadge } from '@/components/admin/Badges';
import { EraseLearnerForm } from '@/components/admin/EraseLearnerForm';
import { ResetPasswordForm } from '@/components/admin/ResetPasswordForm';
import { inputClass, labelClass } from '@/components/ui/Field';
import { buttonClass } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { getAccount, listStaff } from '@/lib/admin/accounts';
import { enrolableModules } from '@/lib/admin/enrolments';
import { requireAccess } from '@/lib/auth/session';
import { erasureOf } from '@/lib/erasure/erase';
import { orPageError } from '@/lib/errors';
import {
  assignStaffAction,
  enrolAction,
  eraseLearnerAction,
  resetPasswordAction,
  setActiveAction,
  unassignStaffAction,
  unenrolAction,
} from '../../actions';
import { formatDate, plural } from '@/lib/format';
import { isUuid } from '@/lib/ids';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage({ params }: { params: Promise<{ userId: string }> }) {
  const user = await requireAccess('admin');
  const { userId } = await params;
  if (!isUuid(userId)) notFound();
  const account = await orPageError(getAccount(user, userId));
  const isLearner = account.role === 'learner';
  const modules = enrolableModules();
  const moduleTitle = new Map(modules.map((m) => [m.slug, `${m.code} ${m.title}`]));
  const staff = isLearner ? await listStaff(user) : [];
  const erasure = isLearner ? await erasureOf(user, account.id) : null;
  const assignable = staff.filter((s) => !account.staff.some((a) => a.id === s.id && a.role === s.role));
  const notEnrolled = modules.filter((m) => !account.modules.includes(m.slug));

  return (
    <>
      <BackLink href="/admin/accounts">All accounts</BackLink>
      <PageHeader title={account.name} lead={<span className="break-all">{account.email}</span>}>
        <div className="flex items-center gap-3 text-sm">
          <RoleBadge role={account.role} />
          <StatusBadge active={account.active} />
        </div>
      </PageHeader>

      <div className="grid gap-5 lg:grid-cols-2">
        {erasure ? (
          <Card title="Access">
            <p className="text-sm text-muted">
              This learner&rsquo;s personal data was erased: the account is closed for good and cannot be enabled or
              given a password again.
            </p>
          </Card>
        ) : (
          <Card title="Access">
            <div className="space-y-5">
              <div>
                <p className="mb-2 text-sm text-muted">
                  {account.active
                    ? 'Disabling signs the person out at once: their next click goes to the sign-in page, and they cannot sign in again. Nothing they recorded is removed.'
                    : 'This account is disabled: the person cannot sign in. Their work is kept.'}
                </p>
                {account.id === user.id ? (
                  <p className="text-sm text-muted">This is your own account, so you cannot disable it here.</p>
                ) : (
                  <ActionForm
                    action={setActiveAction}
                    submitLabel={account.active ? 'Disable account' : 'Enable account'}
                    success={account.active ? 'Account disabled.' : 'Account enabled.'}
                    confirm={
                      account.active ? `Disable ${account.name}'s account? They will be signed out at once.` : undefined
                    }
                    button={{ variant: account.active ? 'danger' : 'secondary', size: 'sm' }}
                  >
                    <input type="hidden" name="userId" value={account.id} />
                    <input type="hidden" name="active" value={account.active ? 'false' : 'true'} />
                  </ActionForm>
                )}
              </div>
              <div className="border-t border-line pt-4">
                <ResetPasswordForm userId={account.id} email={account.email} action={resetPasswordAction} />
              </div>
            </div>
          </Card>
        )}

        {isLearner ? (
          <Card title="Assessor and coach">
            {account.staff.length ? (
              <ul className="mb-4 divide-y divide-line">
                {account.staff.map((s) => (
                  <li key={`${s.id}-${s.role}`} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      <span className="font-medium">{s.name}</span>{' '}
                      <span className="text-sm text-muted">
                        {s.role === 'assessor' ? 'Assessor' : 'Coach'}
                        {s.active ? '' : ' (disabled)'}
                      </span>
                    </span>
                    <ActionForm
                      action={unassignStaffAction}
                      submitLabel="Remove"
                      pendingLabel="Removing\u2026"
                      success="Removed."
                      button={{ variant: 'secondary', size: 'sm' }}
                      confirm={`Stop ${s.name} ${s.role === 'assessor' ? 'assessing' : 'coaching'} ${account.name}?`}
                    >
                      <input type="hidden" name="staffId" value={s.id} />
                      <input type="hidden" name="learnerId" value={account.id} />
                      <input type="hidden" name="staffRole" value={s.role} />
                    </ActionForm>
                  </li>
                ))}
              </ul>
            ) : erasure ? (
              <p className="mb-4 text-sm text-muted">Nobody: the account was closed when its data was erased.</p>
            ) : (
              <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                No assessor or coach yet: nobody can judge this learner&rsquo;s evidence or review their worksheets.
              </p>
            )}
            {assignable.length && !erasure ? (
              <ActionForm
                action={assignStaffAction}
                submitLabel="Assign"
                success="Assigned."
                className="space-y-3"
                resetOnSuccess
              >
                <input type="hidden" name="learnerId" value={account.id} />
                <div>
                  <label htmlFor="staffId" className={labelClass}>
                    Assign an assessor or coach
                  </label>
                  <select id="staffId" name="staffId" required className={inputClass}>
                    <optgroup label="Assessors">
                      {assignable
                        .filter((s) => s.role === 'assessor')
                        .map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.name} ({s.email})
                          </option>
                        ))}
                    </optgroup>
                    <optgroup label="Coaches">
                      {assignable
                        .filter((s) => s.role === 'coach')
                        .map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.name} ({s.email})
                          </option>
                        ))}
                    </optgroup>
                  </select>
                </div>
              </ActionForm>
            ) : null}
          </Card>
        ) : (
          <Card title="Learners">
            <p>
              {account.role === 'admin'
                ? 'Administrators manage accounts and assignments; they are not assigned to learners.'
                : `${account.name} ${account.role === 'assessor' ? 'assesses' : 'coaches'} ${plural(account.learnerCount, 'learner')}.`}
            </p>
          </Card>
        )}

        {isLearner ? (
          <>
            <Card title="Modules">
              {account.modules.length ? (
                <ul className="mb-4 divide-y divide-line">
                  {account.modules.map((slug) => (
                    <li key={slug} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <span className="min-w-0">{moduleTitle.get(slug) ?? slug}</span>
                      <ActionForm
                        action={unenrolAction}
                        submitLabel="Take off"
                        pendingLabel="Removing\u2026"
                        success="Removed."
                        button={{ variant: 'secondary', size: 'sm' }}
                        confirm={`Take ${account.name} off this module? Their evidence is kept and comes back if you enrol them again.`}
                      >
                        <input type="hidden" name="learnerId" value={account.id} />
                        <input type="hidden" name="moduleSlug" value={slug} />
                      </ActionForm>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mb-4 text-sm text-muted">Not enrolled on any module yet.</p>
              )}
              {notEnrolled.length && !erasure ? (
                <ActionForm action={enrolAction} submitLabel="Enrol" success="Enrolled." className="space-y-3">
                  <input type="hidden" name="learnerId" value={account.id} />
                  <fieldset>
                    <legend className={labelClass}>Enrol on</legend>
                    <div className="space-y-1.5">
                      {notEnrolled.map((m) => (
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
              ) : null}
            </Card>
            <Card title="Cohorts">
              {account.cohorts.length ? (
                <ul className="space-y-1">
                  {account.cohorts.map((c) => (
                    <li key={c.id}>
                      <Link href={`/admin/cohorts/${c.id}`} className="text-brand-700 underline">
                        {c.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-muted">
                  Not in a cohort. Add learners to a cohort from the{' '}
                  <Link href="/admin/cohorts" className="text-brand-700 underline">
                    cohort&rsquo;s page
                  </Link>
                  .
                </p>
              )}
            </Card>
            <Card title="Data protection">
              {erasure ? (
                <div className="space-y-2 text-sm">
                  <p>
                    Personal data erased on {formatDate(erasure.erasedAt)}
                    {erasure.erasedByName ? ` by ${erasure.erasedByName}` : ' from the command line'}: {erasure.reason}
                  </p>
                  <p className="text-muted">
                    {erasure.decisionsErasedAt
                      ? `The assessment decisions kept for the centre were erased on ${formatDate(erasure.decisionsErasedAt)}.`
                      : `The assessment decisions the centre must keep (judgements, sign-offs with their hashes, quality assurance) are kept until ${formatDate(erasure.decisionsKeptUntil)}, then erased by the retention job.`}
                  </p>
                </div>
              ) : (
                <div className="space-y-5">
                  <div>
                    <h3 className="font-semibold text-brand-900">Subject-access request</h3>
                    <p className="mb-2 text-sm text-muted">
                      A copy of everything Criterion holds on the learner&rsquo;s work: their signed record (evidence
                      and files, judgements, reports and sign-offs, quality assurance), which anyone can check offline.
                    </p>
                    <a
                      href={`/api/record/${account.id}`}
                      download
                      className={buttonClass({ variant: 'secondary', size: 'sm' })}
                    >
                      Download signed record (.zip)
                    </a>
                  </div>
                  <div className="border-t border-line pt-4">
                    <h3 className="font-semibold text-brand-900">Erase personal data</h3>
                    <p className="mb-3 text-sm text-muted">
                      Removes the learner&rsquo;s name, email, everything they wrote and their uploaded files, and signs
                      them out for good; the account is renamed &ldquo;Erased learner&rdquo;. The assessment decisions
                      the centre must keep stay, without the learner&rsquo;s words, until the retention period ends.
                      This cannot be undone: download the record first if it is needed.
                    </p>
                    <EraseLearnerForm learnerId={account.id} email={account.email} action={eraseLearnerAction} />
                  </div>
                </div>
              )}
            </Card>
          </>
        ) : null}
      </div>
    </>
  );
}
