import { callAction, type ActionRef } from './action-client';
import { ACTORS, HOME, WORKSHEET_MARKER, type ActorName, type MatrixData } from './authz-setup';

/**
 * Runs one row of the authorization matrix against the production server: every actor makes the same call,
 * and the answer is classified and compared with the expectation written in the table.
 *
 * Expectation tokens, one per actor in ACTORS order:
 *   A  allowed, and it works (page 200, handler 2xx, action ok:true)
 *   a  allowed: the permission check passes; a business refusal (400, 409, ...) is an acceptable answer
 *   S  allowed but scoped to the actor's own things: 200/ok and nothing of the subject learner in the answer
 *   D  denied: anonymous, and an EQA whose visit has ended (whose session no longer stands for anyone), is sent to
 *      sign in (pages) or gets 401; signed-in people get 403 or 404
 *   R  redirected to the actor's home (anonymous: /signin)
 *   N  not found for everyone, anonymous included (404): what a single-use link's page and actions answer to a token
 *      that is no link's, whoever sends it
 */
export type Token = 'A' | 'a' | 'S' | 'D' | 'R' | 'N';

interface CaseBase {
  /** One token per actor (eleven), separated by spaces, in ACTORS order. */
  who: string;
}
interface PageCase extends CaseBase {
  page: string;
  url: (d: MatrixData, actor: ActorName) => string;
}
export interface Send {
  body: BodyInit;
  headers?: Record<string, string>;
}
interface RouteCase extends CaseBase {
  /** `METHOD app/.../route.ts` */
  route: string;
  /** What this variant does, when one handler has several rows. */
  as?: string;
  url: (d: MatrixData, actor: ActorName) => string;
  send?: (d: MatrixData, actor: ActorName) => Send;
  after?: (body: unknown, actor: ActorName, d: MatrixData) => void;
}
interface ActionCase extends CaseBase {
  /** `file#exportName` */
  action: string;
  /** The page the browser would post from. */
  at: (d: MatrixData) => string;
  args: (d: MatrixData, actor: ActorName) => unknown[];
  after?: (data: unknown, actor: ActorName, d: MatrixData) => void;
}
export type Case = PageCase | RouteCase | ActionCase;

export const caseKey = (c: Case) => ('page' in c ? c.page : 'route' in c ? c.route : c.action);
export const caseLabel = (c: Case) => {
  if ('page' in c)
    return `page   ${c.page === 'app/page.tsx' ? '/' : c.page.replace(/^app\//, '').replace(/\/page\.tsx$/, '')}`;
  if ('route' in c)
    return `route  ${c.route.replace(' app/', ' ').replace(/\/route\.ts$/, '')}${c.as ? ` (${c.as})` : ''}`;
  return `action ${c.action.replace(/^app\//, '').replace(/\/actions\.ts#/, '#')}`;
};

export function tokens(c: Case): Record<ActorName, Token> {
  const parts = c.who.trim().split(/\s+/);
  if (parts.length !== ACTORS.length || parts.some((p) => !['A', 'a', 'S', 'D', 'R', 'N'].includes(p))) {
    throw new Error(`${caseKey(c)}: "who" must be ${ACTORS.length} of A a S D R N, got "${c.who}"`);
  }
  return Object.fromEntries(ACTORS.map((a, i) => [a, parts[i] as Token])) as Record<ActorName, Token>;
}

export interface Cell {
  actor: ActorName;
  expected: Token;
  /** Short form of what happened: 200, 403, →/signin, ok, 403 (action status), http500. */
  got: string;
  pass: boolean;
  detail: string;
  /** The answer contained something of the subject learner: proves a scoped row's leak check can fire. */
  shows: boolean;
}

const isDenyStatus = (s: number | undefined) => s === 403 || s === 404;
/** Who is refused as nobody at all: not signed in, or an EQA after the visit (lib/permissions.ts, accountOpenNow). */
const isNobody = (actor: ActorName) => actor === 'anonymous' || actor === 'eqaEnded';

