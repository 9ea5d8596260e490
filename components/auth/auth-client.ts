import { postToAuth } from './auth-api';

/** Email and password sign-in. Resolves with next-auth's error code or message, or null once the cookie is set. */
export async function signInWithPassword(email: string, password: string): Promise<{ error: string | null }> {
  const { ok, url, message } = await postToAuth('callback/credentials', { email, password, callbackUrl: '/' });
  const error = url?.searchParams.get('error') ?? message;
  return { error: ok && !error ? null : (error ?? 'CredentialsSignin') };
}

/** Starts sign-in with an external provider: the browser goes to the provider's page. */
export async function signInWithProvider(provider: string): Promise<void> {
  const { url } = await postToAuth(`signin/${encodeURIComponent(provider)}`, { callbackUrl: '/' });
  window.location.assign(url?.href ?? '/signin');
}
