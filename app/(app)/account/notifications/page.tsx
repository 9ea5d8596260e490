import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/admin/ActionForm';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/session';
import { getPreferences } from '@/lib/notifications/inbox';
import { KINDS, kindsFor, MODES } from '@/lib/notifications/kinds';
import { savePreferencesAction } from './actions';

export const metadata: Metadata = { title: 'Notification settings' };

/** Anyone signed in chooses how their own notifications reach them; everything also shows under the bell. */
export default async function NotificationSettingsPage() {
  const user = await requireUser();
  const chosen = await getPreferences(user);
  const offered = kindsFor(user.role);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/account" className="text-brand-700 underline underline-offset-2">
          Your account
        </Link>
        <span aria-hidden="true" className="mx-1.5 text-muted">
          /
        </span>
        <span className="text-muted">Notifications</span>
      </nav>
      <PageHeader
        title="Notification settings"
        lead={`Everything appears under the bell in Criterion. Choose what is also emailed to ${user.email}: at once, or gathered into one email a day.`}
      />
      {offered.length ? null : (
        <p className="mb-4 max-w-2xl text-muted">
          Nothing in Criterion notifies your role yet; when something does, you choose here how it reaches you.
        </p>
      )}
      <ActionForm
        action={savePreferencesAction}
        submitLabel="Save settings"
        success="Your settings are saved."
        className="max-w-3xl"
      >
        {KINDS.filter((k) => !offered.includes(k)).map(({ kind }) => (
          <input key={kind} type="hidden" name={kind} value={chosen[kind]} />
        ))}
        <div className={offered.length ? 'mb-4 divide-y divide-line rounded-xl border border-line bg-white' : 'hidden'}>
          {offered.map(({ kind, label, hint }) => (
            <fieldset key={kind} className="px-4 py-3" aria-describedby={`hint-${kind}`}>
              <legend className="float-left w-full font-medium text-ink">{label}</legend>
              <p id={`hint-${kind}`} className="clear-left text-sm text-muted">
                {hint}
              </p>
              <div className="mt-2 flex flex-wrap gap-x-5 gap-y-1">
                {MODES.map(({ mode, label: modeLabel }) => (
                  <label key={mode} className="inline-flex min-h-11 items-center gap-2 text-sm sm:min-h-0">
                    <input
                      type="radio"
                      name={kind}
                      value={mode}
                      defaultChecked={chosen[kind] === mode}
                      className="h-4 w-4 accent-brand-600"
                    />
                    {modeLabel}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </div>
      </ActionForm>
    </>
  );
}
