import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD, E2E_PASSWORD } from '../e2e/accounts';
import { markdownToDocx, reportWithCountedWords } from '../fixtures/reports/make';
import { actionKey, callAction, type ActionRef } from './action-client';
import { signInHttp } from './http-session';

/**
 * The cast and the learner's work the authorization matrix needs, made the honest way: the e2e seed for
 * accounts and assignments, then the learner's evidence, worksheet hand-in and report created through the
 * production server's own HTTP routes and server actions, signed in as the people who would do it.
 */

export const ACTORS = [
  'anonymous',
  'learner',
  'learner2',
  'assessor',
  'otherAssessor',
  'coach',
  'otherCoach',
  'admin',
  'iqa',
  'eqa',
  'eqaEnded',
] as const;
export type ActorName = (typeof ACTORS)[number];
export type Person = Exclude<ActorName, 'anonymous'>;

const ACCOUNTS: Record<Exclude<Person, 'eqaEnded'>, { email: string; password: string }> = {
  learner: { email: 'learner@example.com', password: DEMO_PASSWORD },
  learner2: { email: 'learner2@example.com', password: DEMO_PASSWORD },
  assessor: { email: 'assessor@example.com', password: DEMO_PASSWORD },
  otherAssessor: { email: 'other.assessor@e2e.example', password: E2E_PASSWORD },
  coach: { email: 'coach@example.com', password: DEMO_PASSWORD },
  otherCoach: { email: 'other.coach@e2e.example', password: E2E_PASSWORD },
  admin: { email: 'admin@example.com', password: DEMO_PASSWORD },
  // Helen: an assessor (of none of the spring cohort's learners) and the IQA of both demo cohorts (issue 20).
  iqa: { email: 'iqa@example.com', password: DEMO_PASSWORD },
  // Grace: the demo's external quality assurer, in an open visit with the winter intake's sample shared (not Amira's).
  eqa: { email: 'eqa@example.com', password: DEMO_PASSWORD },
};

/** The EQA whose visit an administrator ends during the setup (createMatrixData), her session still in hand. */
const ENDED_EQA = { email: 'ended.eqa@authz.example', password: 'ended assurer 42 keeps out' };

export const HOME: Record<ActorName, string> = {
  anonymous: '/signin',
  learner: '/learner',
  learner2: '/learner',
  assessor: '/assessor',
  otherAssessor: '/assessor',
  coach: '/coach',
  otherCoach: '/coach',
  admin: '/admin',
  iqa: '/assessor',
  eqa: '/eqa',
  // An EQA after the visit is nobody: every page sends them to sign in, every handler and action answers 401.
  eqaEnded: '/signin',
};

export const WORKSHEET = 'ws-2-8-keeping-customers';
export const CRITERION = 'wrc/pc/1';
export const CRITERION_MODULE = 'win-retain-customers';
export const REPORT_MODULE = 'u306-customers-retention';
/** Text only the learner's own work contains: a page or answer that shows it to someone else leaks it. */
export const WORKSHEET_MARKER = 'Amira-only worksheet answer 7c1e';

