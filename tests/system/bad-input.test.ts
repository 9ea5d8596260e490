import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import JSZip from 'jszip';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeDocx,
  linkedSectionTags,
  lyingZipBomb,
  markdownToDocx,
  reportWithCountedWords,
  truncatedDocx,
  UNIT_RULES,
} from '../fixtures/reports/make';
import { countReport } from '@/lib/wordcount';
import {
  actionKey,
  callAction,
  encodeActionArgs,
  parseActionResponse,
  productionActions,
  type ActionRef,
} from '../helpers/action-client';
import { KIND_VALUES } from '@/lib/notifications/kinds';
import { readInventory } from '../helpers/authz-inventory';
import {
  CRITERION,
  CRITERION_MODULE,
  REPORT_MODULE,
  WORKSHEET,
  completeAssessment,
  createMatrixData,
  reviewContent,
  makeActionCaller,
  signInEveryone,
  type MatrixData,
  type Person,
} from '../helpers/authz-setup';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { portFromEnv } from '../helpers/free-port';
import { createPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { signInHttp } from '../helpers/http-session';
import { E2E_PASSWORD } from '../e2e/accounts';

/**
 * The bad-input catalogue (issue #8): every state-changing route handler method and every server action of the
 * production build, called over HTTP by someone who IS allowed to call it, with input that must be refused:
 * wrong types, missing fields, over-long text, huge bodies, invalid UTF-8, malformed JSON or forms, the wrong
 * Content-Type, and fake, corrupt and zip-bomb documents. Every answer must be a clear refusal (a 4xx with a
 * message a person can act on, or an action's { ok: false, status: 4xx, error }), never a 5xx, never a stack
 * trace, and the database and the upload folder must be exactly as they were before.
 *
 * Script tags and SQL-looking text are not bad input: they are accepted, stored literally and shown escaped.
 *
 * The table is checked against the file system like the authorization matrix: a new handler method or action
 * without an entry here fails the first test. Each entry ends with its own call done right, which must be accepted:
 * that shows the caller is allowed and each bad case was refused for the one thing it breaks.
 *
 * What may change while refusing, named in the table: sign_in_attempts (a well-formed wrong sign-in is recorded for
 * throttling) and the audit row of a stale worksheet hand-in (recorded on purpose). Nothing else.
 *
 * After a production build:
 *   NEXT_DIST_DIR=.next-badinput npx vitest run -c vitest.system.config.mts tests/system/bad-input.test.ts
 * (BAD_INPUT_PORT pins the app server's port, which is otherwise a free one; BAD_INPUT_VERBOSE=1 prints every answer.)
 */

const root = path.resolve(__dirname, '../..');
const distDir = process.env.NEXT_DIST_DIR || '.next';
const dataDir = path.join(root, `.data/bad-input-${process.pid}`);
const uploadDir = path.join(dataDir, 'uploads');
/** Small, so a body "more than MAX_UPLOAD_MB" is quick to send. */
const MAX_UPLOAD_MB = 2;
const MB = 1024 * 1024;

const SCRIPT = '<script>alert(1)</script>';
const SQL = "'; drop table users; --";
const SQL_ID = "00000000-0000-4000-8000-000000000000' or '1'='1";
const today = () => new Date().toISOString().slice(0, 10);
const long = (n: number, c = 'x') => c.repeat(n);
const uuids = (n: number) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

// ---- what a refusal must look like ------------------------------------------------------------------------

/** Words that only a developer understands, or that show an internal failure dressed up as a refusal. */
const DEV_SPEAK =
  /invalid input|expected [a-z ]+, received|received (undefined|nan|null)|\bNaN\b|zod|SyntaxError|Unexpected (token|end)|\bundefined\b|TypeError|violates|constraint|relation "|syntax error|postgres|ECONN|Something went wrong/i;
/** A stack frame, a source file position or a dependency path. */
const STACK = /\n\s+at \S|\bat [\w.<>]+ \(|[\w/.-]+\.(?:ts|tsx|js|mjs|cjs):\d+|node_modules\//;

function unclear(message: unknown): string | null {
  if (typeof message !== 'string' || message.trim().length < 12)
    return `no message a person could act on (${JSON.stringify(message)})`;
  if (DEV_SPEAK.test(message)) return `a message in developer terms: "${message}"`;
  return null;
}

// ---- requests -------------------------------------------------------------------------------------------

interface Send {
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Replaces the entry's address (a bad query string or path). */
  url?: string;
}
interface Bad {
  name: string;
  send: () => Send | Promise<Send>;
  /** The one status that is right for this case (413 for a body over its cap, whichever route it is sent to). */
  status?: number;
}

const jsonSend = (value: unknown): Send => ({
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json' },
});

/** Raw bytes that are not UTF-8 (a lone continuation byte, a byte UTF-8 never uses, a sequence cut short). */
const NOT_UTF8 = Buffer.from([0x80, 0xff, 0xc3]);
const MARK = '@@NOT_UTF8@@';
function withBadBytes(text: string): Uint8Array<ArrayBuffer> {
  const at = text.indexOf(MARK);
  if (at < 0) throw new Error('no place for the invalid bytes');
  return new Uint8Array(
    Buffer.concat([Buffer.from(text.slice(0, at)), NOT_UTF8, Buffer.from(text.slice(at + MARK.length))]),
  );
}

/** A multipart body written by hand, so a field can hold bytes no browser would send. */
function multipart(parts: { name: string; value: string | Uint8Array; filename?: string; type?: string }[]): Send {
  const boundary = '----bad-input-catalogue-7d1f';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`,
      ),
    );
    chunks.push(Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: new Uint8Array(Buffer.concat(chunks)),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Generic wrong types for a field, from the type of a value that would pass. */
function wrongTypes(value: unknown): [string, unknown][] {
  if (typeof value === 'string')
    return [
      ['a number', 42],
      ['a list', ['a', 'b']],
      ['an object', { a: 1 }],
    ];
  if (typeof value === 'number')
    return [
      ['text', 'abc'],
      ['an object', { a: 1 }],
      ['a list', [1, 2]],
    ];
  if (typeof value === 'boolean')
    return [
      ['text', 'yes'],
      ['a number', 2],
      ['an object', {}],
    ];
  if (Array.isArray(value))
    return [
      ['a number', 42],
      ['an object', { a: 1 }],
      ['a list of numbers', [1, 2]],
    ];
  if (value && typeof value === 'object')
    return [
      ['text', 'abc'],
      ['a number', 42],
      ['a list', ['a']],
    ];
  return [];
}
const isUuid = (v: unknown) =>
  typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** Missing fields, wrong types and SQL in ids, one top-level field at a time. */
function fieldCases(base: Record<string, unknown>, optional: string[]): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  for (const [key, value] of Object.entries(base)) {
    if (!optional.includes(key)) {
      const { [key]: _dropped, ...rest } = base;
      out.push([`missing ${key}`, rest]);
    }
    for (const [what, wrong] of wrongTypes(value)) out.push([`${key} as ${what}`, { ...base, [key]: wrong }]);
    if (isUuid(value)) out.push([`SQL in ${key}`, { ...base, [key]: SQL_ID }]);
  }
  return out;
}

// ---- the catalogue --------------------------------------------------------------------------------------

interface Data extends MatrixData {
  csrfToken: string;
  csrfCookie: string;
  docs: { docx: Buffer; revised: Buffer; pdf: Buffer; bomb: Buffer; record: Buffer };
}

interface RouteEntry {
  /** `METHOD app/.../route.ts` */
  route: string;
  /** Someone allowed to call it, so a refusal comes from the input and not from permissions. */
  who: Person | 'anonymous';
  url: (d: Data) => string;
  cases: (d: Data) => Bad[];
  /** Reads the refusal's message from the answer (default: the JSON body's `error`). */
  message?: (status: number, text: string, res: Response) => unknown;
  /** Tables this entry may change even when it refuses, each with the reason. */
  mayChange?: Record<string, string>;
  auditedRefusals?: AuditedRefusals;
  /** Extra check on every answer (e.g. no session cookie). */
  also?: (res: Response) => string | null;
  /**
   * Sent after the bad cases: the same call done right must be accepted (2xx), which shows the actor is allowed
   * and every case was refused for its one broken thing. `after` moves the version numbers on.
   */
  control: { send: (d: Data) => Send; after?: (body: unknown, d: Data) => void };
}

/** audit_log actions an entry writes for a refusal on purpose, and why. Any other new audit row fails the test. */
interface AuditedRefusals {
  actions: string[];
  why: string;
}

interface ActionEntry {
  /** `file#exportName` */
  action: string;
  /** Anonymous for the single-use link pages' actions, whose permission is the link's token. */
  who: Person | 'anonymous';
  /** The page the browser posts from. */
  at: (d: Data) => string;
  /** Arguments that pass validation; every case breaks one thing in them, and they are sent last and must be accepted. */
  base: (d: Data) => Record<string, unknown>;
  /** Fields that may be left out. */
  optional?: string[];
  /** A free-text field to carry invalid UTF-8. */
  text: string;
  /** A useActionState form action: called as (previous state, FormData). */
  form?: boolean;
  /** The refusals particular to this action: over-long text, values out of range, unknown things. */
  extra?: (d: Data) => [string, Record<string, unknown>][];
  /** An answer other than { ok: false } that still refuses (a preview listing the problems). */
  refusedInData?: (data: unknown) => string | null;
  auditedRefusals?: AuditedRefusals;
  /** After the control call was accepted: keeps what a later entry needs (an id it made). */
  after?: (data: unknown, d: Data) => void;
  /** Before the entry's first case (and before the snapshot): makes the records it works on. */
  prepare?: (d: Data) => Promise<void>;
}

type Entry = RouteEntry | ActionEntry;
const entryKey = (e: Entry) => ('route' in e ? e.route : e.action);

/** The usual JSON-body refusals, common to every handler that takes JSON. */
function jsonBodyCases(
  base: () => Record<string, unknown>,
  opts: { optional?: string[]; text: string; extra?: [string, Record<string, unknown>][] },
): Bad[] {
  const b = base();
  return [
    ...fieldCases(b, opts.optional ?? []).map(([name, value]) => ({ name, send: () => jsonSend(value) })),
    ...(opts.extra ?? []).map(([name, value]) => ({ name, send: () => jsonSend(value) })),
    { name: 'a JSON list instead of an object', send: () => jsonSend([b]) },
    { name: 'JSON null', send: () => jsonSend(null) },
    {
      name: 'malformed JSON',
      send: () => ({ body: JSON.stringify(b).slice(0, -3), headers: { 'content-type': 'application/json' } }),
    },
    { name: 'an empty body', send: () => ({ body: '', headers: { 'content-type': 'application/json' } }) },
    {
      name: `invalid UTF-8 in ${opts.text}`,
      send: () => ({
        body: withBadBytes(JSON.stringify({ ...b, [opts.text]: `before ${MARK} after` })),
        headers: { 'content-type': 'application/json' },
      }),
    },
    // A valid body with a type no page of the portal sends: an HTML form from elsewhere would look like this.
    {
      name: 'the wrong Content-Type (text/plain)',
      send: () => ({ body: JSON.stringify(b), headers: { 'content-type': 'text/plain;charset=UTF-8' } }),
    },
    {
      name: 'the wrong Content-Type (a urlencoded form)',
      send: () => ({
        body: new URLSearchParams(Object.entries(b).map(([k, v]) => [k, String(v)])).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    },
    { name: 'a 12 MB body', send: () => jsonSend({ ...b, [opts.text]: long(12 * MB) }), status: 413 },
  ];
}

/** A phone capture's declaration that passes (a fresh key each time it is used for the control). */
const captureStart = () => ({
  idempotencyKey: 'bad-input-capture-key',
  fileName: 'stall.png',
  type: 'image/png',
  size: 5000,
  sha256: 'b'.repeat(64),
});
const captureFinish = () => ({
  title: 'Stall photo',
  occurredOn: today(),
  description: 'Taken at the stall.',
  criteria: [{ id: CRITERION, note: 'How I set out the stall' }] as unknown[],
});

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A zip bomb that looks like a Word document: a few hundred KB that inflate to 200 MB of white space. */
async function zipBombDocx(mb = 200): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const head =
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>';
  const tail = '</w:t></w:r></w:p></w:body></w:document>';
  const body = Buffer.alloc(mb * MB, 0x20);
  body.write(head, 0);
  body.write(tail, body.length - tail.length);
  zip.file('word/document.xml', body);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

const EVIDENCE_TEXT = ['kind', 'title', 'occurredOn', 'description', 'body', 'criteria'] as const;
const evidenceBase = (): Record<string, string> => ({
  kind: 'account',
  title: 'Called a customer back',
  occurredOn: today(),
  description: '',
  body: 'I called the customer back the same day.',
  criteria: '[]',
});
function evidenceForm(
  fields: Record<string, string | undefined>,
  file?: { bytes: Buffer; name: string; type: string },
): Send {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) f.set(k, v);
  if (file) f.set('file', new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  return { body: f };
}
const fileEvidence = (file: { bytes: Buffer; name: string; type: string }) =>
  evidenceForm({ ...evidenceBase(), kind: 'file', body: undefined }, file);

const ADMIN = 'app/(app)/admin/actions.ts';
const eraseBase = (d: Data) => ({
  learnerId: d.erasableLearner.id,
  confirmation: d.erasableLearner.email,
  reason: 'Their request.',
});
const ACCOUNT = 'app/(app)/account/actions.ts';
const QUALITY = 'app/(app)/quality/actions.ts';
/** A plan form that passes: the suggested rules, with the sign-off rate changed so it is a change from the seed's. */
const planForm = (d: Data) => ({
  cohortId: d.demoCohortId,
  basedOnVersion: String(d.state.qaPlanVersion ?? 1),
  name: 'Centre sampling plan 2027',
  standardRate: '10',
  signOffRate: '30',
  newAssessor: 'on',
  newAssessorFirst: '5',
  newAssessorRate: '100',
  afterDisagreement: 'on',
  afterDisagreementFor: '10',
  afterDisagreementRate: '50',
  coverAssessor: 'sample',
  coverModule: 'plan',
  coverMethod: 'plan',
  coverStage: 'plan',
  coverCohort: 'plan',
  modules: [CRITERION_MODULE],
});
const EQA_ADMIN = 'app/(app)/admin/eqa/actions.ts';
/** A UK calendar day, `offset` days from today: a visit's days are UK days. */
const ukDay = (offset = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + offset * 86_400_000));
const eqaVisit = {
  name: 'Bad Input Assurer',
  email: 'bad.input.eqa@authz.example',
  organisation: 'Bad Input Awarding',
  startsOn: ukDay(0),
  endsOn: ukDay(3),
};
const REVIEWS = 'app/(app)/reviews/actions.ts';
const HOURS = 'app/(app)/learner/hours/actions.ts';
const NOTIFICATIONS = 'app/(app)/notifications/actions.ts';
const everyKind = (mode: string) => Object.fromEntries(KIND_VALUES.map((k) => [k, mode]));
const CONFIRM = 'app/(public)/confirm/[token]/actions.ts';
const EMPLOYER = { name: 'Pat Morgan', role: 'Operations manager', email: 'pat@employer.example' };
/** A single-use link's token with its first character changed: the shape of a token, but no link's. */
const tampered = (token: string) => (token[0] === 'A' ? 'B' : 'A') + token.slice(1);

const ENTRIES: Entry[] = [
  // ---- route handlers ----
  {
    // Sign-in. next-auth answers a refused sign-in with 401 and the reason in the error page's address.
    route: 'POST app/api/auth/[...nextauth]/route.ts',
    who: 'anonymous',
    url: () => '/api/auth/callback/credentials',
    mayChange: {
      // Throttling counts every well-formed attempt with a wrong password (README: "Failed attempts are recorded
      // in the database"). Only the cases with a well-formed email and password reach it.
      sign_in_attempts: 'a well-formed but wrong sign-in is recorded for throttling',
    },
    message: (_s, text) => {
      try {
        const body = JSON.parse(text) as { url?: string; error?: string };
        return body.error ?? new URL(body.url!).searchParams.get('error');
      } catch {
        return null;
      }
    },
    also: (res) =>
      res.headers.getSetCookie().some((c) => /session-token=/.test(c)) ? 'a session cookie was set' : null,
    control: {
      send: (d) => ({
        body: new URLSearchParams({
          csrfToken: d.csrfToken,
          json: 'true',
          email: 'learner@example.com',
          password: 'criterion-demo',
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: d.csrfCookie },
      }),
    },
    cases: (d) => {
      const form = (fields: Record<string, string | string[]>, extra = '') => {
        const p = new URLSearchParams();
        p.set('csrfToken', d.csrfToken);
        p.set('json', 'true');
        for (const [k, v] of Object.entries(fields)) for (const x of ([] as string[]).concat(v)) p.append(k, x);
        return {
          body: p.toString() + extra,
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: d.csrfCookie },
        };
      };
      const email = 'learner@example.com';
      return [
        { name: 'missing password', send: () => form({ email }) },
        { name: 'missing email', send: () => form({ password: 'criterion-demo' }) },
        { name: 'missing both', send: () => form({}) },
        {
          name: 'email given twice (a list)',
          send: () => form({ email: [email, 'admin@example.com'], password: 'not-the-password' }),
        },
        {
          name: 'an over-long email',
          send: () => form({ email: `${long(300)}@example.com`, password: 'criterion-demo' }),
        },
        { name: 'an over-long password', send: () => form({ email, password: long(10_000) }) },
        { name: 'SQL as the email', send: () => form({ email: SQL, password: 'criterion-demo' }) },
        { name: 'SQL as the password', send: () => form({ email: 'nobody@example.com', password: "' or '1'='1" }) },
        {
          name: 'invalid UTF-8 in the email',
          send: () => ({
            ...form({ password: 'criterion-demo' }),
            body: withBadBytes(`${form({ password: 'criterion-demo' }).body}&email=learner${MARK}%40example.com`),
          }),
        },
        {
          name: 'a malformed body',
          send: () => ({ ...form({}), body: `csrfToken=${encodeURIComponent(d.csrfToken)}&json=true&%%%=&email` }),
        },
        {
          name: 'the wrong Content-Type (multipart, wrong password)',
          send: () => {
            const f = new FormData();
            f.set('csrfToken', d.csrfToken);
            f.set('json', 'true');
            f.set('email', 'nobody@example.com');
            f.set('password', 'not-the-password');
            return { body: f, headers: { cookie: d.csrfCookie } };
          },
        },
        { name: 'a 12 MB body', send: () => form({ email, password: long(12 * MB) }) },
        // next-auth parses a JSON body without a guard: these were 500s (issue #17).
        {
          name: 'malformed JSON',
          send: () => ({
            body: `{"csrfToken":"${d.csrfToken}","email":"${email}","password":`,
            headers: { 'content-type': 'application/json', cookie: d.csrfCookie },
          }),
        },
        {
          name: 'JSON null',
          send: () => ({ body: 'null', headers: { 'content-type': 'application/json', cookie: d.csrfCookie } }),
        },
        {
          name: 'a 12 MB JSON body',
          send: () => ({
            body: JSON.stringify({ csrfToken: d.csrfToken, email, password: long(12 * MB) }),
            headers: { 'content-type': 'application/json', cookie: d.csrfCookie },
          }),
        },
      ];
    },
  },
  {
    route: 'POST app/api/evidence/route.ts',
    who: 'learner',
    url: () => '/api/evidence',
    control: { send: () => evidenceForm(evidenceBase()) },
    cases: (d) => {
      const base = evidenceBase();
      const withField = (patch: Record<string, string | undefined>) => () => evidenceForm({ ...base, ...patch });
      const blob = (name: string) => () => {
        const s = evidenceForm({ ...base, [name]: undefined });
        (s.body as FormData).set(name, new File([new Uint8Array([1, 2, 3])], 'x.bin'));
        return s;
      };
      return [
        ...(['kind', 'title', 'occurredOn', 'body'] as const).map((k) => ({
          name: `missing ${k}`,
          send: withField({ [k]: undefined }),
        })),
        ...EVIDENCE_TEXT.map((k) => ({ name: `${k} as a file`, send: blob(k) })),
        { name: 'an unknown kind', send: withField({ kind: 'testimony' }) },
        { name: 'a blank title', send: withField({ title: '   ' }) },
        { name: 'a 201-character title', send: withField({ title: long(201) }) },
        { name: 'a 5,001-character description', send: withField({ description: long(5001) }) },
        { name: 'a 20,001-character account', send: withField({ body: long(20_001) }) },
        { name: 'a date that is not a date', send: withField({ occurredOn: 'yesterday' }) },
        { name: 'a date that does not exist', send: withField({ occurredOn: '2025-02-30' }) },
        { name: 'a date in the future', send: withField({ occurredOn: '2999-01-01' }) },
        { name: 'criteria that are not JSON', send: withField({ criteria: '[{"id":' }) },
        { name: 'criteria as an object', send: withField({ criteria: JSON.stringify({ id: CRITERION }) }) },
        { name: 'criteria with a number id', send: withField({ criteria: JSON.stringify([{ id: 42, note: '' }]) }) },
        {
          name: 'an unknown criterion',
          send: withField({ criteria: JSON.stringify([{ id: 'no/such/criterion', note: '' }]) }),
        },
        {
          name: 'a 2,001-character criterion note',
          send: withField({ criteria: JSON.stringify([{ id: CRITERION, note: long(2001) }]) }),
        },
        {
          name: '201 criteria',
          send: withField({
            criteria: JSON.stringify(Array.from({ length: 201 }, (_, i) => ({ id: `${CRITERION}${i}`, note: '' }))),
          }),
        },
        { name: 'SQL as the learner id', send: withField({ learnerId: SQL_ID }) },
        {
          name: 'a worksheet hand-in id that is not an id',
          send: withField({ kind: 'worksheet', worksheetSubmissionId: SQL_ID }),
        },
        { name: 'a link that is not a web address', send: withField({ kind: 'link', url: 'javascript:alert(1)' }) },
        {
          name: 'a file on an account',
          send: () => evidenceForm(base, { bytes: d.docs.pdf, name: 'feedback-log.pdf', type: 'application/pdf' }),
        },
        { name: 'file evidence without a file', send: withField({ kind: 'file', body: undefined }) },
        {
          name: 'an empty file',
          send: () => fileEvidence({ bytes: Buffer.alloc(0), name: 'empty.pdf', type: 'application/pdf' }),
        },
        {
          name: 'a fake PDF (text renamed .pdf)',
          send: () =>
            fileEvidence({
              bytes: Buffer.from('Just some text, not a PDF.\n'),
              name: 'report.pdf',
              type: 'application/pdf',
            }),
        },
        {
          name: 'a fake .docx (text renamed .docx)',
          send: () => fileEvidence({ bytes: fakeDocx(), name: 'report.docx', type: DOCX_TYPE }),
        },
        {
          name: 'a corrupt .docx (a truncated zip)',
          send: () => fileEvidence({ bytes: truncatedDocx(), name: 'report.docx', type: DOCX_TYPE }),
        },
        {
          name: 'a zip bomb .docx',
          send: () => fileEvidence({ bytes: d.docs.bomb, name: 'report.docx', type: DOCX_TYPE }),
        },
        {
          name: 'a zip bomb .docx whose headers lie about its size',
          send: () => fileEvidence({ bytes: lyingZipBomb(60), name: 'report.docx', type: DOCX_TYPE }),
        },
        {
          name: 'a PDF named .docx',
          send: () => fileEvidence({ bytes: d.docs.pdf, name: 'report.docx', type: DOCX_TYPE }),
        },
        {
          name: `a file over MAX_UPLOAD_MB (${MAX_UPLOAD_MB} MB)`,
          send: () =>
            fileEvidence({
              bytes: Buffer.concat([d.docs.pdf, Buffer.alloc(MAX_UPLOAD_MB * MB)]),
              name: 'big.pdf',
              type: 'application/pdf',
            }),
          status: 413,
        },
        {
          name: 'a 12 MB body',
          send: () =>
            fileEvidence({
              bytes: Buffer.concat([d.docs.pdf, Buffer.alloc(12 * MB)]),
              name: 'huge.pdf',
              type: 'application/pdf',
            }),
          status: 413,
        },
        {
          name: 'invalid UTF-8 in the account',
          send: () =>
            multipart(
              Object.entries({ ...base, body: MARK }).map(([name, value]) => ({
                name,
                value: value === MARK ? withBadBytes(MARK) : value,
              })),
            ),
        },
        { name: 'the wrong Content-Type (JSON)', send: () => jsonSend(base) },
        {
          name: 'a malformed multipart body',
          send: () => ({
            body: '--other-boundary\r\nContent-Disposition: form-data; name="kind"\r\n\r\naccount',
            headers: { 'content-type': 'multipart/form-data; boundary=----bad-input-catalogue-7d1f' },
          }),
        },
        { name: 'an empty body', send: () => ({ headers: { 'content-type': 'multipart/form-data; boundary=x' } }) },
      ];
    },
  },
  {
    route: 'PUT app/api/evidence/[id]/route.ts',
    who: 'learner',
    url: (d) => `/api/evidence/${d.evidenceId}`,
    control: {
      send: (d) =>
        jsonSend({
          version: d.state.evidenceVersion,
          title: 'Customer feedback log',
          occurredOn: today(),
          description: 'The log I keep.',
          criteria: [{ id: CRITERION, note: '' }],
        }),
      after: (body, d) => void (d.state.evidenceVersion = (body as { version: number }).version),
    },
    cases: (d) => {
      const base = () => ({
        version: d.state.evidenceVersion,
        title: 'Customer feedback log',
        occurredOn: today(),
        description: 'The log I keep.',
        criteria: [] as unknown[],
      });
      return [
        ...jsonBodyCases(base, {
          text: 'title',
          optional: ['description', 'criteria'],
          extra: [
            ['a version of 0', { ...base(), version: 0 }],
            ['a 201-character title', { ...base(), title: long(201) }],
            ['a 5,001-character description', { ...base(), description: long(5001) }],
            ['a date that is not a date', { ...base(), occurredOn: '23/11/2026' }],
            ['an unknown criterion', { ...base(), criteria: [{ id: 'no/such/criterion', note: '' }] }],
            ['a 2,001-character criterion note', { ...base(), criteria: [{ id: CRITERION, note: long(2001) }] }],
            [
              '201 criteria',
              { ...base(), criteria: Array.from({ length: 201 }, (_, i) => ({ id: `${CRITERION}${i}`, note: '' })) },
            ],
          ],
        }),
        {
          name: 'SQL as the evidence id',
          send: () => ({ ...jsonSend(base()), url: `/api/evidence/${encodeURIComponent(SQL_ID)}` }),
        },
      ];
    },
  },
  // Phone captures (lib/captures): declared, sent in pieces, then made into evidence; each step refuses bad input with
  // nothing stored.
  {
    route: 'POST app/api/uploads/route.ts',
    who: 'learner',
    url: () => '/api/uploads',
    control: { send: () => jsonSend({ ...captureStart(), idempotencyKey: `control-${crypto.randomUUID()}` }) },
    cases: () => {
      const base = captureStart;
      return jsonBodyCases(base, {
        text: 'fileName',
        extra: [
          ['a photo over its 20 MB limit', { ...base(), size: 21 * MB }],
          [
            'a PDF, which is not a photo, recording or video',
            { ...base(), type: 'application/pdf', fileName: 'a.pdf' },
          ],
          ['an empty file', { ...base(), size: 0 }],
          ['a negative size', { ...base(), size: -5 }],
          ['a size with a fraction', { ...base(), size: 10.5 }],
          ['a checksum that is not a SHA-256', { ...base(), sha256: 'abc' }],
          ['a key with markup', { ...base(), idempotencyKey: SCRIPT }],
          ['a 201-character file name', { ...base(), fileName: long(201) }],
        ],
      });
    },
  },
  {
    route: 'PUT app/api/uploads/[id]/route.ts',
    who: 'learner',
    url: (d) => `/api/uploads/${d.captureUploadId}?offset=0`,
    control: {
      send: (d) => ({ body: new Uint8Array(d.capturePhoto), headers: { 'content-type': 'application/octet-stream' } }),
    },
    cases: (d) => {
      const piece =
        (url: string, body: BodyInit = new Uint8Array(d.capturePhoto), type = 'application/octet-stream') =>
        () => ({
          url,
          body,
          headers: { 'content-type': type },
        });
      const at = `/api/uploads/${d.captureUploadId}`;
      return [
        { name: 'no offset', send: piece(at) },
        { name: 'an offset as text', send: piece(`${at}?offset=start`) },
        { name: 'a negative offset', send: piece(`${at}?offset=-1`) },
        { name: 'an offset past what has arrived', send: piece(`${at}?offset=100`) },
        { name: 'an empty piece', send: piece(`${at}?offset=0`, new Uint8Array(0)) },
        {
          name: 'a piece longer than the file',
          send: piece(`${at}?offset=0`, new Uint8Array(d.capturePhoto.length + 10)),
        },
        { name: 'the piece as JSON', send: piece(`${at}?offset=0`, '{"bytes":[1,2,3]}', 'application/json') },
        { name: 'a 5 MB piece', send: piece(`${at}?offset=0`, new Uint8Array(5 * MB)), status: 413 },
        { name: 'an upload that does not exist', send: piece(`/api/uploads/${uuids(1)[0]}?offset=0`) },
        { name: 'SQL as the upload id', send: piece(`/api/uploads/${encodeURIComponent(SQL_ID)}?offset=0`) },
      ];
    },
  },
  {
    route: 'POST app/api/uploads/[id]/route.ts',
    who: 'learner',
    url: (d) => `/api/uploads/${d.completeCaptureId}`,
    control: { send: () => jsonSend(captureFinish()) },
    cases: () => [
      ...jsonBodyCases(captureFinish, {
        text: 'title',
        optional: ['description', 'criteria'],
        extra: [
          ['a blank title', { ...captureFinish(), title: '   ' }],
          ['a 201-character title', { ...captureFinish(), title: long(201) }],
          ['a date in the future', { ...captureFinish(), occurredOn: '2999-01-01' }],
          ['an unknown criterion', { ...captureFinish(), criteria: [{ id: 'no/such/criterion', note: '' }] }],
        ],
      }),
      {
        name: 'an upload that does not exist',
        send: () => ({ ...jsonSend(captureFinish()), url: `/api/uploads/${uuids(1)[0]}` }),
      },
      {
        name: 'SQL as the upload id',
        send: () => ({ ...jsonSend(captureFinish()), url: `/api/uploads/${encodeURIComponent(SQL_ID)}` }),
      },
    ],
  },
  {
    route: 'PUT app/api/worksheets/[slug]/route.ts',
    who: 'learner',
    url: () => `/api/worksheets/${WORKSHEET}`,
    control: {
      send: (d) =>
        jsonSend({ version: d.state.worksheetVersion.learner ?? 0, answers: { 'contacts-review': 'My answer.' } }),
      after: (body, d) => void (d.state.worksheetVersion.learner = (body as { version: number }).version),
    },
    cases: (d) => {
      const base = () => ({
        version: d.state.worksheetVersion.learner ?? 0,
        answers: { 'contacts-review': 'My answer.' } as Record<string, unknown>,
      });
      return [
        ...jsonBodyCases(base, {
          text: 'answers',
          extra: [
            ['a negative version', { ...base(), version: -1 }],
            ['a version beyond any integer column', { ...base(), version: 2 ** 40 }],
            ['an answer as a number', { ...base(), answers: { 'contacts-review': 42 } }],
            ['a 5,001-character reflection', { ...base(), answers: { 'contacts-review': long(5001) } }],
            ['an unknown section', { ...base(), answers: { pricing: 'hello' } }],
            [
              '31 table rows',
              {
                ...base(),
                answers: { contacts: Array.from({ length: 31 }, (_, i) => ({ id: `r${i}`, cells: { contact: 'x' } })) },
              },
            ],
            ['a row id with markup', { ...base(), answers: { contacts: [{ id: SCRIPT, cells: {} }] } }],
          ],
        }).map((c) =>
          c.name === 'invalid UTF-8 in answers'
            ? // The bad bytes inside an answer, where a person's text goes.
              {
                ...c,
                send: () => ({
                  body: withBadBytes(
                    JSON.stringify({ ...base(), answers: { 'contacts-review': `before ${MARK} after` } }),
                  ),
                  headers: { 'content-type': 'application/json' },
                }),
              }
            : c,
        ),
        {
          name: 'a worksheet that does not exist',
          send: () => ({ ...jsonSend(base()), url: `/api/worksheets/${encodeURIComponent(SQL)}` }),
        },
      ];
    },
  },
  {
    route: 'PUT app/api/reports/draft/route.ts',
    who: 'learner',
    url: () => '/api/reports/draft',
    control: {
      send: (d) =>
        jsonSend({ version: d.state.reportDraftVersion.learner ?? 0, content: d.reportContent, sectionTags: {} }),
      after: (body, d) => void (d.state.reportDraftVersion.learner = (body as { version: number }).version),
    },
    cases: (d) => {
      const base = () => ({
        version: d.state.reportDraftVersion.learner ?? 0,
        content: 'The first paragraph of my report.',
        sectionTags: {} as Record<string, unknown>,
      });
      return jsonBodyCases(base, {
        text: 'content',
        optional: ['sectionTags'],
        extra: [
          ['a negative version', { ...base(), version: -1 }],
          ['a report of 150,001 characters', { ...base(), content: long(150_001, 'a ') }],
          ['a section tag key of 201 characters', { ...base(), sectionTags: { [long(201)]: [] } }],
          [
            '31 tags on one section',
            { ...base(), sectionTags: { Introduction: Array.from({ length: 31 }, (_, i) => `t${i}`) } },
          ],
          [
            '301 tagged sections',
            { ...base(), sectionTags: Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`s${i}`, []])) },
          ],
          ['tags as text', { ...base(), sectionTags: { Introduction: 'ac/1.1' } }],
        ],
      });
    },
  },
  {
    route: 'POST app/api/reports/upload/route.ts',
    who: 'learner',
    url: (d) => `/api/reports/upload?version=${d.state.reportDraftVersion.learner ?? 0}`,
    control: {
      // A different report from version 1, so submitReportAction's own call below has something new to submit.
      send: (d) => ({
        body: new Uint8Array(d.docs.revised),
        headers: { 'content-type': DOCX_TYPE, 'x-file-name': 'report.docx' },
      }),
      after: (body, d) =>
        void (d.state.reportDraftVersion.learner = (body as { draft: { version: number } }).draft.version),
    },
    cases: (d) => {
      const v = d.state.reportDraftVersion.learner ?? 0;
      const file = (bytes: Buffer, name = 'report.docx', type = DOCX_TYPE): Send => ({
        body: new Uint8Array(bytes),
        headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
      });
      return [
        { name: 'missing version', send: () => ({ ...file(d.docs.docx), url: '/api/reports/upload' }) },
        { name: 'version as text', send: () => ({ ...file(d.docs.docx), url: '/api/reports/upload?version=latest' }) },
        { name: 'a negative version', send: () => ({ ...file(d.docs.docx), url: '/api/reports/upload?version=-1' }) },
        {
          name: 'SQL as the version',
          send: () => ({
            ...file(d.docs.docx),
            url: `/api/reports/upload?version=${encodeURIComponent(`${v}; drop table users`)}`,
          }),
        },
        { name: 'a name that is not .docx', send: () => file(d.docs.docx, 'report.pdf') },
        { name: 'an empty file', send: () => file(Buffer.alloc(0)) },
        { name: 'a fake .docx (text renamed .docx)', send: () => file(fakeDocx()) },
        { name: 'a PDF renamed .docx', send: () => file(d.docs.pdf) },
        { name: 'a corrupt .docx (a truncated zip)', send: () => file(truncatedDocx()) },
        { name: 'a zip bomb .docx (200 MB inflated)', send: () => file(d.docs.bomb) },
        { name: 'a zip bomb .docx whose headers lie about its size', send: () => file(lyingZipBomb(50)) },
        { name: 'a 12 MB file', send: () => file(Buffer.concat([d.docs.docx, Buffer.alloc(12 * MB)])), status: 413 },
        {
          name: 'the wrong Content-Type (the document inside a multipart form)',
          send: () => multipart([{ name: 'file', value: d.docs.docx, filename: 'report.docx', type: DOCX_TYPE }]),
        },
      ];
    },
  },

  {
    // A signed learner record from another Criterion (issue 22). The control imports a record this server exported
    // itself, which brings nothing twice (lib/record/import.ts): the import's own row and its audit row are all.
    route: 'POST app/api/admin/records/import/route.ts',
    who: 'admin',
    url: () => '/api/admin/records/import',
    control: { send: (d) => ({ body: new Uint8Array(d.docs.record), headers: { 'content-type': 'application/zip' } }) },
    cases: (d) => {
      const zip = (body: Uint8Array | string): Send => ({
        body: typeof body === 'string' ? body : new Uint8Array(body),
        headers: { 'content-type': 'application/zip' },
      });
      const edit = async (change: (z: JSZip) => Promise<void>) => {
        const z = await JSZip.loadAsync(d.docs.record);
        await change(z);
        return zip(await z.generateAsync({ type: 'uint8array' }));
      };
      return [
        { name: 'an empty body', send: () => zip('') },
        { name: 'text, not a ZIP', send: () => zip('not a record') },
        {
          name: 'a truncated record',
          send: () => zip(new Uint8Array(d.docs.record.subarray(0, d.docs.record.length / 2))),
        },
        {
          name: 'a record with one byte of record.html changed',
          send: () =>
            edit(async (z) => {
              const html = await z.file('record.html')!.async('uint8array');
              html[20] = html[20]! ^ 0x01;
              z.file('record.html', html);
            }),
        },
        { name: 'a record with a file added', send: () => edit(async (z) => void z.file('files/x/extra.txt', 'x')) },
        { name: 'a record with its signature removed', send: () => edit(async (z) => void z.remove('signature.jws')) },
        {
          name: 'a record signed with a key nobody trusts',
          send: () =>
            edit(async (z) => {
              const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
              const manifest = await z.file('manifest.json')!.async('uint8array');
              const [h, , sig] = (
                await new CompactSign(manifest)
                  .setProtectedHeader({ alg: 'EdDSA', kid: 'stranger', typ: 'criterion-record-manifest+jws' })
                  .sign(privateKey)
              ).split('.');
              z.file('signature.jws', `${h}..${sig}`);
            }),
        },
        { name: 'a zip bomb (200 MB inflated)', send: () => zip(new Uint8Array(d.docs.bomb)) },
        { name: 'a zip bomb whose headers lie about its size', send: () => zip(new Uint8Array(lyingZipBomb(50))) },
      ];
    },
  },

  {
    // Every learner's signed record of a cohort in one ZIP (issue 22): a GET, but it writes an audit row, so its
    // refusals are catalogued too. The control downloads the scratch cohort's records (after the snapshot).
    route: 'GET app/api/admin/records/export/route.ts',
    who: 'admin',
    url: (d) => `/api/admin/records/export?cohort=${d.scratchCohortId}`,
    control: { send: () => ({}) },
    cases: (d) => {
      const at = (query: string): Send => ({ url: `/api/admin/records/export${query}` });
      return [
        { name: 'no cohort', send: () => at(''), status: 400 },
        { name: 'an empty cohort', send: () => at('?cohort='), status: 400 },
        { name: 'a cohort that is not an id', send: () => at('?cohort=Spring%202026'), status: 400 },
        { name: 'SQL-looking text as the cohort', send: () => at(`?cohort=${encodeURIComponent(SQL)}`), status: 400 },
        { name: 'a cohort id that is no cohort', send: () => at(`?cohort=${crypto.randomUUID()}`), status: 404 },
        {
          name: 'a very long cohort',
          send: () => at(`?cohort=${'a'.repeat(5000)}`),
          status: 400,
        },
        { name: 'two cohorts', send: () => at(`?cohort=${d.scratchCohortId}x`), status: 400 },
      ];
    },
  },

  // ---- server actions ----
  {
    action: actionKey(ADMIN, 'createAccountAction'),
    who: 'admin',
    at: () => '/admin/accounts/new',
    text: 'name',
    optional: ['password'],
    base: () => ({
      name: 'Bad Input Person',
      email: 'bad.input.person@example.org',
      role: 'learner',
      password: 'a-long-password-123',
    }),
    extra: () => {
      const b = {
        name: 'Bad Input Person',
        email: 'bad.input.person@example.org',
        role: 'learner',
        password: 'a-long-password-123',
      };
      return [
        ['a blank name', { ...b, name: '   ' }],
        ['a 121-character name', { ...b, name: long(121) }],
        ['a 255-character email', { ...b, email: `${long(243)}@example.org` }],
        ['SQL as the email', { ...b, email: SQL }],
        ['an email that is taken', { ...b, email: 'learner@example.com' }],
        ['an unknown role', { ...b, role: 'superuser' }],
        ['a short password', { ...b, password: 'short' }],
        ['a 201-character password', { ...b, password: long(201) }],
      ];
    },
  },
  {
    action: actionKey(ADMIN, 'setActiveAction'),
    who: 'admin',
    at: () => '/admin/accounts/new',
    text: 'userId',
    base: (d) => ({ userId: d.scratchLearnerId, active: 'true' }),
    extra: (d) => [
      ['active as "maybe"', { userId: d.scratchLearnerId, active: 'maybe' }],
      ['an account that does not exist', { userId: uuids(1)[0], active: 'true' }],
    ],
  },
  {
    // Erasing a learner (issue 22): the accepted call erases a learner made for it.
    action: actionKey(ADMIN, 'eraseLearnerAction'),
    who: 'admin',
    at: (d) => `/admin/accounts/${d.erasableLearner.id}`,
    text: 'reason',
    base: eraseBase,
    extra: (d) => [
      ['an address that is not the learner’s', { ...eraseBase(d), confirmation: 'someone.else@authz.example' }],
      ['an empty confirmation', { ...eraseBase(d), confirmation: '' }],
      ['a blank reason', { ...eraseBase(d), reason: '   ' }],
      ['a 501-character reason', { ...eraseBase(d), reason: long(501) }],
      ['a 255-character confirmation', { ...eraseBase(d), confirmation: long(255) }],
      ['an account that does not exist', { ...eraseBase(d), learnerId: uuids(1)[0] }],
      ['a member of staff', { ...eraseBase(d), learnerId: d.ids.assessor }],
    ],
  },
  {
    action: actionKey(ADMIN, 'resetPasswordAction'),
    who: 'admin',
    at: () => '/admin/accounts/new',
    text: 'password',
    optional: ['password'],
    base: (d) => ({ userId: d.scratchLearnerId, password: 'another-password-123' }),
    extra: (d) => [
      ['a short password', { userId: d.scratchLearnerId, password: 'abc' }],
      ['a 201-character password', { userId: d.scratchLearnerId, password: long(201) }],
    ],
  },
  {
    action: actionKey(ADMIN, 'createCohortAction'),
    who: 'admin',
    at: () => '/admin/cohorts',
    text: 'name',
    base: () => ({ name: 'Bad input cohort' }),
    extra: () => [
      ['a blank name', { name: '  ' }],
      ['a 121-character name', { name: long(121) }],
      ['a name that is taken', { name: 'Authorization matrix scratch cohort' }],
    ],
  },
  {
    action: actionKey(ADMIN, 'addMembersAction'),
    who: 'admin',
    at: () => '/admin/cohorts',
    text: 'cohortId',
    base: (d) => ({ cohortId: d.scratchCohortId, learnerIds: [d.scratchLearnerId] }),
    extra: (d) => [
      ['no learners', { cohortId: d.scratchCohortId, learnerIds: [] }],
      ['1,001 learners', { cohortId: d.scratchCohortId, learnerIds: uuids(1001) }],
      ['a learner id that is not an id', { cohortId: d.scratchCohortId, learnerIds: [SQL_ID] }],
      ['a staff member as a learner', { cohortId: d.scratchCohortId, learnerIds: [d.ids.coach] }],
    ],
  },
  {
    action: actionKey(ADMIN, 'removeMemberAction'),
    who: 'admin',
    at: () => '/admin/cohorts',
    text: 'cohortId',
    base: (d) => ({ cohortId: d.scratchCohortId, learnerId: d.scratchLearnerId }),
  },
  {
    action: actionKey(ADMIN, 'assignStaffAction'),
    who: 'admin',
    at: () => '/admin/accounts/new',
    text: 'staffId',
    base: (d) => ({ staffId: d.ids.otherCoach, learnerId: d.scratchLearnerId }),
    extra: (d) => [
      [
        'both a learner and a cohort',
        { staffId: d.ids.otherCoach, learnerId: d.scratchLearnerId, cohortId: d.scratchCohortId },
      ],
      ['a learner as the staff member', { staffId: d.ids.learner2, learnerId: d.scratchLearnerId }],
    ],
  },
  {
    action: actionKey(ADMIN, 'unassignStaffAction'),
    who: 'admin',
    at: () => '/admin/accounts/new',
    text: 'staffId',
    base: (d) => ({ staffId: d.ids.otherCoach, learnerId: d.scratchLearnerId, staffRole: 'coach' }),
    extra: (d) => [
      ['an unknown staff role', { staffId: d.ids.otherCoach, learnerId: d.scratchLearnerId, staffRole: 'admin' }],
    ],
  },
  {
    action: actionKey(ADMIN, 'enrolAction'),
    who: 'admin',
    at: () => '/admin/accounts/new',
    text: 'learnerId',
    base: (d) => ({ learnerId: d.scratchLearnerId, moduleSlugs: [CRITERION_MODULE] }),
    extra: (d) => [
      ['no modules', { learnerId: d.scratchLearnerId, moduleSlugs: [] }],
      ['a module that does not exist', { learnerId: d.scratchLearnerId, moduleSlugs: ['no-such-module'] }],
      ['a 10,000-character module', { learnerId: d.scratchLearnerId, moduleSlugs: [long(10_000)] }],
      ['a staff member as the learner', { learnerId: d.ids.assessor, moduleSlugs: [CRITERION_MODULE] }],
    ],
  },
  {
    action: actionKey(ADMIN, 'unenrolAction'),
    who: 'admin',
    at: () => '/admin/accounts/new',
    text: 'moduleSlug',
    base: (d) => ({ learnerId: d.scratchLearnerId, moduleSlug: CRITERION_MODULE }),
    extra: (d) => [
      ['an empty module', { learnerId: d.scratchLearnerId, moduleSlug: '' }],
      ['a 10,000-character module', { learnerId: d.scratchLearnerId, moduleSlug: long(10_000) }],
    ],
  },
  ...(['previewImportAction', 'importAction'] as const).map((name): ActionEntry => ({
    action: actionKey(ADMIN, name),
    who: 'admin',
    at: () => '/admin/import',
    text: 'csv',
    base: () => ({
      csv: `name,email,cohort,modules\nBad Input Import,bad.input.import@example.org,Bad input import,${CRITERION_MODULE}\n`,
    }),
    extra: () => [
      ['a file over 2 MB', { csv: `name,email,cohort,modules\n${long(2_000_001)}` }],
      ['an unterminated quote', { csv: 'name,email,cohort,modules\n"Ann,ann@example.org,,\n' }],
      ['no rows', { csv: 'name,email,cohort,modules\n' }],
      ['a missing column', { csv: 'name,cohort\nAnn,Bad input import\n' }],
      ['an invalid email', { csv: `name,email,cohort,modules\nAnn,${SQL},Bad input import,${CRITERION_MODULE}\n` }],
      [
        'a 121-character name',
        { csv: `name,email,cohort,modules\n${long(121)},ann.long@example.org,Bad input import,${CRITERION_MODULE}\n` },
      ],
      [
        'an unknown module',
        { csv: 'name,email,cohort,modules\nAnn,ann.unknown@example.org,Bad input import,no-such-module\n' },
      ],
      [
        'an email that is taken',
        { csv: `name,email,cohort,modules\nAmira,learner@example.com,Bad input import,${CRITERION_MODULE}\n` },
      ],
      [
        '501 rows',
        {
          csv: `name,email,cohort,modules\n${Array.from({ length: 501 }, (_, i) => `P${i},p${i}@bulk.example.org,Bad input import,${CRITERION_MODULE}`).join('\n')}\n`,
        },
      ],
    ],
    // The preview's job is to list the problems: a refusal is its data saying not ok, with readable reasons.
    refusedInData:
      name === 'previewImportAction'
        ? (data) => {
            const p = data as { ok?: boolean; errors?: string[] };
            if (p.ok !== false || !p.errors?.length)
              return `the preview did not refuse it: ${JSON.stringify(data).slice(0, 200)}`;
            return p.errors.map(unclear).find(Boolean) ?? null;
          }
        : undefined,
  })),
  {
    action: actionKey('app/(app)/learners/[learnerId]/actions.ts', 'judgeCriterion'),
    who: 'assessor',
    at: (d) => `/learners/${d.ids.learner}`,
    text: 'feedback',
    optional: ['evidenceIds'],
    base: (d) => ({
      learnerId: d.ids.learner,
      criterionId: CRITERION,
      outcome: 'not_yet_met',
      feedback: 'Say which entries show it.',
      evidenceIds: [],
    }),
    extra: (d) => {
      const b = {
        learnerId: d.ids.learner,
        criterionId: CRITERION,
        outcome: 'not_yet_met',
        feedback: 'Say which entries show it.',
        evidenceIds: [] as string[],
      };
      return [
        ['an unknown outcome', { ...b, outcome: 'excellent' }],
        ['a 5,001-character feedback', { ...b, feedback: long(5001) }],
        ['blank feedback on not yet met', { ...b, feedback: '   ' }],
        ['met without evidence', { ...b, outcome: 'met', evidenceIds: [] }],
        ['evidence that is not mapped', { ...b, outcome: 'met', evidenceIds: uuids(1) }],
        ['101 pieces of evidence', { ...b, evidenceIds: uuids(101) }],
        ['a 201-character criterion', { ...b, criterionId: long(201) }],
        ['an unknown criterion', { ...b, criterionId: 'no/such/criterion' }],
        ['SQL as the criterion', { ...b, criterionId: SQL }],
        ['a module instead of a criterion', { ...b, criterionId: CRITERION_MODULE }],
        ['seenSeq as text', { ...b, seenSeq: 'latest' }],
        ['a negative seenSeq', { ...b, seenSeq: -1 }],
      ];
    },
  },
  {
    action: actionKey('app/(app)/reports/[learnerId]/actions.ts', 'saveAssessmentAction'),
    who: 'assessor',
    at: (d) => `/reports/${d.ids.learner}`,
    text: 'versionId',
    base: (d) => ({ learnerId: d.ids.learner, versionId: d.reportVersionId, version: 0, data: completeAssessment() }),
    extra: (d) => {
      const b = { learnerId: d.ids.learner, versionId: d.reportVersionId, version: 0, data: completeAssessment() };
      return [
        ['a negative version', { ...b, version: -1 }],
        ['20,001 characters of overall feedback', { ...b, data: { ...b.data, feedback: long(20_001) } }],
        [
          'an unknown outcome for a criterion',
          { ...b, data: { ...b.data, acs: { 'u306/ac/1.1': { outcome: 'great' } } } },
        ],
        ['an unknown range answer', { ...b, data: { ...b.data, range: { x: 'maybe' } } }],
        [
          'a discussion date that is not a date',
          { ...b, data: { ...b.data, discussion: { heldOn: 'last week', acIds: [], notes: '' } } },
        ],
        [
          '51 criteria discussed',
          {
            ...b,
            data: {
              ...b.data,
              discussion: { heldOn: '', acIds: Array.from({ length: 51 }, (_, i) => `ac${i}`), notes: '' },
            },
          },
        ],
        ['feedback as a number', { ...b, data: { ...b.data, feedback: 42 } }],
        ['a version of the report that does not exist', { ...b, versionId: uuids(1)[0] }],
      ];
    },
  },
  {
    action: actionKey('app/(app)/reports/[learnerId]/actions.ts', 'decideAction'),
    who: 'assessor',
    at: (d) => `/reports/${d.ids.learner}`,
    text: 'contentHash',
    optional: ['declared'],
    base: (d) => ({
      learnerId: d.ids.learner,
      versionId: d.reportVersionId,
      contentHash: d.reportHash,
      outcome: 'referred',
      data: completeAssessment(),
      declared: true,
    }),
    extra: (d) => {
      const b = {
        learnerId: d.ids.learner,
        versionId: d.reportVersionId,
        contentHash: d.reportHash,
        outcome: 'referred',
        data: completeAssessment(),
        declared: true,
      };
      return [
        ['an unknown outcome', { ...b, outcome: 'approved' }],
        ['a hash that is not a hash', { ...b, contentHash: SQL }],
        ['the hash of other text', { ...b, contentHash: '0'.repeat(64) }],
        ['20,001 characters of feedback', { ...b, data: { ...b.data, feedback: long(20_001) } }],
        ['sign-off without the declaration', { ...b, outcome: 'signed_off', declared: false }],
      ];
    },
  },
  {
    action: actionKey('app/(app)/hand-ins/[submissionId]/actions.ts', 'postComment'),
    who: 'coach',
    at: (d) => `/hand-ins/${d.submissionId}`,
    text: 'body',
    form: true,
    optional: ['sectionId'],
    base: (d) => ({
      submissionId: d.submissionId,
      sectionId: 'contacts-review',
      body: 'Which contact point do customers use most?',
    }),
    extra: (d) => {
      const b = {
        submissionId: d.submissionId,
        sectionId: 'contacts-review',
        body: 'Which contact point do customers use most?',
      };
      return [
        ['a blank comment', { ...b, body: '   ' }],
        ['a 5,001-character comment', { ...b, body: long(5001) }],
        ['a 50,001-character comment', { ...b, body: long(50_001) }],
        ['an unknown section', { ...b, sectionId: 'pricing' }],
        ['a 65-character section', { ...b, sectionId: long(65) }],
        ['a hand-in that does not exist', { ...b, submissionId: uuids(1)[0] }],
        ['a 65-character hand-in id', { ...b, submissionId: long(65) }],
      ];
    },
  },
  {
    action: actionKey('app/(app)/evidence/[id]/actions.ts', 'respondToJudgementAction'),
    who: 'learner',
    at: (d) => `/evidence/${d.evidenceId}`,
    text: 'note',
    base: (d) => ({ judgementId: d.judgementId, note: 'Entries 3 and 7 show it.' }),
    extra: (d) => [
      ['a blank response', { judgementId: d.judgementId, note: '  ' }],
      ['a 5,001-character response', { judgementId: d.judgementId, note: long(5001) }],
      ['a judgement that does not exist', { judgementId: uuids(1)[0], note: 'Hello' }],
      ['a 10,000-character judgement id', { judgementId: long(10_000), note: 'Hello' }],
    ],
  },
  {
    action: actionKey('app/(app)/learner/report/actions.ts', 'submitReportAction'),
    who: 'learner',
    at: () => '/learner/report',
    text: 'draftVersion',
    base: (d) => ({ draftVersion: d.state.reportDraftVersion.learner ?? 1, declared: true }),
    // Her report was referred back just above (decideAction's own call), so this draft goes in as version 2.
    extra: (d) => [
      ['without the declaration', { draftVersion: d.state.reportDraftVersion.learner ?? 1, declared: false }],
      ['a version of 0', { draftVersion: 0, declared: true }],
      ['a version far ahead', { draftVersion: 1_000_000, declared: true }],
    ],
  },
  {
    // Confirm-all (issue 24), on a report of its own (Carla's, made by `prepare`: every criterion linked, submitted and
    // waiting for Amira's assessor), so its control call's sign-off leaves Amira's report open for what follows.
    action: actionKey('app/(app)/reports/[learnerId]/actions.ts', 'confirmAllAction'),
    who: 'assessor',
    at: () => `/reports/${confirmAllReport!.learnerId}`,
    text: 'contentHash',
    prepare: async (d) => {
      const content = reportWithCountedWords(3300, { seed: 5 });
      const count = countReport(content, UNIT_RULES);
      const tags = linkedSectionTags(content);
      const [learner] = await sql!<{ id: string }[]>`
        insert into users (email, name, role) values ('confirm.all@authz.example', 'Carla Confirm', 'learner') returning id`;
      const learnerId = learner!.id;
      await sql!`insert into staff_assignments (learner_id, staff_id, staff_role) values (${learnerId}, ${d.ids.assessor}, 'assessor')`;
      await sql!`insert into enrolments (learner_id, module_slug) values (${learnerId}, ${REPORT_MODULE})`;
      const [draft] = await sql!<{ id: string; version: number }[]>`
        insert into report_drafts (learner_id, module_slug, content, section_tags)
        values (${learnerId}, ${REPORT_MODULE}, ${content}, ${sql!.json(tags)}) returning id, version`;
      const [version] = await sql!<{ id: string; hash: string }[]>`
        insert into report_versions (learner_id, module_slug, number, draft_id, draft_version, content, content_hash,
          total_words, counted_words, excluded, section_tags, declaration, submitted_by)
        values (${learnerId}, ${REPORT_MODULE}, 1, ${draft!.id}, ${draft!.version}, ${content},
          encode(sha256(convert_to(${content}, 'UTF8')), 'hex'), ${count.total}, ${count.counted},
          ${sql!.json(count.excluded)}, ${sql!.json(tags)}, 'I declare that this report is my own work.', ${learnerId})
        returning id, content_hash as hash`;
      confirmAllReport = { learnerId, versionId: version!.id, contentHash: version!.hash };
    },
    base: () => ({
      learnerId: confirmAllReport!.learnerId,
      versionId: confirmAllReport!.versionId,
      contentHash: confirmAllReport!.contentHash,
      data: completeAssessment(),
      declared: true,
    }),
    extra: () => {
      const b = {
        learnerId: confirmAllReport!.learnerId,
        versionId: confirmAllReport!.versionId,
        contentHash: confirmAllReport!.contentHash,
        data: completeAssessment(),
        declared: true,
      };
      const [first] = Object.keys(b.data.acs);
      return [
        ['without the declaration', { ...b, declared: false }],
        ['a hash that is not a hash', { ...b, contentHash: SQL }],
        ['the hash of other text', { ...b, contentHash: '0'.repeat(64) }],
        ['a version of the report that does not exist', { ...b, versionId: uuids(1)[0] }],
        [
          'a criterion not yet met',
          { ...b, data: { ...b.data, acs: { ...b.data.acs, [first!]: { outcome: 'not_yet_met' } } } },
        ],
        ['the range left unmarked', { ...b, data: { ...b.data, range: {} } }],
        [
          'an unknown criterion',
          { ...b, data: { ...b.data, acs: { ...b.data.acs, 'no/such/criterion': { outcome: 'met' } } } },
        ],
        ['20,001 characters of feedback', { ...b, data: { ...b.data, feedback: long(20_001) } }],
      ];
    },
  },
  {
    action: actionKey('app/(app)/worksheets/[slug]/actions.ts', 'handInWorksheet'),
    who: 'learner',
    at: () => `/worksheets/${WORKSHEET}`,
    text: 'slug',
    // A hand-in of answers other than the saved ones is refused (409) and the refusal audited (lib/worksheets/submissions.ts).
    auditedRefusals: { actions: ['worksheet.submit_refused'], why: 'a stale hand-in is recorded' },
    base: (d) => ({ slug: WORKSHEET, version: d.state.worksheetVersion.learner ?? 1 }),
    extra: (d) => [
      ['a version of 0', { slug: WORKSHEET, version: 0 }],
      ['a version far ahead', { slug: WORKSHEET, version: 1_000_000 }],
      ['a 201-character worksheet', { slug: long(201), version: d.state.worksheetVersion.learner ?? 1 }],
      ['a worksheet that does not exist', { slug: 'no-such-worksheet', version: 1 }],
      ['a path as the worksheet', { slug: '../../etc/passwd', version: 1 }],
      ['a module that is not a worksheet', { slug: REPORT_MODULE, version: 1 }],
    ],
  },
  // Quality assurance (issue 20): the cohort's IQA draws a sample and records a verdict; an admin names IQAs.
  {
    action: actionKey(QUALITY, 'drawSampleAction'),
    who: 'iqa',
    at: () => '/quality',
    text: 'seed',
    optional: ['seed'],
    base: (d) => ({ cohortId: d.demoCohortId, from: today(), to: today(), seed: 'bad-input' }),
    extra: (d) => {
      const b = { cohortId: d.demoCohortId, from: today(), to: today(), seed: 'bad-input' };
      return [
        ['a period that ends before it starts', { ...b, from: '2026-12-31', to: '2026-01-01' }],
        ['a day that does not exist', { ...b, from: '2026-02-30' }],
        ['a date in words', { ...b, to: 'next Tuesday' }],
        ['a 101-character seed', { ...b, seed: long(101) }],
        // A cohort she does not quality-assure (or none) is a permission refusal (403): the matrix's business.
      ];
    },
  },
  {
    // The plan editor's form: percentages and whole numbers as typed, a tick per optional rule, a choice per dimension.
    action: actionKey(QUALITY, 'savePlanAction'),
    who: 'iqa',
    at: () => '/quality',
    text: 'name',
    optional: [
      'signOffRate',
      'newAssessor',
      'newAssessorFirst',
      'newAssessorRate',
      'afterDisagreement',
      'afterDisagreementFor',
      'afterDisagreementRate',
      'modules',
    ],
    base: (d) => planForm(d),
    extra: (d) => {
      const b = planForm(d);
      return [
        ['a rate over 100%', { ...b, standardRate: '150' }],
        ['a negative rate', { ...b, standardRate: '-5' }],
        ['a rate in words', { ...b, signOffRate: 'ten percent' }],
        ['a rate with two decimal places', { ...b, newAssessorRate: '12.55' }],
        ['a ticked rule without its number', { ...b, newAssessorFirst: '' }],
        ['10,001 first decisions', { ...b, newAssessorFirst: '10001' }],
        ['a fraction of a decision', { ...b, afterDisagreementFor: '2.5' }],
        ['a tick that is not a tick', { ...b, afterDisagreement: 'yes' }],
        ['an unknown coverage choice', { ...b, coverMethod: 'always' }],
        ['a module that does not exist', { ...b, modules: ['no-such-module'] }],
        ['101 modules', { ...b, modules: Array.from({ length: 101 }, (_, i) => `module-${i}`) }],
        ['a 201-character name', { ...b, name: long(201) }],
        ['a version that is not the newest', { ...b, basedOnVersion: '0' }],
        ['a version in words', { ...b, basedOnVersion: 'latest' }],
        ['a field the form does not have', { ...b, rules: '{"standardRate":1}' }],
      ];
    },
    after: (data, d) => void (d.state.qaPlanVersion = (data as { version: number }).version),
  },
  {
    action: actionKey(QUALITY, 'recordDecisionAction'),
    who: 'iqa',
    at: (d) => `/quality/items/${d.qaItemId}`,
    text: 'feedback',
    optional: ['actionText'],
    base: (d) => ({
      itemId: d.qaItemId,
      verdict: 'disagree',
      feedback: 'Say which log entries show it.',
      actionText: ['Re-judge with the entries cited.'],
      actionDue: [today()],
    }),
    extra: (d) => {
      const b = {
        itemId: d.qaItemId,
        verdict: 'disagree',
        feedback: 'Say which log entries show it.',
        actionText: ['Re-judge with the entries cited.'],
        actionDue: [today()],
      };
      return [
        ['an unknown verdict', { ...b, verdict: 'maybe' }],
        ['a disagreement without feedback', { ...b, feedback: '   ' }],
        ['a 5,001-character feedback', { ...b, feedback: long(5001) }],
        ['an action without a due date', { ...b, actionDue: [''] }],
        ['an action due on a day that does not exist', { ...b, actionDue: ['2026-02-30'] }],
        ['a 2,001-character action', { ...b, actionText: [long(2001)] }],
        [
          '21 actions',
          {
            ...b,
            actionText: Array.from({ length: 21 }, (_, i) => `Action ${i}`),
            actionDue: Array.from({ length: 21 }, () => today()),
          },
        ],
        ['replacing a verdict that does not exist', { ...b, supersedesId: uuids(1)[0] }],
        ['an item that does not exist', { ...b, itemId: uuids(1)[0] }],
      ];
    },
    after: (data, d) => void (d.state.qaActionId = (data as { actionIds: string[] }).actionIds[0]),
  },
  {
    // The assessor whose decision was sampled answers the action the verdict above set, before the IQA closes it.
    action: actionKey(QUALITY, 'respondToActionAction'),
    who: 'assessor',
    at: () => '/quality/feedback',
    text: 'text',
    base: (d) => ({ actionId: d.state.qaActionId, text: 'Asked Amira which entries; re-judged with them cited.' }),
    extra: (d) => [
      ['an empty response', { actionId: d.state.qaActionId, text: '   ' }],
      ['a 5,001-character response', { actionId: d.state.qaActionId, text: long(5001) }],
      ['an action that does not exist', { actionId: uuids(1)[0], text: 'Done.' }],
    ],
  },
  {
    // Ben's sign-off (the matrix setup's): the IQA countersigns it, binding the version hash she was shown.
    action: actionKey(QUALITY, 'countersignAction'),
    who: 'iqa',
    at: (d) => `/quality/sign-offs/${d.signOffId}`,
    text: 'contentHash',
    optional: ['declared'],
    base: (d) => ({ reportDecisionId: d.signOffId, contentHash: d.signOffHash, declared: 'on' }),
    extra: (d) => [
      ['a hash that is not a hash', { reportDecisionId: d.signOffId, contentHash: SQL, declared: 'on' }],
      ['the hash of other text', { reportDecisionId: d.signOffId, contentHash: '0'.repeat(64), declared: 'on' }],
      ['a sign-off that does not exist', { reportDecisionId: uuids(1)[0], contentHash: d.signOffHash, declared: 'on' }],
    ],
  },
  {
    action: actionKey(ADMIN, 'saveQaSettingsAction'),
    who: 'admin',
    at: () => '/admin/cohorts',
    text: 'countersignRequired',
    optional: ['countersignRequired', 'showReviewToLearners'],
    base: (d) => ({ cohortId: d.scratchCohortId, countersignRequired: 'on', showReviewToLearners: 'on' }),
    extra: () => [
      ['a cohort that does not exist', { cohortId: uuids(1)[0], countersignRequired: 'on', showReviewToLearners: '' }],
    ],
  },
  {
    // The action the verdict above set (its control call): closed by the control call here.
    action: actionKey(QUALITY, 'closeActionAction'),
    who: 'iqa',
    at: (d) => `/quality/items/${d.qaItemId}`,
    text: 'note',
    optional: ['note'],
    base: (d) => ({ actionId: d.state.qaActionId, note: 'Re-judged with the entries cited.' }),
    extra: (d) => [
      ['a 2,001-character note', { actionId: d.state.qaActionId, note: long(2001) }],
      ['an action that does not exist', { actionId: uuids(1)[0], note: '' }],
    ],
  },
  {
    action: actionKey(ADMIN, 'assignIqaAction'),
    who: 'admin',
    at: () => '/admin/cohorts',
    text: 'iqaId',
    base: (d) => ({ iqaId: d.ids.otherAssessor, cohortId: d.scratchCohortId }),
    extra: (d) => [
      ['a learner as the IQA', { iqaId: d.ids.learner2, cohortId: d.scratchCohortId }],
      ['an account that does not exist', { iqaId: uuids(1)[0], cohortId: d.scratchCohortId }],
      ['a cohort that does not exist', { iqaId: d.ids.otherAssessor, cohortId: uuids(1)[0] }],
    ],
  },
  {
    action: actionKey(ADMIN, 'unassignIqaAction'),
    who: 'admin',
    at: () => '/admin/cohorts',
    text: 'iqaId',
    base: (d) => ({ iqaId: d.ids.otherAssessor, cohortId: d.scratchCohortId }),
  },
  // External quality assurance (issue 20): an administrator creates a visit (the assurer's account with it), shares a
  // drawn sample with it, stops sharing it, and ends it. The control call of the first makes the visit the others use.
  {
    action: actionKey(EQA_ADMIN, 'createEqaVisitAction'),
    who: 'admin',
    at: () => '/admin/eqa',
    text: 'organisation',
    base: () => eqaVisit,
    extra: () => [
      ['a last day before the first', { ...eqaVisit, startsOn: ukDay(3), endsOn: ukDay(1) }],
      ['a visit of 93 days', { ...eqaVisit, endsOn: ukDay(93) }],
      ['a day that does not exist', { ...eqaVisit, startsOn: '2026-02-30' }],
      ['a date in words', { ...eqaVisit, endsOn: 'next Tuesday' }],
      ['a visit already over', { ...eqaVisit, startsOn: ukDay(-5), endsOn: ukDay(-2) }],
      ['an email that already has an account', { ...eqaVisit, email: 'learner@example.com' }],
      ['an email that is not one', { ...eqaVisit, email: 'assurer at awarding body' }],
      ['a 121-character name', { ...eqaVisit, name: long(121) }],
      ['an awarding body of spaces', { ...eqaVisit, organisation: '   ' }],
      ['a 201-character awarding body', { ...eqaVisit, organisation: long(201) }],
    ],
    after: (data, d) => void (d.state.scratchVisitId = (data as { visitId: string }).visitId),
  },
  {
    action: actionKey(EQA_ADMIN, 'shareSampleAction'),
    who: 'admin',
    at: () => '/admin/eqa',
    text: 'sampleId',
    base: (d) => ({ visitId: d.state.scratchVisitId, sampleId: d.eqaSampleId }),
    extra: (d) => [
      ['a sample that does not exist', { visitId: d.state.scratchVisitId, sampleId: uuids(1)[0] }],
      ['a visit that does not exist', { visitId: uuids(1)[0], sampleId: d.eqaSampleId }],
    ],
  },
  {
    action: actionKey(EQA_ADMIN, 'unshareSampleAction'),
    who: 'admin',
    at: () => '/admin/eqa',
    text: 'sampleId',
    base: (d) => ({ visitId: d.state.scratchVisitId, sampleId: d.eqaSampleId }),
    extra: (d) => [['a visit that does not exist', { visitId: uuids(1)[0], sampleId: d.eqaSampleId }]],
  },
  {
    action: actionKey(EQA_ADMIN, 'endEqaVisitAction'),
    who: 'admin',
    at: () => '/admin/eqa',
    text: 'visitId',
    base: (d) => ({ visitId: d.state.scratchVisitId }),
    extra: () => [['a visit that does not exist', { visitId: uuids(1)[0] }]],
  },
  // Progress reviews (issue 21). The amendment comes first: its control call opens the draft the next entries use.
  {
    action: actionKey(REVIEWS, 'amendReviewAction'),
    who: 'coach',
    at: (d) => `/reviews/${d.reviewId}`,
    text: 'reviewId',
    base: (d) => ({ reviewId: d.reviewId }),
    extra: () => [['a review that does not exist', { reviewId: uuids(1)[0] }]],
    after: (data, d) => {
      d.state.draftReviewId = (data as { id: string }).id;
      d.state.draftReviewVersion = 1;
    },
  },
  {
    route: 'PUT app/api/reviews/[reviewId]/route.ts',
    who: 'coach',
    url: (d) => `/api/reviews/${d.state.draftReviewId}`,
    control: {
      send: (d) => jsonSend({ version: d.state.draftReviewVersion, content: reviewContent() }),
      after: (body, d) => void (d.state.draftReviewVersion = (body as { version: number }).version),
    },
    cases: (d) => {
      const base = () => ({ version: d.state.draftReviewVersion, content: reviewContent() as Record<string, unknown> });
      const content = (patch: Record<string, unknown>) => ({ ...base(), content: { ...reviewContent(), ...patch } });
      const target = (patch: Record<string, unknown>) =>
        content({ targets: [{ ...reviewContent().targets[0], ...patch }] });
      return [
        ...jsonBodyCases(base, {
          text: 'content',
          extra: [
            ['a version of 0', { ...base(), version: 0 }],
            ['a version far ahead', { ...base(), version: 1_000_000 }],
            ['a version as text', { ...base(), version: '2' }],
            ['no held-on date', content({ heldOn: '' })],
            ['a held-on day that does not exist', content({ heldOn: '2026-02-30' })],
            ['a 5,001-character progress', content({ progress: long(5001) })],
            ['what went well as a number', content({ wentWell: 42 })],
            ['a 1,001-character target', target({ text: long(1001) })],
            ['a target due on a day in words', target({ dueOn: 'next Friday' })],
            ['a target without a key', target({ key: undefined })],
            ['a target key that is not an id', target({ key: SQL_ID })],
            ['a target linked to an unknown criterion', target({ criterionId: 'no/such/criterion' })],
            ['a target linked to an unknown module', target({ moduleSlug: 'no-such-module' })],
            ['a target linked to a path', target({ moduleSlug: '../../etc/passwd' })],
            [
              '21 targets',
              content({
                targets: Array.from({ length: 21 }, () => ({
                  ...reviewContent().targets[0],
                  key: crypto.randomUUID(),
                })),
              }),
            ],
            ['targets as text', content({ targets: 'Keep the log' })],
          ],
        }),
        {
          name: 'a review that does not exist',
          send: () => ({ ...jsonSend(base()), url: `/api/reviews/${uuids(1)[0]}` }),
        },
        {
          name: 'SQL as the review id',
          send: () => ({ ...jsonSend(base()), url: `/api/reviews/${encodeURIComponent(SQL_ID)}` }),
        },
      ];
    },
  },
  {
    // Amira signs the draft as saved above (her coach has not: it stays open for the calls after it).
    action: actionKey(REVIEWS, 'signReviewAction'),
    who: 'learner',
    at: (d) => `/reviews/${d.state.draftReviewId}`,
    text: 'reviewId',
    base: (d) => ({ reviewId: d.state.draftReviewId, version: d.state.draftReviewVersion, declared: true }),
    extra: (d) => {
      const b = { reviewId: d.state.draftReviewId, version: d.state.draftReviewVersion, declared: true };
      return [
        ['not declared', { ...b, declared: false }],
        ['declared as text', { ...b, declared: 'yes' }],
        ['a version of 0', { ...b, version: 0 }],
        ['a version that is not the current one', { ...b, version: 1_000_000 }],
        ['a review that does not exist', { ...b, reviewId: uuids(1)[0] }],
      ];
    },
  },
  {
    // Her coach asks an employer to sign the draft by single-use link; the control call's link is signed below.
    action: actionKey(REVIEWS, 'askEmployerToSignAction'),
    who: 'coach',
    at: (d) => `/reviews/${d.state.draftReviewId}`,
    text: 'name',
    optional: ['role'],
    base: (d) => ({ reviewId: d.state.draftReviewId, ...EMPLOYER }),
    extra: (d) => {
      const b = { reviewId: d.state.draftReviewId, ...EMPLOYER };
      return [
        ['a blank name', { ...b, name: '   ' }],
        ['a 201-character name', { ...b, name: long(201) }],
        ['a 201-character role', { ...b, role: long(201) }],
        ['an email address without a domain', { ...b, email: 'pat' }],
        ['a blank email address', { ...b, email: '' }],
        ['a review that does not exist', { ...b, reviewId: uuids(1)[0] }],
      ];
    },
    after: (data, d) => void (d.state.employerToken = (data as { url: string }).url.split('/confirm/')[1]),
  },
  {
    // The employer, with no account, signs through that link.
    action: actionKey(CONFIRM, 'signByLinkAction'),
    who: 'anonymous',
    at: (d) => `/confirm/${d.state.employerToken}`,
    text: 'name',
    base: (d) => ({ token: d.state.employerToken, name: 'Pat Morgan', declared: true }),
    extra: (d) => {
      const b = { token: d.state.employerToken!, name: 'Pat Morgan', declared: true };
      return [
        ['not declared', { ...b, declared: false }],
        ['declared as other text', { ...b, declared: 'yes' }],
        ['a blank name', { ...b, name: '  ' }],
        ['a 201-character name', { ...b, name: long(201) }],
        ["a token that is no link's", { ...b, token: tampered(b.token) }],
        ['a token cut short', { ...b, token: b.token.slice(0, 20) }],
        ['a 10,000-character token', { ...b, token: long(10_000) }],
      ];
    },
  },
  {
    // A witness, with no account, confirms one of Amira's statements through its link.
    action: actionKey(CONFIRM, 'answerWitnessAction'),
    who: 'anonymous',
    at: (d) => `/confirm/${d.witnessTokens.learner}`,
    text: 'comment',
    optional: ['comment'],
    base: (d) => ({ token: d.witnessTokens.learner, name: 'Sam Lee', response: 'confirmed', comment: 'All true.' }),
    extra: (d) => {
      const b = { token: d.witnessTokens.learner, name: 'Sam Lee', response: 'confirmed', comment: '' };
      return [
        ['an answer that is neither yes nor no', { ...b, response: 'maybe' }],
        ['a blank name', { ...b, name: ' ' }],
        ['a 201-character name', { ...b, name: long(201) }],
        ['a 2,001-character comment', { ...b, comment: long(2001) }],
        ["a token that is no link's", { ...b, token: tampered(b.token) }],
        ['a 10,000-character token', { ...b, token: long(10_000) }],
        ['an empty token', { ...b, token: '' }],
      ];
    },
  },
  {
    action: actionKey('app/(app)/evidence/[id]/actions.ts', 'requestWitnessLinkAction'),
    who: 'learner',
    at: (d) => `/evidence/${d.witnessEvidenceId}`,
    text: 'evidenceId',
    base: (d) => ({ evidenceId: d.witnessEvidenceId }),
    extra: (d) => [
      ['evidence that does not exist', { evidenceId: uuids(1)[0] }],
      ['evidence that is not a witness statement', { evidenceId: d.evidenceId }],
    ],
  },
  {
    // A review is open, so this opens it again: nothing new.
    action: actionKey(REVIEWS, 'startReviewAction'),
    who: 'coach',
    at: (d) => `/coach/learners/${d.ids.learner}`,
    text: 'learnerId',
    base: (d) => ({ learnerId: d.ids.learner }),
  },
  {
    action: actionKey(REVIEWS, 'claimTargetAction'),
    who: 'learner',
    at: () => '/learner',
    text: 'key',
    base: (d) => ({ key: d.targetKey }),
    extra: () => [['a target that does not exist', { key: uuids(1)[0] }]],
  },
  {
    action: actionKey(REVIEWS, 'confirmTargetAction'),
    who: 'coach',
    at: (d) => `/coach/learners/${d.ids.learner}`,
    text: 'note',
    optional: ['note'],
    base: (d) => ({ learnerId: d.ids.learner, key: d.targetKey, outcome: 'confirmed', note: 'Seen the log.' }),
    extra: (d) => {
      const b = { learnerId: d.ids.learner, key: d.targetKey, outcome: 'confirmed', note: 'Seen the log.' };
      return [
        ['an unknown outcome', { ...b, outcome: 'maybe' }],
        ['a 1,001-character note', { ...b, note: long(1001) }],
        ['a target that does not exist', { ...b, key: uuids(1)[0] }],
      ];
    },
  },
  {
    action: actionKey(ADMIN, 'setReviewIntervalAction'),
    who: 'admin',
    at: () => '/admin/cohorts',
    text: 'cohortId',
    base: (d) => ({ cohortId: d.scratchCohortId, weeks: 8 }),
    extra: (d) => [
      ['0 weeks', { cohortId: d.scratchCohortId, weeks: 0 }],
      ['53 weeks', { cohortId: d.scratchCohortId, weeks: 53 }],
      ['half a week', { cohortId: d.scratchCohortId, weeks: 2.5 }],
      ['weeks in words', { cohortId: d.scratchCohortId, weeks: 'twelve' }],
      ['a cohort that does not exist', { cohortId: uuids(1)[0], weeks: 8 }],
    ],
  },
  {
    action: actionKey(ADMIN, 'setHourPlanAction'),
    who: 'admin',
    at: () => '/admin/cohorts',
    text: 'cohortId',
    base: (d) => ({ cohortId: d.scratchCohortId, hoursPerWeek: 6 }),
    extra: (d) => [
      ['negative hours', { cohortId: d.scratchCohortId, hoursPerWeek: -1 }],
      ['more hours than a week has', { cohortId: d.scratchCohortId, hoursPerWeek: 169 }],
      ['a quarter hour', { cohortId: d.scratchCohortId, hoursPerWeek: 6.25 }],
      ['an empty box', { cohortId: d.scratchCohortId, hoursPerWeek: '' }],
      ['a cohort that does not exist', { cohortId: uuids(1)[0], hoursPerWeek: 6 }],
    ],
  },
  // Learning hours: Amira logs her own time and withdraws her own entry.
  {
    action: actionKey(HOURS, 'logHoursAction'),
    who: 'learner',
    at: () => '/learner/hours',
    text: 'activity',
    // An empty box is 0: either may be left out, not both ("no time at all").
    optional: ['hours', 'minutes'],
    base: () => ({ spentOn: ukDay(), hours: 1, minutes: 15, activity: 'Read the EE2 module' }),
    extra: () => {
      const b = { spentOn: ukDay(), hours: 1, minutes: 15, activity: 'Read the EE2 module' };
      return [
        ['no time at all', { ...b, hours: 0, minutes: 0 }],
        ['25 hours', { ...b, hours: 25 }],
        ['60 minutes', { ...b, minutes: 60 }],
        ['24 hours and some minutes', { ...b, hours: 24 }],
        ['negative hours', { ...b, hours: -1 }],
        ['half an hour in the hours box', { ...b, hours: 0.5 }],
        ['an activity of spaces', { ...b, activity: '   ' }],
        ['a 301-character activity', { ...b, activity: long(301) }],
        ['a day that does not exist', { ...b, spentOn: '2026-02-30' }],
        ['a day still to come', { ...b, spentOn: ukDay(1) }],
        ['a module name that is not one', { ...b, moduleSlug: 'EE2; drop table' }],
        ['a module that does not exist', { ...b, moduleSlug: 'no-such-module' }],
      ];
    },
  },
  {
    action: actionKey(HOURS, 'withdrawHoursAction'),
    who: 'learner',
    at: () => '/learner/hours',
    text: 'id',
    base: (d) => ({ id: d.hoursEntryId }),
    extra: () => [['an entry that does not exist', { id: uuids(1)[0] }]],
  },
  // Revoking an Open Badge (issue 22): an administrator, with a reason. The control revokes Ben's badge.
  {
    action: actionKey('app/(app)/admin/badges/actions.ts', 'revokeBadgeAction'),
    who: 'admin',
    at: () => '/admin/badges',
    text: 'reason',
    base: (d) => ({ badgeId: d.badgeId, reason: 'Awarded in error: the evidence was not the learner’s own.' }),
    extra: (d) => [
      ['a reason of spaces', { badgeId: d.badgeId, reason: '   ' }],
      ['a 1,001-character reason', { badgeId: d.badgeId, reason: long(1001) }],
      ['a badge that does not exist', { badgeId: uuids(1)[0], reason: 'Awarded in error.' }],
      ['an id that is not an id', { badgeId: SQL_ID, reason: 'Awarded in error.' }],
    ],
  },
  // Notifications: a person's own only. Amira marks one of hers read; an id that is not hers is not found.
  {
    action: actionKey(NOTIFICATIONS, 'markReadAction'),
    who: 'learner',
    at: () => '/notifications',
    text: 'id',
    base: (d) => ({ id: d.notificationId }),
    extra: () => [
      ['a notification that does not exist', { id: uuids(1)[0] }],
      ['an id that is not an id', { id: SQL_ID }],
    ],
  },
  {
    action: actionKey(NOTIFICATIONS, 'markAllReadAction'),
    who: 'learner',
    at: () => '/notifications',
    text: 'all',
    base: () => ({ all: 'read' }),
    extra: () => [
      ['all as another word', { all: 'yes' }],
      ['all empty', { all: '' }],
    ],
  },
  {
    action: actionKey('app/(app)/account/notifications/actions.ts', 'savePreferencesAction'),
    who: 'coach',
    at: () => '/account/notifications',
    text: 'evidence_judged',
    base: () => ({ ...everyKind('email'), review_due: 'digest' }),
    extra: () => [
      ['an unknown choice', { ...everyKind('email'), review_due: 'pigeon' }],
      ['a choice as a number', { ...everyKind('email'), review_due: 2 }],
      ['two choices for one kind', { ...everyKind('email'), review_due: ['email', 'digest'] }],
    ],
  },
  // Last, and as people no later entry or check signs in as: the control calls change their password or end their
  // sessions. A wrong current password is not bad input (it is a failed sign-in, throttled): not a case here.
  {
    action: actionKey(ACCOUNT, 'changePasswordAction'),
    who: 'otherCoach',
    at: () => '/account',
    text: 'next',
    base: () => ({
      current: E2E_PASSWORD,
      next: 'violet tram under 9 bridges',
      confirm: 'violet tram under 9 bridges',
    }),
    extra: () => {
      const b = { current: E2E_PASSWORD, next: 'violet tram under 9 bridges', confirm: 'violet tram under 9 bridges' };
      return [
        ['an empty current password', { ...b, current: '' }],
        ['a 201-character current password', { ...b, current: long(201) }],
        ['a short new password', { ...b, next: 'short', confirm: 'short' }],
        ['a common new password', { ...b, next: 'password123456', confirm: 'password123456' }],
        ['a 201-character new password', { ...b, next: long(201), confirm: long(201) }],
        ['the two new passwords differ', { ...b, confirm: 'violet tram under 8 bridges' }],
        ['the new password is the current one', { ...b, next: E2E_PASSWORD, confirm: E2E_PASSWORD }],
      ];
    },
  },
  {
    action: actionKey(ACCOUNT, 'endAllSessionsAction'),
    who: 'otherAssessor',
    at: () => '/account',
    text: 'confirm',
    base: () => ({ confirm: 'everywhere' }),
    extra: () => [
      ['confirm as another word', { confirm: 'yes' }],
      ['confirm empty', { confirm: '' }],
    ],
  },
];

