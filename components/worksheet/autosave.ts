/**
 * The worksheet's settings for the shared autosave (components/autosave): answers compared and limited by the same
 * rules as the server's, the kept-copy key, and the browser side of PUT /api/worksheets/[slug].
 */
import type { Stored, Transport } from '@/components/autosave/engine';
import { jsonTransport } from '@/components/autosave/http';
import { limitProblems, sameAnswers, type Worksheet, type WorksheetAnswers } from '@/lib/worksheets/answers';

export const WORKSHEET_DELAY_MS = 800;

function worksheetUrl(slug: string): string {
  return `/api/worksheets/${encodeURIComponent(slug)}`;
}

/** Unchanged since the first release, so answers kept before an update are found after it. */
export function worksheetKeptKey(learnerId: string, slug: string): string {
  return `criterion:worksheet-draft:${learnerId}:${slug}`;
}

export function readKeptAnswers(raw: unknown): WorksheetAnswers | null {
  return !!raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as WorksheetAnswers) : null;
}

export function worksheetRules(ws: Worksheet) {
  return {
    equal: (a: WorksheetAnswers, b: WorksheetAnswers) => sameAnswers(ws, a, b),
    problem: (answers: WorksheetAnswers) => {
      const p = limitProblems(ws, answers)[0];
      return p ? `${p.where}: ${p.message}` : null;
    },
    empty: {} as WorksheetAnswers,
    parse: readKeptAnswers,
  };
}

interface ServerCopy {
  version: number;
  answers: WorksheetAnswers;
  savedAt: string | null;
}

function asStored(copy: unknown): Stored<WorksheetAnswers> | null {
  const c = copy as Partial<ServerCopy> | null;
  const answers = readKeptAnswers(c?.answers);
  return c && typeof c.version === 'number' && answers
    ? { value: answers, version: c.version, savedAt: c.savedAt ?? null }
    : null;
}

export function worksheetTransport(slug: string, fetchImpl?: typeof fetch): Transport<WorksheetAnswers> {
  return jsonTransport<WorksheetAnswers>(
    worksheetUrl(slug),
    {
      body: (answers, version) => ({ version, answers }),
      saved: (r) =>
        typeof r.version === 'number'
          ? { version: r.version, savedAt: typeof r.savedAt === 'string' ? r.savedAt : new Date().toISOString() }
          : null,
      current: (r) => asStored(r.current) ?? undefined,
    },
    fetchImpl,
  );
}

/** The stored answers, or null when they cannot be fetched (offline, signed out): the caller just carries on. */
export async function fetchWorksheet(
  slug: string,
  fetchImpl: typeof fetch = (...a) => fetch(...a),
): Promise<Stored<WorksheetAnswers> | null> {
  try {
    const res = await fetchImpl(worksheetUrl(slug), { credentials: 'same-origin', cache: 'no-store' });
    return res.ok ? asStored(await res.json()) : null;
  } catch {
    return null;
  }
}
