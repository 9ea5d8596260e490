import fs from 'node:fs';
import path from 'node:path';

/**
 * Calls server actions over HTTP exactly as the browser does, so system tests can exercise the production
 * build's actions (session, origin check, argument decoding, the action itself) without a browser.
 */

export interface ActionRef {
  id: string;
  /** Source file relative to the project root, e.g. `app/(app)/admin/actions.ts`. */
  file: string;
  name: string;
  /** The app routes (e.g. `app/(app)/admin/cohorts/page`) whose bundles include the action. */
  pages: string[];
}

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
  workers?: Record<string, unknown>;
}

/** Reads `<distDir>/server/server-reference-manifest.json`: action id -> module file and export name. */
export function readActionManifest(root: string, distDir = '.next'): Map<string, ActionRef> {
  const file = path.join(root, distDir, 'server/server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { node?: Record<string, ManifestEntry> };
  const out = new Map<string, ActionRef>();
  for (const [id, entry] of Object.entries(manifest.node ?? {})) {
    if (!entry.filename || !entry.exportedName) continue;
    const ref = { id, file: entry.filename, name: entry.exportedName, pages: Object.keys(entry.workers ?? {}) };
    out.set(actionKey(ref.file, ref.name), ref);
  }
  return out;
}

export const actionKey = (file: string, name: string) => `${file}#${name}`;

/**
 * The body React's `encodeReply` sends for these arguments. Plain values are one JSON text; as soon as an
 * argument is a FormData the reply becomes multipart: the root model in field `0`, the FormData referenced as
 * `"$K<n>"` and its fields sent as `_<n>_<field>`.
 */
export function encodeActionArgs(args: unknown[]): { body: string | FormData; contentType?: string } {
  let form: FormData | null = null;
  let next = 1;
  const escape = (v: unknown): unknown => {
    if (v instanceof FormData) {
      form ??= new FormData();
      const ref = next++;
      for (const [k, value] of v.entries()) form.append(`_${ref}_${k}`, value);
      return `$K${ref.toString(16)}`;
    }
    if (typeof v === 'string') return v.startsWith('$') ? `$${v}` : v;
    if (v === undefined) return '$undefined';
    if (Array.isArray(v)) return v.map(escape);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escape(x)]));
    return v;
  };
  const json = JSON.stringify(escape(args));
  if (!form) return { body: json, contentType: 'text/plain;charset=UTF-8' };
  (form as FormData).set('0', json);
  // fetch writes the multipart boundary itself.
  return { body: form };
}

export interface ActionOutcome {
  http: number;
  /** The action's return value (an ActionResult for validatedAction), when the response carried one. */
  result?: { ok: boolean; status?: number; error?: string; data?: unknown };
  raw: string;
}

/**
 * Reads the RSC response of an action call. Rows look like `0:{"a":"$@1","f":"","b":"<build>"}` then
 * `1:{"ok":false,"status":403,...}`; the return value is the row the root's `a` points to.
 */
export function parseActionResponse(text: string): ActionOutcome['result'] {
  const rows = new Map<string, unknown>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (!m) continue;
    try {
      rows.set(m[1]!, JSON.parse(m[2]!));
    } catch {
      // Non-JSON rows (hints, text chunks) are not return values.
    }
  }
  const root = rows.get('0') as { a?: unknown } | undefined;
  let value: unknown = root?.a;
  if (typeof value === 'string' && /^\$@[0-9a-f]+$/.test(value)) value = rows.get(value.slice(2));
  if (value && typeof value === 'object' && typeof (value as { ok?: unknown }).ok === 'boolean') {
    return value as ActionOutcome['result'];
  }
  return undefined;
}

export interface CallActionOptions {
  baseUrl: string;
  /** The page the action is posted to (the browser posts to the page it is on). */
  pagePath: string;
  actionId: string;
  args: unknown[];
  cookie?: string;
}

export async function callAction(o: CallActionOptions): Promise<ActionOutcome> {
  const { body, contentType } = encodeActionArgs(o.args);
  const headers: Record<string, string> = {
    accept: 'text/x-component',
    'next-action': o.actionId,
    origin: o.baseUrl,
  };
  if (contentType) headers['content-type'] = contentType;
  if (o.cookie) headers.cookie = o.cookie;
  const res = await fetch(`${o.baseUrl}${o.pagePath}`, { method: 'POST', headers, body, redirect: 'manual' });
  const raw = await res.text();
  return { http: res.status, result: parseActionResponse(raw), raw };
}

/**
 * The build's server actions, after checking that the build knows every action in the code.
 */
export function productionActions(root: string, distDir: string, inventoryActions: string[]): Map<string, ActionRef> {
  const actions = readActionManifest(root, distDir);
  const absent = inventoryActions.filter((k) => !actions.has(k));
  if (absent.length)
    throw new Error(
      `not in ${distDir}/server/server-reference-manifest.json (the build is older than the code; run npx next build): ${absent.join(', ')}`,
    );
  return actions;
}