// ---- running it -------------------------------------------------------------------------------------------

let pg: PgCluster | undefined;
let sql: postgres.Sql | undefined;
let app: AppServer | undefined;
let data: Data;
let actions: Map<string, ActionRef>;
const summary: string[] = [];
/** The report confirmAllAction's entry signs off (made by its `prepare`). */
let confirmAllReport: { learnerId: string; versionId: string; contentHash: string } | undefined;

type Snapshot = Map<string, string>;

/**
 * Every table of the public schema: its row count and a digest of its rows, so an update shows as well as an
 * insert; and the upload folder's files. audit_log is digested up to `auditUpTo` only: rows after it are the
 * group's own, checked one by one against what the entry may audit.
 */
async function snapshot(auditUpTo: number): Promise<Snapshot> {
  const tables = await sql!<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const out: Snapshot = new Map();
  for (const { name } of tables) {
    // The audit chain's head moves with every audit row, and the new audit rows are checked one by one below.
    if (name === 'audit_chain_head') continue;
    const where = name === 'audit_log' ? ` where t.id <= ${auditUpTo}` : '';
    const [row] = await sql!.unsafe<{ n: number; digest: string }[]>(
      `select count(*)::int as n, md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as digest from public."${name.replace(/"/g, '""')}" t${where}`,
    );
    out.set(name, `${row!.n} rows ${row!.digest}`);
  }
  const files = fs.existsSync(uploadDir)
    ? (fs.readdirSync(uploadDir, { recursive: true }) as string[]).filter((f) =>
        fs.statSync(path.join(uploadDir, f)).isFile(),
      )
    : [];
  out.set('(upload folder)', `${files.length} files ${files.sort().join(',')}`);
  return out;
}