function leaks(text: string, d: MatrixData): string | null {
  for (const marker of [d.learnerName, d.ids.learner, WORKSHEET_MARKER]) if (text.includes(marker)) return marker;
  return null;
}

function locationPath(res: Response, base: string): string {
  const loc = res.headers.get('location') ?? '';
  try {
    return new URL(loc, base).pathname;
  } catch {
    return loc;
  }
}

async function runPage(c: PageCase, actor: ActorName, expected: Token, d: MatrixData): Promise<Cell> {
  const url = c.url(d, actor);
  const res = await fetch(`${d.baseUrl}${url}`, {
    headers: d.cookies[actor] ? { cookie: d.cookies[actor]! } : {},
    redirect: 'manual',
  });
  const text = await res.text();
  const redirected = res.status >= 300 && res.status < 400;
  const got = redirected ? `→${locationPath(res, d.baseUrl)}` : String(res.status);
  const shows = res.status === 200 && leaks(text, d) !== null;
  let pass: boolean;
  let detail = `GET ${url} -> ${res.status}${redirected ? ` ${res.headers.get('location')}` : ''}`;
  switch (expected) {
    case 'A':
    case 'a':
      pass = res.status === 200;
      break;
    case 'S': {
      const leak = res.status === 200 ? leaks(text, d) : null;
      if (leak) detail += `, shows "${leak}"`;
      pass = res.status === 200 && !leak;
      break;
    }
    case 'D':
      pass = isNobody(actor) ? redirected && got === '→/signin' : isDenyStatus(res.status);
      break;
    case 'R':
      pass = redirected && got === `→${HOME[actor]}`;
      break;
    case 'N':
      pass = res.status === 404;
      break;
  }
  return { actor, expected, got, pass, detail, shows };
}

async function runRoute(c: RouteCase, actor: ActorName, expected: Token, d: MatrixData): Promise<Cell> {
  const method = c.route.split(' ')[0]!;
  const url = c.url(d, actor);
  const send = c.send?.(d, actor);
  const headers: Record<string, string> = { origin: d.baseUrl, ...send?.headers };
  if (d.cookies[actor]) headers.cookie = d.cookies[actor]!;
  const res = await fetch(`${d.baseUrl}${url}`, { method, headers, body: send?.body, redirect: 'manual' });
  const text = await res.text();
  const s = res.status;
  const got = String(s);
  const shows = s >= 200 && s < 300 && leaks(text, d) !== null;
  let detail = `${method} ${url} -> ${s} ${text.slice(0, 200).replace(/\s+/g, ' ')}`;
  let pass: boolean;
  switch (expected) {
    case 'A':
      pass = s >= 200 && s < 300;
      break;
    case 'a':
      pass = s < 500 && s !== 401 && !isDenyStatus(s);
      break;
    case 'S': {
      const leak = s >= 200 && s < 300 ? leaks(text, d) : null;
      if (leak) detail += `, shows "${leak}"`;
      pass = s >= 200 && s < 300 && !leak;
      break;
    }
    case 'D':
      pass = isNobody(actor) ? s === 401 : isDenyStatus(s);
      break;
    case 'R':
      pass = s >= 300 && s < 400 && locationPath(res, d.baseUrl) === HOME[actor];
      break;
    case 'N':
      pass = s === 404;
      break;
  }
  if (pass && s >= 200 && s < 300 && c.after) c.after(text ? JSON.parse(text) : null, actor, d);
  return { actor, expected, got, pass, detail, shows };
}

