/** The browser side of PUT /api/worksheets/[slug]: each HTTP outcome mapped to what autosave does next. */
import type { WorksheetAnswers } from './answers';
import type { SaveResponse, Transport } from './autosave';
import type { ServerCopy } from './reconcile';

/** Browsers cap keepalive bodies at 64 KiB; a bigger last-moment save goes without it (the kept copy covers it). */
const KEEPALIVE_LIMIT = 60_000;
const TIMEOUT_MS = 15_000;

export function worksheetUrl(slug: string): string {
  return `/api/worksheets/${encodeURIComponent(slug)}`;
}

export function httpTransport(slug: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): Transport {
  return async (body: { version: number; answers: WorksheetAnswers }, { keepalive }): Promise<SaveResponse> => {
    const json = JSON.stringify(body);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    let res: Response;
    try {
      res = await fetchImpl(worksheetUrl(slug), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: json,
        keepalive: keepalive && json.length < KEEPALIVE_LIMIT,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: keepalive ? undefined : abort.signal,
      });
    } catch {
      return { kind: 'retry', message: 'No connection to the server.' };
    } finally {
      clearTimeout(timer);
    }
    const data = (await res.json().catch(() => ({}))) as { error?: string; version?: number; savedAt?: string; current?: ServerCopy };
    const message = data.error ?? 'The server did not save this.';
    if (res.ok && typeof data.version === 'number') return { kind: 'saved', version: data.version, savedAt: data.savedAt ?? new Date().toISOString() };
    if (res.status === 409 && data.current) return { kind: 'conflict', current: data.current, message };
    if (res.status === 400 || res.status === 413 || res.status === 415) return { kind: 'invalid', message };
    if (res.status === 401) return { kind: 'signed-out', message: 'Your session has ended. Sign in again in another tab; your answers are kept in this browser meanwhile.' };
    if (res.status === 403 || res.status === 404) return { kind: 'forbidden', message };
    return { kind: 'retry', message: res.status === 429 ? 'The server is busy.' : 'The server could not save just now.' };
  };
}

/** The stored answers, or null when they cannot be fetched (offline, signed out): the caller just carries on. */
export async function fetchServerCopy(slug: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): Promise<ServerCopy | null> {
  try {
    const res = await fetchImpl(worksheetUrl(slug), { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) return null;
    const data = (await res.json()) as ServerCopy;
    return typeof data.version === 'number' && data.answers && typeof data.answers === 'object' ? data : null;
  } catch {
    return null;
  }
}