function changes(before: Snapshot, after: Snapshot, allowed: Record<string, string> = {}): string[] {
  const out: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    if (!after.has(name)) out.push(`table ${name} no longer exists`);
    else if (!before.has(name)) out.push(`table ${name} appeared`);
    else if (before.get(name) !== after.get(name) && !(name in allowed))
      out.push(`${name} changed: ${before.get(name)} -> ${after.get(name)}`);
  }
  return out;
}

interface Answer {
  case: string;
  problem: string | null;
  got: string;
}

async function runRoute(e: RouteEntry, bad: Bad): Promise<Answer> {
  const send = await bad.send();
  const method = e.route.split(' ')[0]!;
  const url = send.url ?? e.url(data);
  const headers: Record<string, string> = { origin: data.baseUrl, ...send.headers };
  if (e.who !== 'anonymous' && !headers.cookie) headers.cookie = data.cookies[e.who]!;
  let res: Response;
  try {
    res = await fetch(`${data.baseUrl}${url}`, { method, headers, body: send.body, redirect: 'manual' });
  } catch (err) {
    return {
      case: bad.name,
      problem: `the request failed: ${(err as Error).message} ${String((err as { cause?: unknown }).cause ?? '')}`,
      got: 'no answer',
    };
  }
  const text = await res.text();
  const got = `${res.status} ${text.slice(0, 160).replace(/\s+/g, ' ')}`;
  if (res.status < 400 || res.status >= 500) return { case: bad.name, problem: `expected a 4xx, got ${got}`, got };
  if (bad.status && res.status !== bad.status)
    return { case: bad.name, problem: `expected ${bad.status}, got ${got}`, got };
  if (res.status === 403 || (res.status === 401 && e.who !== 'anonymous'))
    return { case: bad.name, problem: `refused by permissions, not for its input: ${got}`, got };
  if (STACK.test(text))
    return { case: bad.name, problem: `the answer shows a stack trace or source path: ${text.slice(0, 300)}`, got };
  let message: unknown;
  if (e.message) message = e.message(res.status, text, res);
  else {
    try {
      message = (JSON.parse(text) as { error?: unknown }).error;
    } catch {
      message = undefined;
    }
  }
  const problem = unclear(message) ?? e.also?.(res) ?? null;
  return { case: bad.name, problem, got };
}

