'use client';
import { signInWithPassword, signInWithProvider } from './auth-client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/Button';
import { Alert } from '@/components/ui/Alert';

// next-auth puts short codes in ?error= when it redirects; say what they mean.
const ERROR_TEXT: Record<string, string> = {
  CredentialsSignin: 'That email and password do not match an account. Check them and try again.',
  AccessDenied: 'Your organisation account is not linked to a Criterion account. Ask your administrator.',
  OAuthSignin:
    'We could not reach your organisation\u2019s sign-in service. Try again, or use your email and password.',
  OAuthCallback: 'Signing in with your organisation did not complete. Please try again.',
  SessionRequired: 'Please sign in to continue.',
};

export function SignInForm({ oidcName, initialError }: { oidcName?: string; initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(
    initialError ? (ERROR_TEXT[initialError] ?? 'Sign-in did not work. Please try again.') : undefined,
  );
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      setError('Enter your email address and password.');
      return;
    }
    setPending(true);
    setError(undefined);
    try {
      const res = await signInWithPassword(email, password);
      if (res.error) {
        setError(res.error !== 'CredentialsSignin' ? res.error : ERROR_TEXT.CredentialsSignin);
        setPending(false);
        return;
      }
      router.replace('/');
      router.refresh();
    } catch {
      setError('We could not reach Criterion. Check your connection and try again.');
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Alert tone="error">{error}</Alert>
      <div>
        <label htmlFor="email" className="mb-1 block text-sm font-medium">
          Email address
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={254}
          className="w-full rounded-md border border-line px-3 py-2.5 text-base shadow-inner focus:border-brand-500"
        />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          className="w-full rounded-md border border-line px-3 py-2.5 text-base shadow-inner focus:border-brand-500"
        />
      </div>
      <button type="submit" disabled={pending} className={buttonClass({ size: 'lg', className: 'w-full' })}>
        {pending ? 'Signing in\u2026' : 'Sign in'}
      </button>
      {oidcName ? (
        <>
          <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-muted" aria-hidden="true">
            <span className="h-px flex-1 bg-line" />
            or
            <span className="h-px flex-1 bg-line" />
          </div>
          <button
            type="button"
            onClick={() => void signInWithProvider('oidc')}
            className="w-full rounded-md border border-brand-600 px-4 py-2.5 font-semibold text-brand-700 hover:bg-brand-50"
          >
            Sign in with {oidcName}
          </button>
        </>
      ) : null}
    </form>
  );
}
