/**
 * The server's answer to a save, mapped once to what autosave does next, whether the save went as an HTTP PUT
 * (worksheet, report draft) or through a server action (assessment notes, whose result carries the same status).
 */
import type { SaveResponse, Stored, Transport } from './engine';

/** Browsers cap keepalive bodies at 64 KiB; a bigger last-moment save goes without it (the kept copy covers it). */
const KEEPALIVE_LIMIT = 60_000;
const TIMEOUT_MS = 15_000;

const SIGNED_OUT_MESSAGE =
  'Your session has ended. Sign in again in another tab; your text is kept in this browser meanwhile.';
const UNREACHABLE: SaveResponse<never> = { kind: 'retry', message: 'No connection to the server.', unreachable: true };

/**
 * A refused or failed save by its status. `current` is the stored copy a 409 carries (null: the server holds
 * nothing); a 409 without one (the work was decided or replaced meanwhile) is not a choice between versions.
 */
export function outcomeOf<T>(status: number, error: string | undefined, current?: Stored<T> | null): SaveResponse<T> {
  const message = error ?? 'The server did not save this.';
  if (status === 409 && current !== undefined) return { kind: 'conflict', current, message };
  if (status === 400 || status === 413 || status === 415) return { kind: 'invalid', message };
  if (status === 401) return { kind: 'signed-out', message: SIGNED_OUT_MESSAGE };
  if (status === 403 || status === 404 || status === 409) return { kind: 'forbidden', message };
  return { kind: 'retry', message: status === 429 ? 'The server is busy.' : 'The server could not save just now.' };
}

export interface JsonReply {
  error?: string;
  [field: string]: unknown;
}

/**
 * A transport that PUTs JSON to `url`. `body` shapes the request; `read` takes the version and time from a
 * successful reply (null if it has none) and the stored copy from a 409's `current`.
 */
export function jsonTransport<T>(
  url: string,
  shape: {
    body(value: T, version: number): unknown;
    saved(reply: JsonReply): { version: number; savedAt: string } | null;
    current(reply: JsonReply): Stored<T> | null | undefined;
  },
  fetchImpl: typeof fetch = (...a) => fetch(...a),
): Transport<T> {
  return async ({ value, version }, { keepalive }): Promise<SaveResponse<T>> => {
    const json = JSON.stringify(shape.body(value, version));
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    let res: Response;
    try {
      res = await fetchImpl(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: json,
        keepalive: keepalive && json.length < KEEPALIVE_LIMIT,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: keepalive ? undefined : abort.signal,
      });
    } catch {
      return UNREACHABLE;
    } finally {
      clearTimeout(timer);
    }
    const reply = (await res.json().catch(() => ({}))) as JsonReply;
    const saved = res.ok ? shape.saved(reply) : null;
    if (saved) return { kind: 'saved', ...saved };
    return outcomeOf(
      res.status,
      typeof reply.error === 'string' ? reply.error : undefined,
      res.status === 409 ? shape.current(reply) : undefined,
    );
  };
}