interface RawAction {
  name: string;
  body: BodyInit;
  contentType?: string;
  /** Replaces the request's own headers (a foreign Origin). */
  headers?: Record<string, string>;
  /** The one refusal that is right for this case. */
  status?: number;
  /** Posted to this page instead of the entry's own. */
  path?: string;
}

/** The action cases: every field broken in turn, then bodies that are not what the browser sends. */
function actionCases(e: ActionEntry, d: Data): RawAction[] {
  const base = e.base(d);
  const encode = (value: Record<string, unknown>) => {
    if (!e.form) return encodeActionArgs([value]);
    const f = new FormData();
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) f.append(k, typeof x === 'string' ? x : JSON.stringify(x));
      else if (v && typeof v === 'object') f.set(k, new File([JSON.stringify(v)], 'object.json'));
      else f.set(k, String(v));
    }
    return encodeActionArgs([null, f]);
  };
  const cases: RawAction[] = [];
  const typed = e.form
    ? // A form can only carry text, files and repeated fields: those are its wrong types.
      Object.keys(base).flatMap((k): [string, Record<string, unknown>][] => [
        ...(e.optional?.includes(k)
          ? []
          : [
              [`missing ${k}`, Object.fromEntries(Object.entries(base).filter(([x]) => x !== k))] as [
                string,
                Record<string, unknown>,
              ],
            ]),
        [`${k} as a file`, { ...base, [k]: { file: true } }],
        [`${k} given twice`, { ...base, [k]: [String(base[k]), 'again'] }],
      ])
    : fieldCases(base, e.optional ?? []);
  for (const [name, value] of [
    ...typed,
    ...(e.extra?.(d) ?? []),
    ...(e.form
      ? []
      : ([
          ['a list instead of an object', [base]],
          ['null instead of an object', null],
          ['text instead of an object', 'hello'],
        ] as [string, unknown][])),
  ]) {
    const enc =
      e.form || (value && typeof value === 'object' && !Array.isArray(value))
        ? encode(value as Record<string, unknown>)
        : encodeActionArgs([value]);
    cases.push({ name, body: enc.body, contentType: enc.contentType });
  }
  // Bodies the browser never sends: Next decodes them before the action runs.
  if (e.form) {
    const withMark = encodeActionArgs([
      null,
      (() => {
        const f = new FormData();
        for (const [k, v] of Object.entries(base)) f.set(k, k === e.text ? MARK : String(v));
        return f;
      })(),
    ]).body as FormData;
    const parts = [...withMark.entries()].map(([name, value]) => ({
      name,
      value: value === MARK ? withBadBytes(MARK) : String(value),
    }));
    const mp = multipart(parts);
    cases.push({ name: `invalid UTF-8 in ${e.text}`, body: mp.body!, contentType: mp.headers!['content-type'] });
    cases.push({
      name: 'a malformed multipart body',
      body: '--nope\r\nContent-Disposition: form-data; name="0"\r\n\r\n[',
      contentType: 'multipart/form-data; boundary=----bad-input-catalogue-7d1f',
    });
  } else {
    const json = encodeActionArgs([{ ...base, [e.text]: `before ${MARK} after` }]).body as string;
    cases.push({
      name: `invalid UTF-8 in ${e.text}`,
      body: withBadBytes(json),
      contentType: 'text/plain;charset=UTF-8',
    });
    cases.push({
      name: 'malformed JSON',
      body: (encodeActionArgs([base]).body as string).slice(0, -4),
      contentType: 'text/plain;charset=UTF-8',
    });
  }
  cases.push({
    name: 'the wrong Content-Type (multipart, with a JSON body)',
    body: encodeActionArgs([base]).body as string,
    contentType: 'multipart/form-data; boundary=----bad-input-catalogue-7d1f',
  });
  cases.push({
    name: 'the wrong Content-Type (application/json)',
    body: JSON.stringify([base]),
    contentType: 'application/json',
  });
  cases.push({
    name: 'a 12 MB body',
    body: encodeActionArgs([{ ...base, [e.text]: long(12 * MB) }]).body as string,
    contentType: 'text/plain;charset=UTF-8',
    status: 413,
  });
  // Reply rows React can write but the portal never sends, each a 500 before (issue #17): a reference to a row
  // that was never sent, as the argument (it decodes to a pending promise) and as a form's field; and a root
  // that is not the list of arguments.
  const plain = (name: string, body: string): RawAction => ({ name, body, contentType: 'text/plain;charset=UTF-8' });
  cases.push(
    plain('an argument that refers to a row never sent ("$@0")', JSON.stringify(e.form ? [null, '$@0'] : ['$@0'])),
  );
  if (!e.form) {
    const marked = encodeActionArgs([{ ...base, [e.text]: MARK }]).body as string;
    cases.push(plain(`${e.text} referring to a row never sent ("$@0")`, marked.replace(JSON.stringify(MARK), '"$@0"')));
  }
  cases.push(plain('text instead of the list of arguments ("hello")', '"hello"'));
  cases.push(plain('an object instead of the list of arguments', JSON.stringify(base)));
  if (e.form) {
    const f = new FormData();
    f.set('0', '"hello"');
    cases.push({ name: 'a form whose arguments are text ("hello")', body: f });
  }
  // The same checks whatever else the request says (issue #17): a request marked as a prefetch used to skip the
  // proxy, and so the checks; and an action posted to a page built in advance, which the proxy otherwise leaves
  // alone, is still an action.
  const bad = cases.find((c) => c.name.startsWith('invalid UTF-8'))!;
  const malformed = e.form
    ? cases.find((c) => c.name === 'a malformed multipart body')!
    : cases.find((c) => c.name === 'malformed JSON')!;
  for (const [label, headers] of [
    ['as a router prefetch', { 'next-router-prefetch': '1' }],
    ['with Purpose: prefetch', { purpose: 'prefetch' }],
  ] as const) {
    cases.push({ ...bad, name: `${bad.name}, ${label}`, headers });
    cases.push({ ...malformed, name: `${malformed.name}, ${label}`, headers });
  }
  cases.push({ ...bad, name: `${bad.name}, posted to a module page`, path: `/modules/${REPORT_MODULE}` });
  cases.push({ ...malformed, name: `${malformed.name}, posted to a module page`, path: `/modules/${REPORT_MODULE}` });
  // Cross-site: only the same site may call an action; Next aborted these with a 500 (an empty Origin made it throw).
  const json = encode(base);
  for (const [name, origin] of [
    ['a foreign Origin', 'https://attacker.example'],
    ['an empty Origin', ''],
    ['Origin "null"', 'null'],
  ]) {
    cases.push({ name, body: json.body, contentType: json.contentType, headers: { origin: origin! }, status: 403 });
  }
  return cases;
}

