import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/SignInForm';
import { getCurrentUser, HOME_BY_ROLE } from '@/lib/auth/session';
import { env, oidcEnabled } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await getCurrentUser();
  if (user) redirect(HOME_BY_ROLE[user.role]);
  const params = await searchParams;
  const error = typeof params.error === 'string' ? params.error : undefined;
  return (
    <main
      id="main"
      className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-brand-700 to-brand-900 px-4 py-10"
    >
      <div className="w-full max-w-md">
        <div className="mb-6 text-center text-white">
          <p className="text-3xl font-semibold tracking-tight">Criterion</p>
          <p className="mt-1 text-brand-100">Evidence, assessment and sign-off against occupational standards</p>
        </div>
        <div className="rounded-2xl bg-white p-6 shadow-xl sm:p-8">
          <h1 className="mb-5 text-xl font-semibold text-brand-900">Sign in</h1>
          <SignInForm oidcName={oidcEnabled(env()) ? env().OIDC_NAME : undefined} initialError={error} />
        </div>
        <p className="mt-6 text-center text-sm text-brand-100">
          Forgotten your password? Ask your training provider&apos;s administrator to reset it.
        </p>
      </div>
    </main>
  );
}
