/**
 * The calls the sign-in and sign-out buttons make to next-auth's API (`/api/auth/*`), written out so the
 * browser does not load next-auth's React client (about 10 kB gzipped, on every signed-in page for one button).
 * They follow next-auth v4's own client: fetch a CSRF token, post the form with `json=true`, read `{ url }` back.
 */
const AUTH_API = '/api/auth';

async function csrfToken(): Promise<string> {
  const res = await fetch(`${AUTH_API}/csrf`, { cache: 'no-store' });
  const data = (await res.json()) as { csrfToken?: unknown };
  if (typeof data.csrfToken !== 'string') throw new Error('No CSRF token from the sign-in service');
  return data.csrfToken;
}

/** Posts to next-auth and returns where it would send the browser (null when it did not say). */
export async function postToAuth(
  path: string,
  fields: Record<string, string>,
): Promise<{ ok: boolean; url: URL | null; message: string | null }> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: 'true' });
  const res = await fetch(`${AUTH_API}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  // next-auth answers `{ url }`; Criterion's own refusals in front of it (a body too large, a wrong type) `{ error }`.
  const data = (await res.json().catch(() => ({}))) as { url?: unknown; error?: unknown };
  return {
    ok: res.ok,
    url: typeof data.url === 'string' ? new URL(data.url, window.location.href) : null,
    message: typeof data.error === 'string' ? data.error : null,
  };
}
