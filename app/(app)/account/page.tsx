import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/Button';
import { ChangePasswordForm } from '@/components/account/ChangePasswordForm';
import { EndSessionsForm } from '@/components/account/EndSessionsForm';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password-policy';
import { requireSignedIn } from '@/lib/auth/session';
import { changePasswordAction, endAllSessionsAction } from './actions';
import { Alert } from '@/components/ui/Alert';

export const metadata: Metadata = { title: 'Your account' };

// Open to anyone signed in, including someone who must first replace a password an administrator set (requireUser
// sends them here from every other page).
export default async function AccountPage() {
  const user = await requireSignedIn();
  return (
    <>
      <PageHeader title="Your account" lead={`${user.name}, ${user.email}`} />
      {user.mustChangePassword ? (
        <Alert tone="warning" size="md" className="mb-6 max-w-2xl">
          Your password was set by an administrator. Choose your own before you carry on: the rest of Criterion opens
          once you have.
        </Alert>
      ) : null}
      <div className="grid max-w-2xl gap-6">
        <Card title="Change password">
          <ChangePasswordForm action={changePasswordAction} minLength={MIN_PASSWORD_LENGTH} />
        </Card>
        <Card title="Notifications">
          <p className="mb-3 text-sm text-muted">
            What reaches you by email (at once or in a daily digest) and what only shows under the bell.
          </p>
          <Link href="/account/notifications" className={buttonClass({ variant: 'secondary', size: 'sm' })}>
            Notification settings
          </Link>
        </Card>
        <Card title="Sign out everywhere">
          <p className="mb-3 text-sm text-muted">
            Ends every session of your account, on every device, this one included: use it after signing in on a shared
            or lost computer.
          </p>
          <EndSessionsForm action={endAllSessionsAction} />
        </Card>
      </div>
    </>
  );
}