async function runAction(e: ActionEntry, c: RawAction, ref: ActionRef): Promise<Answer> {
  const headers: Record<string, string> = {
    accept: 'text/x-component',
    'next-action': ref.id,
    origin: data.baseUrl,
    cookie: data.cookies[e.who]!,
    ...c.headers,
  };
  if (c.contentType) headers['content-type'] = c.contentType;
  let res: Response;
  try {
    res = await fetch(`${data.baseUrl}${c.path ?? e.at(data)}`, {
      method: 'POST',
      headers,
      body: c.body,
      redirect: 'manual',
    });
  } catch (err) {
    return {
      case: c.name,
      problem: `the request failed: ${(err as Error).message} ${String((err as { cause?: unknown }).cause ?? '')}`,
      got: 'no answer',
    };
  }
  const raw = await res.text();
  const result = parseActionResponse(raw);
  const got = result
    ? `HTTP ${res.status} ${JSON.stringify(result).slice(0, 160)}`
    : `HTTP ${res.status} ${raw.slice(0, 160).replace(/\s+/g, ' ')}`;
  if (STACK.test(raw))
    return { case: c.name, problem: `the answer shows a stack trace or source path: ${raw.slice(0, 300)}`, got };
  if (c.status && res.status !== c.status)
    return { case: c.name, problem: `expected HTTP ${c.status}, got ${got}`, got };
  if (res.status !== 200 || !result) {
    // Refused before the action ran (the body could not be decoded): a plain 4xx with a message.
    if (res.status < 400 || res.status >= 500)
      return { case: c.name, problem: `expected the action's refusal or a 4xx, got ${got}`, got };
    let message: unknown;
    try {
      message = (JSON.parse(raw) as { error?: unknown }).error;
    } catch {
      message = undefined;
    }
    return { case: c.name, problem: unclear(message), got };
  }
  if (result.ok) {
    if (e.refusedInData) return { case: c.name, problem: e.refusedInData(result.data), got };
    return { case: c.name, problem: `the action accepted it: ${got}`, got };
  }
  if (!result.status || result.status < 400 || result.status >= 500)
    return { case: c.name, problem: `expected a 4xx refusal, got ${got}`, got };
  if (result.status === 401 || result.status === 403)
    return { case: c.name, problem: `refused by permissions, not for its input: ${got}`, got };
  return { case: c.name, problem: unclear(result.error), got };
}