async function runAction(
  c: ActionCase,
  actor: ActorName,
  expected: Token,
  d: MatrixData,
  ref: ActionRef,
): Promise<Cell> {
  const at = c.at(d);
  const out = await callAction({
    baseUrl: d.baseUrl,
    pagePath: at,
    actionId: ref.id,
    args: c.args(d, actor),
    cookie: d.cookies[actor],
  });
  const r = out.result;
  const status = r ? (r.ok ? 200 : r.status) : undefined;
  const got = out.http !== 200 || !r ? `http${out.http}` : r.ok ? 'ok' : String(r.status);
  const shows = Boolean(r?.ok) && leaks(out.raw, d) !== null;
  let detail = `POST ${at} [${c.action}] -> HTTP ${out.http} ${r ? JSON.stringify(r).slice(0, 200) : out.raw.slice(0, 200)}`;
  let pass: boolean;
  if (out.http !== 200 || !r) {
    pass = false;
  } else {
    switch (expected) {
      case 'A':
        pass = r.ok;
        break;
      case 'a':
        pass = r.ok || (status! < 500 && status !== 401 && !isDenyStatus(status));
        break;
      case 'S': {
        const leak = r.ok ? leaks(out.raw, d) : null;
        if (leak) detail += `, shows "${leak}"`;
        pass = r.ok && !leak;
        break;
      }
      case 'D':
        pass = isNobody(actor) ? status === 401 : isDenyStatus(status);
        break;
      case 'R':
        pass = false;
        break;
      case 'N':
        pass = status === 404;
        break;
    }
  }
  if (pass && r?.ok && c.after) c.after(r.data, actor, d);
  return { actor, expected, got, pass, detail, shows };
}

/** Read-only calls go out together; calls that change something go one at a time, every denied actor first. */
export async function runCase(c: Case, d: MatrixData, actions: Map<string, ActionRef>): Promise<Cell[]> {
  const want = tokens(c);
  const one = (actor: ActorName): Promise<Cell> => {
    if ('page' in c) return runPage(c, actor, want[actor], d);
    if ('route' in c) return runRoute(c, actor, want[actor], d);
    const ref = actions.get(c.action);
    if (!ref)
      throw new Error(
        `${c.action} is not in the build's server-reference-manifest.json: the build is older than the code (run npx next build)`,
      );
    return runAction(c, actor, want[actor], d, ref);
  };
  const readOnly = 'page' in c || ('route' in c && c.route.startsWith('GET '));
  if (readOnly) return Promise.all(ACTORS.map(one));
  const order = [...ACTORS].sort((x, y) => Number(want[x] !== 'D') - Number(want[y] !== 'D'));
  const byActor = new Map<ActorName, Cell>();
  for (const actor of order) byActor.set(actor, await one(actor));
  return ACTORS.map((a) => byActor.get(a)!);
}

/** entries × actors, what each call got; a mismatch is marked with ✗. */
export function formatSummary(rows: { c: Case; cells: Cell[] }[]): string {
  const short: Record<ActorName, string> = {
    anonymous: 'anon',
    learner: 'learner',
    learner2: 'learner2',
    assessor: 'assessor',
    otherAssessor: 'oth.assr',
    coach: 'coach',
    otherCoach: 'oth.coach',
    admin: 'admin',
    iqa: 'iqa',
    eqa: 'eqa',
    eqaEnded: 'eqa.ended',
  };
  const labels = rows.map((r) => caseLabel(r.c));
  const w = Math.max(...labels.map((l) => l.length), 5);
  const col = 11;
  const head = `${'entry'.padEnd(w)} ${ACTORS.map((a) => short[a].padEnd(col)).join('')}`;
  const lines = rows.map(
    (r, i) =>
      `${labels[i]!.padEnd(w)} ${r.cells.map((cell) => `${cell.got}${cell.pass ? '' : '✗'}`.slice(0, col - 1).padEnd(col)).join('')}`,
  );
  const failed = rows.flatMap((r) => r.cells.filter((cell) => !cell.pass)).length;
  const total = rows.reduce((n, r) => n + r.cells.length, 0);
  return [
    head,
    ...lines,
    `${rows.length} entries × ${ACTORS.length} actors = ${total} calls, ${failed} not as expected`,
  ].join('\n');
}