export interface MatrixData {
  baseUrl: string;
  cookies: Partial<Record<ActorName, string>>;
  ids: Record<Person, string>;
  learnerName: string;
  demoCohortId: string;
  evidenceId: string;
  fileId: string;
  /** The learner's phone captures (lib/captures): one declared with nothing sent, one complete and not yet evidence. */
  captureUploadId: string;
  completeCaptureId: string;
  /** The photo both were declared as (a real PNG, a few kB). */
  capturePhoto: Buffer;
  observationId: string;
  judgementId: string;
  submissionId: string;
  uploadId: string;
  reportContent: string;
  reportVersionId: string;
  reportHash: string;
  scratchLearnerId: string;
  scratchCohortId: string;
  /** A learner of their own for the erasure action's accepted call (the bad-input catalogue erases them). */
  erasableLearner: { id: string; email: string };
  /** A sampled item: Amira's judgement above, drawn by the IQA into a sample of the demo (spring) cohort. */
  qaItemId: string;
  /** The demo EQA's visit, an item of the (winter) sample shared with it, and that sample. */
  eqaVisitId: string;
  eqaItemId: string;
  eqaSampleId: string;
  /** A file of evidence in the sample shared with the EQA's visit (Chloe's, not Amira's). */
  eqaFileId: string;
  /** Ben's report signed off by Priya (in force, not countersigned): for the countersign page and action. */
  signOffId: string;
  signOffHash: string;
  /** Ben's Open Badge for the unit that sign-off completed (issued with it, lib/badges). */
  badgeId: string;
  /** Amira's first progress review, signed by her coach and her and locked, and its one target's key. */
  reviewId: string;
  targetKey: string;
  /** One of Amira's unread notifications (nobody else may mark it read). */
  notificationId: string;
  /** One of Amira's learning-hours entries, as her hours page offers it to withdraw. */
  hoursEntryId: string;
  /** Amira's witness statements, one per actor, each with its own single-use link (the token): to open and answer. */
  witnessTokens: Record<ActorName, string>;
  /** The last of those statements: for asking for a link. */
  witnessEvidenceId: string;
  /** Version numbers that move as allowed calls succeed, so each next allowed call names the current one. */
  state: {
    evidenceVersion: number;
    observationVersion: number;
    worksheetVersion: Partial<Record<ActorName, number>>;
    reportDraftVersion: Partial<Record<ActorName, number>>;
    /** The action point the IQA set with her verdict on the sampled item (then closed). */
    qaActionId?: string;
    /** The demo cohort's newest sampling plan version (the seed's is 1), which a plan save must be based on. */
    qaPlanVersion?: number;
    /** A visit the admin creates in the matrix, to share a sample with and end. */
    scratchVisitId?: string;
    /** The draft that amends Amira's locked review (made by the amend call), and its version. */
    draftReviewId?: string;
    draftReviewVersion?: number;
    /** The token of the link the coach makes to ask an employer to sign that draft. */
    employerToken?: string;
  };
}

const root = path.resolve(__dirname, '../..');

/** A fresh embedded database with the demo cohort and the e2e accounts (PGlite: one process at a time, so before the server). */
export function seedDatabase(dataDir: string): { PGLITE_DIR: string; UPLOAD_DIR: string } {
  fs.rmSync(dataDir, { recursive: true, force: true });
  const env = { PGLITE_DIR: path.join(dataDir, 'pglite'), UPLOAD_DIR: path.join(dataDir, 'uploads') };
  execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['tests/e2e/seed.ts'], {
    cwd: root,
    env: { ...process.env, ...env, DATABASE_URL: '' },
    stdio: 'pipe',
  });
  return env;
}

export async function signInEveryone(baseUrl: string): Promise<Partial<Record<ActorName, string>>> {
  const cookies: Partial<Record<ActorName, string>> = {};
  for (const [who, a] of Object.entries(ACCOUNTS) as [
    Exclude<Person, 'eqaEnded'>,
    { email: string; password: string },
  ][]) {
    cookies[who] = await signInHttp(baseUrl, a.email, a.password);
  }
  return cookies;
}