/** The entry's call done right, after its bad cases: null when accepted, else what went wrong. */
async function runControl(e: Entry): Promise<string | null> {
  if ('route' in e) {
    const send = e.control.send(data);
    const method = e.route.split(' ')[0]!;
    const headers: Record<string, string> = { origin: data.baseUrl, ...send.headers };
    if (e.who !== 'anonymous') headers.cookie = data.cookies[e.who]!;
    const res = await fetch(`${data.baseUrl}${send.url ?? e.url(data)}`, {
      method,
      headers,
      body: send.body,
      redirect: 'manual',
    });
    const text = await res.text();
    if (res.status < 200 || res.status >= 300) return `${res.status} ${text.slice(0, 300)}`;
    e.control.after?.(text ? JSON.parse(text) : null, data);
    return null;
  }
  const base = e.base(data);
  const args = e.form
    ? [
        null,
        (() => {
          const f = new FormData();
          for (const [k, v] of Object.entries(base)) f.set(k, String(v));
          return f;
        })(),
      ]
    : [base];
  const out = await callAction({
    baseUrl: data.baseUrl,
    pagePath: e.at(data),
    actionId: actions.get(e.action)!.id,
    args,
    cookie: data.cookies[e.who],
  });
  if (!out.result?.ok)
    return `HTTP ${out.http} ${out.result ? JSON.stringify(out.result).slice(0, 300) : out.raw.slice(0, 300)}`;
  e.after?.(out.result.data, data);
  return null;
}