async function expectJson<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`setup: ${what} failed: HTTP ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

async function html(baseUrl: string, cookie: string, url: string): Promise<string> {
  const res = await fetch(`${baseUrl}${url}`, { headers: { cookie }, redirect: 'manual' });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`setup: GET ${url} failed: HTTP ${res.status}`);
  return text;
}

function match(text: string, re: RegExp, what: string): RegExpExecArray {
  const m = re.exec(text);
  if (!m) throw new Error(`setup: could not find ${what}`);
  return m;
}

export type ActionCaller = (who: Person, key: string, pagePath: string, args: unknown[]) => Promise<unknown>;

/** Calls an action as `who` and returns its data, failing the setup unless it answered ok. */
export function makeActionCaller(
  baseUrl: string,
  cookies: Partial<Record<ActorName, string>>,
  actions: Map<string, ActionRef>,
): ActionCaller {
  return async (who, key, pagePath, args) => {
    const ref = actions.get(key);
    if (!ref) throw new Error(`setup: action ${key} is not in the build's manifest`);
    const out = await callAction({ baseUrl, pagePath, actionId: ref.id, args, cookie: cookies[who] });
    if (!out.result?.ok) throw new Error(`setup: ${key} as ${who} failed: HTTP ${out.http} ${out.raw.slice(0, 500)}`);
    return out.result.data;
  };
}

const today = () => new Date().toISOString().slice(0, 10);

/** The demo (spring) cohort's id, from the admin's list of cohorts (the first, before any scratch one exists). */
async function springCohortId(baseUrl: string, adminCookie: string): Promise<string> {
  return match(
    await html(baseUrl, adminCookie, '/admin/cohorts'),
    /\/admin\/cohorts\/([0-9a-f-]{36})/,
    'the demo cohort',
  )[1]!;
}