describe('bad-input catalogue', () => {
  it('has an entry for every state-changing route handler method and every server action in the code', () => {
    const inv = readInventory(root);
    const changing = inv.routes.filter((r) => /^(POST|PUT|PATCH|DELETE) /.test(r));
    const covered = new Set(ENTRIES.map(entryKey));
    const missing = [...changing, ...inv.actions]
      .filter((k) => !covered.has(k))
      .map((k) => `no bad-input entry for ${k}: add one`);
    // A GET that writes (an audited download) may have an entry too.
    const known = new Set([...inv.routes, ...inv.actions]);
    const stale = [...covered]
      .filter((k) => !known.has(k))
      .map((k) => `bad-input entry for ${k}, which no longer exists: remove it`);
    expect([...missing, ...stale]).toEqual([]);
    expect(changing.length).toBeGreaterThan(0);
  });

  describe('against the production build', () => {
    beforeAll(async () => {
      actions = productionActions(root, distDir, readInventory(root).actions);

      // A private PostgreSQL cluster, so the test can count every table while the server runs.
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.mkdirSync(uploadDir, { recursive: true });
      pg = await createPgCluster();
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const env = {
        DATABASE_URL: pg.url,
        UPLOAD_DIR: uploadDir,
        MAX_UPLOAD_MB: String(MAX_UPLOAD_MB),
        // A production server on PostgreSQL signs with a configured key (lib/record/keys.ts).
        RECORD_SIGNING_KEY: JSON.stringify(await exportJWK(privateKey)),
      };
      execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['tests/e2e/seed.ts'], {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: 'pipe',
      });
      sql = postgres(pg.url, { max: 1, onnotice: () => {} });
      const bomb = zipBombDocx();
      app = await startAppServer(
        { ...env, DEMO_SEED: 'never', DATABASE_POOL_MAX: '4' },
        { port: await portFromEnv('BAD_INPUT_PORT') },
      );
      const base = await createMatrixData(app.url, await signInEveryone(app.url), actions);
      const csrfRes = await fetch(`${app.url}/api/auth/csrf`);
      const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
      data = {
        ...base,
        csrfToken,
        csrfCookie: csrfRes.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
        docs: {
          docx: markdownToDocx(reportWithCountedWords(3400)),
          revised: markdownToDocx(reportWithCountedWords(3500, { seed: 2 })),
          pdf: fs.readFileSync(path.join(root, 'tests/fixtures/files/feedback-log.pdf')),
          bomb: await bomb,
          // The learner's signed record, as her administrator downloads it: the import entry's control.
          record: Buffer.from(
            await (
              await fetch(`${app.url}/api/record/${base.ids.learner}`, { headers: { cookie: base.cookies.admin! } })
            ).arrayBuffer(),
          ),
        },
      };
    }, 240_000);

    afterAll(async () => {
      if (summary.length)
        console.log(`\nBad-input catalogue (cases per entry; ✗ = not refused cleanly)\n${summary.join('\n')}\n`);
      await sql?.end();
      await app?.stop();
      pg?.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('has an entry for every server action in the build (inline "use server" functions included)', () => {
      const covered = new Set(ENTRIES.map(entryKey));
      expect(
        [...actions.keys()].filter((k) => !covered.has(k)).map((k) => `no bad-input entry for ${k}: add one`),
      ).toEqual([]);
    });

    // The CASE endpoints (issue 23) only read, so the catalogue above does not list them; what they are sent can
    // still be bad: a sourcedId that is no UUID, SQL, a script, bytes that are not UTF-8, an absurd length, a bad page.
    it('the public CASE endpoints answer bad sourcedIds and paging with a clear imsx_StatusInfo refusal', async () => {
      const ids = [SQL_ID, encodeURIComponent(SCRIPT), '%FF%FE', long(5000), '..%2F..%2Fetc%2Fpasswd', uuids(1)[0]!];
      const paths = ['CFDocuments', 'CFPackages', 'CFItems', 'CFAssociations'].flatMap((kind) =>
        ids.map((id) => `/ims/case/v1p1/${kind}/${id}`),
      );
      paths.push(
        ...['limit=0', 'limit=-5', 'offset=x', `limit=${long(50, '9')}`].map((q) => `/ims/case/v1p1/CFDocuments?${q}`),
      );
      const problems: string[] = [];
      for (const p of paths) {
        const res = await fetch(`${data.baseUrl}${p}`);
        const text = await res.text();
        let body: { imsx_codeMajor?: string; imsx_description?: unknown } = {};
        try {
          body = JSON.parse(text) as typeof body;
        } catch {
          /* reported below */
        }
        const why =
          res.status >= 500 || res.status < 400
            ? `HTTP ${res.status}`
            : body.imsx_codeMajor !== 'failure'
              ? `not imsx_StatusInfo: ${text.slice(0, 120)}`
              : (unclear(body.imsx_description) ?? (STACK.test(text) ? 'a stack trace' : null));
        if (why) problems.push(`${p.slice(0, 80)}: ${why}`);
      }
      expect(problems).toEqual([]);
    });

    for (const e of ENTRIES) {
      const label =
        'route' in e
          ? `route  ${e.route.replace(' app/', ' ').replace(/\/route\.ts$/, '')}`
          : `action ${e.action.replace(/^app\//, '').replace(/\/actions\.ts#/, '#')}`;
      it(`${label}: every bad input refused, nothing stored`, async () => {
        if (!('route' in e)) await e.prepare?.(data);
        const [{ lastAudit }] = await sql!<
          { lastAudit: number }[]
        >`select coalesce(max(id), 0)::int as "lastAudit" from audit_log`;
        const before = await snapshot(lastAudit);
        const answers: Answer[] = [];
        if ('route' in e) {
          for (const bad of e.cases(data)) answers.push(await runRoute(e, bad));
        } else {
          const ref = actions.get(e.action)!;
          for (const c of actionCases(e, data)) answers.push(await runAction(e, c, ref));
        }
        const after = await snapshot(lastAudit);
        const audited = await sql!<
          { action: string }[]
        >`select action from audit_log where id > ${lastAudit} order by id`;
        const control = await runControl(e);
        const wrong = answers.filter((a) => a.problem).map((a) => `${a.case}: ${a.problem}`);
        summary.push(
          `${label.padEnd(60)} ${String(answers.length).padStart(3)} cases${wrong.length ? `, ${wrong.length} ✗` : ''}`,
        );
        if (process.env.BAD_INPUT_VERBOSE) for (const a of answers) console.log(`${label} | ${a.case} -> ${a.got}`);
        expect(answers.length).toBeGreaterThan(5);
        expect(wrong).toEqual([]);
        expect(changes(before, after, 'route' in e ? e.mayChange : undefined)).toEqual([]);
        // Audit entries: none, except the refusals an entry records on purpose.
        expect(audited.map((a) => a.action).filter((a) => !(e.auditedRefusals?.actions ?? []).includes(a))).toEqual([]);
        expect(control, 'the same call done right was not accepted').toBeNull();
      });
    }

    describe('script tags and SQL-looking text are valid text: stored literally and shown escaped', () => {
      const TEXT = `${SCRIPT} ${SQL}`;
      const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

      async function page(who: Person, url: string): Promise<string> {
        const res = await fetch(`${data.baseUrl}${url}`, { headers: { cookie: data.cookies[who]! } });
        expect(res.status, url).toBe(200);
        return res.text();
      }
      async function tablesIntact() {
        const tables = (
          await sql!<
            { name: string }[]
          >`select table_name as name from information_schema.tables where table_schema = 'public'`
        ).map((r) => r.name);
        for (const t of ['users', 'evidence', 'worksheet_answers', 'judgements', 'audit_log'])
          expect(tables).toContain(t);
        const [{ n }] = await sql!<{ n: number }[]>`select count(*)::int as n from users`;
        expect(n).toBeGreaterThan(5);
      }

      it('a written account: accepted, stored as typed, escaped on the evidence page', async () => {
        const f = new FormData();
        f.set('kind', 'account');
        f.set('title', `Account ${SCRIPT}`);
        f.set('occurredOn', today());
        f.set('body', TEXT);
        f.set('criteria', JSON.stringify([{ id: CRITERION, note: SQL }]));
        const res = await fetch(`${data.baseUrl}/api/evidence`, {
          method: 'POST',
          headers: { cookie: data.cookies.learner!, origin: data.baseUrl },
          body: f,
        });
        expect(res.status, await res.clone().text()).toBe(201);
        const { id } = (await res.json()) as { id: string };
        const [row] = await sql!<{ title: string; body: string }[]>`select title, body from evidence where id = ${id}`;
        expect(row).toEqual({ title: `Account ${SCRIPT}`, body: TEXT });
        const html = await page('learner', `/evidence/${id}`);
        expect(html).not.toContain(SCRIPT);
        expect(html).toContain(ESCAPED);
        await tablesIntact();
      });

      it('a worksheet answer: accepted, stored as typed, escaped on the worksheet page', async () => {
        const headers = { cookie: data.cookies.learner!, origin: data.baseUrl, 'content-type': 'application/json' };
        const current = (await (await fetch(`${data.baseUrl}/api/worksheets/${WORKSHEET}`, { headers })).json()) as {
          version: number;
        };
        const res = await fetch(`${data.baseUrl}/api/worksheets/${WORKSHEET}`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ version: current.version, answers: { 'contacts-review': TEXT } }),
        });
        expect(res.status, await res.clone().text()).toBe(200);
        const [row] = await sql!<{ answer: string }[]>`
          select a.answers->>'contacts-review' as answer from worksheet_answers a join users u on u.id = a.learner_id
          where u.email = 'learner@example.com' and a.module_slug = ${WORKSHEET}`;
        expect(row?.answer).toBe(TEXT);
        const html = await page('learner', `/worksheets/${WORKSHEET}`);
        expect(html).not.toContain(SCRIPT);
        expect(html).toContain(ESCAPED);
        await tablesIntact();
      });

      it('a judgement comment: accepted, stored as typed, escaped on the evidence page', async () => {
        // Evidence of her own on the criterion, so its page shows the criterion's judgements.
        const f = new FormData();
        f.set('kind', 'account');
        f.set('title', 'Kept a customer informed');
        f.set('occurredOn', today());
        f.set('body', 'I phoned the customer every day until the part arrived.');
        f.set('criteria', JSON.stringify([{ id: CRITERION, note: '' }]));
        const created = await fetch(`${data.baseUrl}/api/evidence`, {
          method: 'POST',
          headers: { cookie: data.cookies.learner!, origin: data.baseUrl },
          body: f,
        });
        expect(created.status, await created.clone().text()).toBe(201);
        const evidenceId = ((await created.json()) as { id: string }).id;
        const call = makeActionCaller(data.baseUrl, data.cookies, actions);
        const { id } = (await call(
          'assessor',
          actionKey('app/(app)/learners/[learnerId]/actions.ts', 'judgeCriterion'),
          `/learners/${data.ids.learner}`,
          [
            {
              learnerId: data.ids.learner,
              criterionId: CRITERION,
              outcome: 'not_yet_met',
              feedback: TEXT,
              evidenceIds: [],
            },
          ],
        )) as { id: string };
        const [row] = await sql!<{ feedback: string }[]>`select feedback from judgements where id = ${id}`;
        expect(row?.feedback).toBe(TEXT);
        const html = await page('learner', `/evidence/${evidenceId}`);
        expect(html).not.toContain(SCRIPT);
        expect(html).toContain(ESCAPED);
        await tablesIntact();
      });

      it('text with characters PostgreSQL cannot store (NUL, half an emoji) is saved without them, never a 500', async () => {
        const f = new FormData();
        f.set('kind', 'account');
        f.set('title', 'Odd\u0000 characters');
        f.set('occurredOn', today());
        f.set('body', `before\u0000after ${SQL}`);
        f.set('criteria', '[]');
        const created = await fetch(`${data.baseUrl}/api/evidence`, {
          method: 'POST',
          headers: { cookie: data.cookies.learner!, origin: data.baseUrl },
          body: f,
        });
        expect(created.status, await created.clone().text()).toBe(201);
        const { id } = (await created.json()) as { id: string };
        const [row] = await sql!<{ title: string; body: string }[]>`select title, body from evidence where id = ${id}`;
        expect(row).toEqual({ title: 'Odd characters', body: `beforeafter ${SQL}` });

        const draftOf = async () =>
          (
            await sql!<{ version: number; content: string; tags: unknown }[]>`
          select r.version, r.content, r.section_tags as tags from report_drafts r join users u on u.id = r.learner_id
          where u.email = 'learner@example.com'`
          )[0]!;
        const draft = await fetch(`${data.baseUrl}/api/reports/draft`, {
          method: 'PUT',
          headers: { cookie: data.cookies.learner!, origin: data.baseUrl, 'content-type': 'application/json' },
          body: `{"version":${(await draftOf()).version},"content":"A NUL \\u0000 and half an emoji \\ud83d here.","sectionTags":{"Intro\\u0000":[]}}`,
        });
        expect(draft.status, await draft.clone().text()).toBe(200);
        const stored = await draftOf();
        expect(stored.content).toBe('A NUL  and half an emoji \uFFFD here.');
        expect(JSON.stringify(stored.tags)).not.toContain('\\u0000');

        const call = makeActionCaller(data.baseUrl, data.cookies, actions);
        const cohort = (await call('admin', actionKey(ADMIN, 'createCohortAction'), '/admin/cohorts', [
          { name: 'Cohort\u0000 with a NUL' },
        ])) as { id: string; name: string };
        expect(cohort.name).toBe('Cohort with a NUL');
        await tablesIntact();
      });
    });

    it('still signs people in and serves them after all of that', async () => {
      const cookie = await signInHttp(data.baseUrl, 'learner2@example.com', 'criterion-demo');
      const res = await fetch(`${data.baseUrl}/learner`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(app!.process.exitCode).toBeNull();
    });
  });
});