export async function createMatrixData(
  baseUrl: string,
  cookies: Partial<Record<ActorName, string>>,
  actions: Map<string, ActionRef>,
): Promise<MatrixData> {
  const call = makeActionCaller(baseUrl, cookies, actions);
  const c = (who: Person) => cookies[who]!;
  const ids = {} as Record<Person, string>;
  for (const who of Object.keys(ACCOUNTS) as Exclude<Person, 'eqaEnded'>[]) {
    const session = await expectJson<{ user?: { id?: string } }>(
      await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: c(who) } }),
      `session of ${who}`,
    );
    ids[who] = session.user!.id!;
  }
  const L = ids.learner;

  // The learner's file evidence, mapped to a criterion, with a real PDF.
  const pdf = fs.readFileSync(path.join(root, 'tests/fixtures/files/feedback-log.pdf'));
  const form = new FormData();
  form.set('kind', 'file');
  form.set('title', 'Customer feedback log');
  form.set('occurredOn', today());
  form.set('description', 'The log I keep of what customers tell me.');
  form.set('criteria', JSON.stringify([{ id: CRITERION, note: 'Shows how I record and act on feedback.' }]));
  form.set('file', new File([new Uint8Array(pdf)], 'feedback-log.pdf', { type: 'application/pdf' }));
  const evidence = await expectJson<{ id: string }>(
    await fetch(`${baseUrl}/api/evidence`, {
      method: 'POST',
      headers: { cookie: c('learner'), origin: baseUrl },
      body: form,
    }),
    'learner creates file evidence',
  );
  const fileId = match(
    await html(baseUrl, c('learner'), `/evidence/${evidence.id}`),
    /\/api\/files\/([0-9a-f-]{36})/,
    'the file link on the evidence page',
  )[1]!;

  // Two phone captures of the learner's, declared with the resumable upload API: one with nothing sent yet, one with
  // every byte sent, ready to be made into evidence.
  const capturePhoto = Buffer.concat([
    fs.readFileSync(path.join(root, 'tests/fixtures/files/stall.png')),
    crypto.randomBytes(4096),
  ]);
  const declareCapture = async () =>
    expectJson<{ id: string }>(
      await fetch(`${baseUrl}/api/uploads`, {
        method: 'POST',
        headers: { cookie: c('learner'), origin: baseUrl, 'content-type': 'application/json' },
        body: JSON.stringify({
          idempotencyKey: `matrix-${crypto.randomUUID()}`,
          fileName: 'stall.png',
          type: 'image/png',
          size: capturePhoto.length,
          sha256: crypto.createHash('sha256').update(capturePhoto).digest('hex'),
        }),
      }),
      'learner declares a phone capture',
    );
  const captureUpload = await declareCapture();
  const completeCapture = await declareCapture();
  await expectJson(
    await fetch(`${baseUrl}/api/uploads/${completeCapture.id}?offset=0`, {
      method: 'PUT',
      headers: { cookie: c('learner'), origin: baseUrl, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(capturePhoto),
    }),
    'learner sends a phone capture',
  );

  // The assessor's observation record of the learner.
  const obs = new FormData();
  obs.set('kind', 'observation');
  obs.set('learnerId', L);
  obs.set('title', 'Observed a customer call');
  obs.set('occurredOn', today());
  obs.set('body', 'Amira handled a complaint call calmly and agreed a refund.');
  const observation = await expectJson<{ id: string }>(
    await fetch(`${baseUrl}/api/evidence`, {
      method: 'POST',
      headers: { cookie: c('assessor'), origin: baseUrl },
      body: obs,
    }),
    'assessor records an observation',
  );

  // A judgement for the learner to respond to.
  const judgement = (await call(
    'assessor',
    actionKey('app/(app)/learners/[learnerId]/actions.ts', 'judgeCriterion'),
    `/learners/${L}`,
    [
      {
        learnerId: L,
        criterionId: CRITERION,
        outcome: 'not_yet_met',
        feedback: 'Say which entries show you acting on feedback.',
        evidenceIds: [],
      },
    ],
  )) as { id: string };

  // The IQA draws a sample of the spring cohort, which takes that judgement (the only decision in the period); the
  // item's id reaches the browser only as a link on the IQA's home, where the spring cohort comes first.
  const day = today();
  await call('iqa', actionKey('app/(app)/quality/actions.ts', 'drawSampleAction'), '/quality', [
    { cohortId: await springCohortId(baseUrl, c('admin')), from: day, to: day, seed: 'authz-setup' },
  ]);
  const qaItemId = match(
    await html(baseUrl, c('iqa'), '/quality'),
    /\/quality\/items\/([0-9a-f-]{36})/,
    'the sampled item on the IQA home',
  )[1]!;

  // Worksheet answers, then the hand-in to the coach.
  const saved = await expectJson<{ version: number }>(
    await fetch(`${baseUrl}/api/worksheets/${WORKSHEET}`, {
      method: 'PUT',
      headers: { cookie: c('learner'), origin: baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 0, answers: { 'contacts-review': WORKSHEET_MARKER } }),
    }),
    'learner saves the worksheet',
  );
  const submission = (await call(
    'learner',
    actionKey('app/(app)/worksheets/[slug]/actions.ts', 'handInWorksheet'),
    `/worksheets/${WORKSHEET}`,
    [{ slug: WORKSHEET, version: saved.version }],
  )) as { id: string };

  // The report: a Word document of 3,400 counted words, uploaded and submitted.
  const docx = markdownToDocx(reportWithCountedWords(3400));
  const upload = await expectJson<{ draft: { version: number; content: string; upload: { id: string } | null } }>(
    await fetch(`${baseUrl}/api/reports/upload?version=0`, {
      method: 'POST',
      headers: {
        cookie: c('learner'),
        origin: baseUrl,
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'x-file-name': 'customer-retention-report.docx',
      },
      body: new Uint8Array(docx),
    }),
    'learner uploads the report',
  );
  await call('learner', actionKey('app/(app)/learner/report/actions.ts', 'submitReportAction'), '/learner/report', [
    { draftVersion: upload.draft.version, declared: true },
  ]);
  // The version's id and hash reach the browser only as props of the assessment form.
  const page = (await html(baseUrl, c('assessor'), `/reports/${L}`)).replace(/\\"/g, '"');
  const [, reportVersionId, reportHash] = match(
    page,
    /"id":"([0-9a-f-]{36})","number":1,"contentHash":"([0-9a-f]{64})"/,
    'version 1 on the assessment page',
  );

  // Ben's report (the other learner), signed off by Priya: a sign-off in force for the IQA to countersign (issue 20).
  const bensUpload = await expectJson<{ draft: { version: number } }>(
    await fetch(`${baseUrl}/api/reports/upload?version=0`, {
      method: 'POST',
      headers: {
        cookie: c('learner2'),
        origin: baseUrl,
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'x-file-name': 'bens-report.docx',
      },
      body: new Uint8Array(docx),
    }),
    'the other learner uploads a report',
  );
  await call('learner2', actionKey('app/(app)/learner/report/actions.ts', 'submitReportAction'), '/learner/report', [
    { draftVersion: bensUpload.draft.version, declared: true },
  ]);
  const bensPage = (await html(baseUrl, c('assessor'), `/reports/${ids.learner2}`)).replace(/\\"/g, '"');
  const [, bensVersionId, bensHash] = match(
    bensPage,
    /"id":"([0-9a-f-]{36})","number":1,"contentHash":"([0-9a-f]{64})"/,
    "version 1 of the other learner's report",
  );
  const bensSignOff = (await call(
    'assessor',
    actionKey('app/(app)/reports/[learnerId]/actions.ts', 'decideAction'),
    `/reports/${ids.learner2}`,
    [
      {
        learnerId: ids.learner2,
        versionId: bensVersionId,
        contentHash: bensHash,
        outcome: 'signed_off',
        data: completeAssessment(),
        declared: true,
      },
    ],
  )) as { decisionId: string };

  // The sign-off completed Ben's unit (his cohort requires no countersignature): his badge, from his badges page.
  const badgeId = match(
    await html(baseUrl, c('learner2'), '/learner/badges'),
    /\/badges\/([0-9a-f-]{36})/,
    "the other learner's badge",
  )[1]!;

  // The demo cohort (read before the scratch one exists), and scratch records the admin actions may change freely.
  const demoCohortId = match(
    await html(baseUrl, c('admin'), '/admin/cohorts'),
    /\/admin\/cohorts\/([0-9a-f-]{36})/,
    'the demo cohort',
  )[1]!;
  const scratch = (await call(
    'admin',
    actionKey('app/(app)/admin/actions.ts', 'createAccountAction'),
    '/admin/accounts/new',
    [
      {
        name: 'Scratch Learner',
        email: 'scratch.learner@authz.example',
        role: 'learner',
        password: 'scratch-password-123',
      },
    ],
  )) as { id: string };
  const erasable = (await call(
    'admin',
    actionKey('app/(app)/admin/actions.ts', 'createAccountAction'),
    '/admin/accounts/new',
    [{ name: 'Erasable Learner', email: 'erasable.learner@authz.example', role: 'learner', password: '' }],
  )) as { id: string; email: string };
  const scratchCohort = (await call(
    'admin',
    actionKey('app/(app)/admin/actions.ts', 'createCohortAction'),
    '/admin/cohorts',
    [{ name: 'Authorization matrix scratch cohort' }],
  )) as { id: string };

  // The EQA's visit: an item of the shared winter sample (from her home), and the sample (from the admin's visit page).
  const eqaHome = await html(baseUrl, c('eqa'), '/eqa');
  const eqaItemId = match(eqaHome, /\/eqa\/items\/([0-9a-f-]{36})/, 'an item on the EQA home')[1]!;
  const eqaVisitId = match(eqaHome, /\/eqa\/visits\/([0-9a-f-]{36})\/pack/, 'the pack link on the EQA home')[1]!;
  const eqaSampleId = match(
    await html(baseUrl, c('admin'), `/admin/eqa/${eqaVisitId}`),
    /name="sampleId" value="([0-9a-f-]{36})"/,
    'a sample on the admin visit page',
  )[1]!;
  // The file of evidence in the shared sample (Chloe's loyalty-card tally, db/demo.ts), linked from its item's page.
  let eqaFileId: string | undefined;
  for (const [, itemId] of eqaHome.matchAll(/\/eqa\/items\/([0-9a-f-]{36})/g)) {
    eqaFileId = /\/api\/files\/([0-9a-f-]{36})/.exec(await html(baseUrl, c('eqa'), `/eqa/items/${itemId}`))?.[1];
    if (eqaFileId) break;
  }
  if (!eqaFileId) throw new Error('authz setup: no file linked from the items of the shared sample');

  // A second EQA: the admin creates her visit (today only), she signs in and replaces the password she was given, her
  // session works, then the admin ends the visit: the cookie she still holds is the "visit has ended" actor.
  const EQA_ADMIN = 'app/(app)/admin/eqa/actions.ts';
  const ukToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const endedVisit = (await call('admin', actionKey(EQA_ADMIN, 'createEqaVisitAction'), '/admin/eqa', [
    {
      name: 'Edith Ended',
      email: ENDED_EQA.email,
      organisation: 'Matrix Awarding',
      startsOn: ukToday,
      endsOn: ukToday,
    },
  ])) as { visitId: string; eqaId: string; generatedPassword: string };
  cookies.eqaEnded = await signInHttp(baseUrl, ENDED_EQA.email, endedVisit.generatedPassword);
  await call('eqaEnded', actionKey('app/(app)/account/actions.ts', 'changePasswordAction'), '/account', [
    { current: endedVisit.generatedPassword, next: ENDED_EQA.password, confirm: ENDED_EQA.password },
  ]);
  cookies.eqaEnded = await signInHttp(baseUrl, ENDED_EQA.email, ENDED_EQA.password);
  await html(baseUrl, c('eqaEnded'), '/eqa');
  await call('admin', actionKey(EQA_ADMIN, 'endEqaVisitAction'), `/admin/eqa/${endedVisit.visitId}`, [
    { visitId: endedVisit.visitId },
  ]);
  ids.eqaEnded = endedVisit.eqaId;
  // A progress review of Amira: her coach opens and fills it (with one target), both sign, and it locks.
  const review = (await call(
    'coach',
    actionKey('app/(app)/reviews/actions.ts', 'startReviewAction'),
    `/coach/learners/${L}`,
    [{ learnerId: L }],
  )) as { id: string };
  const targetKey = crypto.randomUUID();
  const reviewSaved = await expectJson<{ version: number }>(
    await fetch(`${baseUrl}/api/reviews/${review.id}`, {
      method: 'PUT',
      headers: { cookie: c('coach'), origin: baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, content: reviewContent(targetKey) }),
    }),
    'coach saves the review',
  );
  for (const who of ['coach', 'learner'] as const)
    await call(who, actionKey('app/(app)/reviews/actions.ts', 'signReviewAction'), `/reviews/${review.id}`, [
      { reviewId: review.id, version: reviewSaved.version, declared: true },
    ]);
  // One of Amira's notifications (the judgement above, the review's signatures), as her list offers it to mark read.
  // Amira logs an hour of study (issue 21); her hours page offers the entry to withdraw.
  await call('learner', actionKey('app/(app)/learner/hours/actions.ts', 'logHoursAction'), '/learner/hours', [
    { spentOn: ukToday, hours: '1', minutes: '0', activity: 'Read the EE2 module' },
  ]);
  const hoursEntryId = match(
    await html(baseUrl, c('learner'), '/learner/hours'),
    /name="id" value="([0-9a-f-]{36})"/,
    'the withdraw form on the hours page',
  )[1]!;

  const notificationId = (await html(baseUrl, c('learner'), '/notifications')).match(
    /name="id" value="([0-9a-f-]{36})"/,
  )?.[1];
  if (!notificationId) throw new Error('setup: Amira has no unread notification to mark read');

  // Witness statements of Amira's, one for each actor, each with a single-use link she asked for.
  const witnessTokens = {} as Record<ActorName, string>;
  let witnessEvidenceId = '';
  for (const who of ACTORS) {
    const w = new FormData();
    w.set('kind', 'witness');
    w.set('title', `What my manager saw (${who})`);
    w.set('occurredOn', today());
    w.set('body', 'Amira took a refund complaint calmly and put it right the same day.');
    w.set('witnessName', 'Sam Lee');
    w.set('witnessRole', 'Store manager');
    w.set('witnessContact', 'sam.lee@shop.example');
    w.set('criteria', '[]');
    const made = await expectJson<{ id: string }>(
      await fetch(`${baseUrl}/api/evidence`, {
        method: 'POST',
        headers: { cookie: c('learner'), origin: baseUrl },
        body: w,
      }),
      'learner records a witness statement',
    );
    const link = (await call(
      'learner',
      actionKey('app/(app)/evidence/[id]/actions.ts', 'requestWitnessLinkAction'),
      `/evidence/${made.id}`,
      [{ evidenceId: made.id }],
    )) as { url: string };
    witnessTokens[who] = link.url.split('/confirm/')[1]!;
    witnessEvidenceId = made.id;
  }

  return {
    baseUrl,
    cookies,
    ids,
    witnessTokens,
    witnessEvidenceId,
    eqaVisitId,
    eqaItemId,
    eqaSampleId,
    eqaFileId,
    learnerName: 'Amira Khan',
    demoCohortId,
    evidenceId: evidence.id,
    fileId,
    captureUploadId: captureUpload.id,
    completeCaptureId: completeCapture.id,
    capturePhoto,
    observationId: observation.id,
    judgementId: judgement.id,
    submissionId: submission.id,
    uploadId: upload.draft.upload!.id,
    reportContent: upload.draft.content,
    reportVersionId: reportVersionId!,
    reportHash: reportHash!,
    scratchLearnerId: scratch.id,
    erasableLearner: { id: erasable.id, email: erasable.email },
    scratchCohortId: scratchCohort.id,
    qaItemId,
    signOffId: bensSignOff.decisionId,
    signOffHash: bensHash!,
    badgeId,
    reviewId: review.id,
    targetKey,
    notificationId,
    hoursEntryId,
    state: {
      evidenceVersion: 1,
      observationVersion: 1,
      worksheetVersion: { learner: saved.version },
      reportDraftVersion: { learner: upload.draft.version },
    },
  };
}

/** A complete progress review: what the coach writes with the learner, with one target due in two weeks. */
export function reviewContent(targetKey: string = crypto.randomUUID()) {
  return {
    heldOn: today(),
    progress: 'Amira met her first criterion and started the feedback log.',
    wentWell: 'She followed up a complaint the same day.',
    supportNeeded: 'An observed call with her team leader.',
    targets: [
      {
        key: targetKey,
        text: 'Keep the feedback log for four weeks.',
        dueOn: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        moduleSlug: null,
        criterionId: CRITERION,
      },
    ],
  };
}

/** Every criterion met and every range item covered: the most a sign-off can ask for, so only permission decides. */
export function completeAssessment() {
  const mod = JSON.parse(fs.readFileSync(path.join(root, `content/modules/${REPORT_MODULE}/module.json`), 'utf8')) as {
    groups: { items: { id: string; range?: { items: { id: string }[] }[] }[] }[];
  };
  const acs = mod.groups.flatMap((g) => g.items).filter((i) => /\/ac\/\d+\.\d+$/.test(i.id));
  return {
    acs: Object.fromEntries(acs.map((ac) => [ac.id, { outcome: 'met', feedback: 'Clear and well evidenced.' }])),
    range: Object.fromEntries(
      acs.flatMap((ac) => (ac.range ?? []).flatMap((b) => b.items.map((r) => [r.id, 'covered']))),
    ),
    discussion: { heldOn: '', acIds: [], notes: '' },
    feedback: 'A thorough report that covers every criterion.',
  };
}
