import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownToDocx, reportWithCountedWords } from '../fixtures/reports/make';
import { actionKey, productionActions, type ActionRef } from '../helpers/action-client';
import { KIND_VALUES } from '@/lib/notifications/kinds';
import { readInventory } from '../helpers/authz-inventory';
import {
  caseKey,
  caseLabel,
  formatSummary,
  runCase,
  tokens,
  type Case,
  type Cell,
  type Send,
} from '../helpers/authz-runner';
import {
  CRITERION,
  CRITERION_MODULE,
  WORKSHEET,
  WORKSHEET_MARKER,
  completeAssessment,
  createMatrixData,
  reviewContent,
  seedDatabase,
  signInEveryone,
  type MatrixData,
} from '../helpers/authz-setup';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { portFromEnv } from '../helpers/free-port';
import { associationId, documentId, groupId, itemId } from '@/lib/standards/case-write';

/**
 * Who may call what, for every page, route handler and server action of the production build, checked over
 * HTTP for eleven people: anonymous, the learner whose work it is (Amira), another learner, her assessor, an
 * assessor not assigned to her, her coach, a coach not assigned to her, an admin, the internal quality assurer
 * of her cohort (an assessor too, not hers), an external quality assurer in an open visit (whose shared sample is of
 * another cohort: Amira is outside it), and an external quality assurer whose visit an administrator ended after she
 * signed in (refused everywhere, as nobody).
 *
 * The expectations are written by hand from the product's rules, not derived from lib/permissions.ts:
 * learners see only their own work; coaches read their learners' work and comment on worksheets but never
 * judge or sign off; only the assigned assessor judges and signs off; admins manage accounts and read;
 * unassigned staff get 403/404. Legend of the tokens: tests/helpers/authz-runner.ts.
 *
 * Who may list which learners is decided in one place, the gate in lib/permissions.ts (learnerScope for lists,
 * authorize for one learner, ACCESS for which roles open a page); tests/unit/permissions-sources.test.ts proves from the
 * sources that every list and page goes through it, and this matrix proves over HTTP that its answers are the rules.
 *
 * Rows run in table order. Within a row that changes something, denied actors go first, so an allowed
 * call (a judgement, a sign-off) cannot make a later denied call fail for the wrong reason.
 */

const root = path.resolve(__dirname, '../..');
const distDir = process.env.NEXT_DIST_DIR || '.next';
const dataDir = path.join(root, `.data/authz-${process.pid}`);

const L = (d: MatrixData) => d.ids.learner;
const today = () => new Date().toISOString().slice(0, 10);
const json = (value: unknown): Send => ({
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json' },
});
let docx: Buffer | undefined;
const reportDocx = (): Send => {
  docx ??= markdownToDocx(reportWithCountedWords(3400));
  return {
    body: new Uint8Array(docx),
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'x-file-name': 'report.docx',
    },
  };
};
const form = (fields: Record<string, string>): Send => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return { body: f };
};

const ADMIN = 'app/(app)/admin/actions.ts';
const ACCOUNT = 'app/(app)/account/actions.ts';
const QUALITY = 'app/(app)/quality/actions.ts';
const EQA_ADMIN = 'app/(app)/admin/eqa/actions.ts';
const ukToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const REVIEWS = 'app/(app)/reviews/actions.ts';
const NOTIFICATIONS = 'app/(app)/notifications/actions.ts';
const CONFIRM = 'app/(public)/confirm/[token]/actions.ts';
/** A single-use link's token with its first character changed: the shape of a token, but no link's. */
const tampered = (token: string) => (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
const admin = (name: string, args: (d: MatrixData) => unknown, at = '/admin/accounts/new'): Case => ({
  action: actionKey(ADMIN, name),
  at: () => at,
  args: (d) => [args(d)],
  who: 'D D D D D D D A D D D',
});

// The matrix. Columns:  anon learner learner2 assessor oth.assessor coach oth.coach admin iqa eqa eqa.ended
// The IQA (Helen) is an assessor assigned to none of the spring cohort's learners and the IQA of both demo cohorts:
// everywhere but the quality pages she stands where the other assessor does.
const CASES: Case[] = [
  // Pages (read-only).
  { page: 'app/page.tsx', url: () => '/', who: 'R R R R R R R R R R R' },
  { page: 'app/signin/page.tsx', url: () => '/signin', who: 'A R R R R R R R R R A' },
  { page: 'app/(app)/account/page.tsx', url: () => '/account', who: 'D A A A A A A A A A D' },
  { page: 'app/(app)/admin/page.tsx', url: () => '/admin', who: 'D D D D D D D A D D D' },
  { page: 'app/(app)/admin/accounts/page.tsx', url: () => '/admin/accounts', who: 'D D D D D D D A D D D' },
  { page: 'app/(app)/admin/accounts/new/page.tsx', url: () => '/admin/accounts/new', who: 'D D D D D D D A D D D' },
  {
    page: 'app/(app)/admin/accounts/[userId]/page.tsx',
    url: (d) => `/admin/accounts/${L(d)}`,
    who: 'D D D D D D D A D D D',
  },
  { page: 'app/(app)/admin/cohorts/page.tsx', url: () => '/admin/cohorts', who: 'D D D D D D D A D D D' },
  // Signed learner records from other centres (issue 22): the import page lists what was imported.
  { page: 'app/(app)/admin/records/page.tsx', url: () => '/admin/records', who: 'D D D D D D D A D D D' },
  // Open Badges (issue 22): every badge issued, for an administrator to revoke.
  { page: 'app/(app)/admin/badges/page.tsx', url: () => '/admin/badges', who: 'D D D D D D D A D D D' },
  { page: 'app/(app)/admin/audit/page.tsx', url: () => '/admin/audit?check=1', who: 'D D D D D D D A D D D' },
  // A learner's own badges (Ben's page lists his badge and nothing of Amira's).
  { page: 'app/(app)/learner/badges/page.tsx', url: () => '/learner/badges', who: 'D A S D D D D D D D D' },
  // A badge's public verification page (Ben's badge): anyone, signed in or not, sees what the badge says.
  { page: 'app/(public)/badges/[badgeId]/page.tsx', url: (d) => `/badges/${d.badgeId}`, who: 'A A A A A A A A A A A' },
  {
    page: 'app/(app)/admin/cohorts/[cohortId]/page.tsx',
    url: (d) => `/admin/cohorts/${d.demoCohortId}`,
    who: 'D D D D D D D A D D D',
  },
  { page: 'app/(app)/admin/import/page.tsx', url: () => '/admin/import', who: 'D D D D D D D A D D D' },
  { page: 'app/(app)/assessor/page.tsx', url: () => '/assessor', who: 'D D D A S D D D S D D' },
  { page: 'app/(app)/assessor/learners/page.tsx', url: () => '/assessor/learners', who: 'D D D A S A S D S D D' },
  { page: 'app/(app)/learners/[learnerId]/page.tsx', url: (d) => `/learners/${L(d)}`, who: 'D D D A D A D A D D D' },
  { page: 'app/(app)/assessor/reports/page.tsx', url: () => '/assessor/reports', who: 'D D D A S A S A S D D' },
  { page: 'app/(app)/reports/[learnerId]/page.tsx', url: (d) => `/reports/${L(d)}`, who: 'D D D A D A D A D D D' },
  {
    page: 'app/(app)/reports/[learnerId]/versions/[number]/page.tsx',
    url: (d) => `/reports/${L(d)}/versions/1`,
    who: 'D D D A D A D A D D D',
  },
  { page: 'app/(app)/coach/page.tsx', url: () => '/coach', who: 'D D D D D A S D D D D' },
  {
    page: 'app/(app)/coach/learners/[learnerId]/page.tsx',
    url: (d) => `/coach/learners/${L(d)}`,
    who: 'D D D D D A D A D D D',
  },
  // A cohort's learning hours: Amira's coach and an administrator see her; another coach opens the page and sees none
  // of the cohort's learners that are not theirs.
  {
    page: 'app/(app)/coach/hours/page.tsx',
    url: (d) => `/coach/hours?cohort=${d.demoCohortId}`,
    who: 'D D D D D A S A D D D',
  },
  {
    page: 'app/(app)/coach/matrix/page.tsx',
    url: (d) => `/coach/matrix?cohort=${d.demoCohortId}&module=${CRITERION_MODULE}`,
    who: 'D D D D D A S A D D D',
  },
  { page: 'app/(app)/coach/worksheets/page.tsx', url: () => '/coach/worksheets', who: 'D D D D D A S D D D D' },
  {
    page: 'app/(app)/hand-ins/[submissionId]/page.tsx',
    url: (d) => `/hand-ins/${d.submissionId}`,
    who: 'D D D A D A D A D D D',
  },
  { page: 'app/(app)/evidence/[id]/page.tsx', url: (d) => `/evidence/${d.evidenceId}`, who: 'D A D A D A D A D D D' },
  {
    page: 'app/(app)/evidence/[id]/edit/page.tsx',
    url: (d) => `/evidence/${d.evidenceId}/edit`,
    who: 'D A D D D D D D D D D',
  },
  {
    page: 'app/(app)/export/[learnerId]/[slug]/page.tsx',
    url: (d) => `/export/${L(d)}/${CRITERION_MODULE}`,
    who: 'D A D A D A D A D D D',
  },
  { page: 'app/(app)/learner/page.tsx', url: () => '/learner', who: 'D A S D D D D D D D D' },
  { page: 'app/(app)/learner/evidence/page.tsx', url: () => '/learner/evidence', who: 'D A S D D D D D D D D' },
  { page: 'app/(app)/learner/evidence/new/page.tsx', url: () => '/learner/evidence/new', who: 'D A S D D D D D D D D' },
  {
    page: 'app/(app)/learner/evidence/capture/page.tsx',
    url: () => '/learner/evidence/capture',
    who: 'D A S D D D D D D D D',
  },
  { page: 'app/(app)/learner/report/page.tsx', url: () => '/learner/report', who: 'D A S D D D D D D D D' },
  { page: 'app/(app)/learner/hours/page.tsx', url: () => '/learner/hours', who: 'D A S D D D D D D D D' },
  // Version 1 is Amira's; the other learner has none, so the same address finds nothing of theirs.
  {
    page: 'app/(app)/learner/report/versions/[number]/page.tsx',
    url: () => '/learner/report/versions/1',
    // Ben (learner2) reads his own version 1 too: the setup submits it and Priya signs it off (issue 20).
    who: 'D A A D D D D D D D D',
  },
  // The catalogue of the public modules: a visitor reads the list, a learner sees their own progress on it.
  { page: 'app/(public)/modules/page.tsx', url: () => '/modules', who: 'A A A A A A A A A A A' },
  // The glossary and the accessibility statement: the same public text for everyone.
  { page: 'app/(public)/glossary/page.tsx', url: () => '/glossary', who: 'A A A A A A A A A A A' },
  { page: 'app/(public)/search/page.tsx', url: () => '/search?q=loyalty', who: 'A A A A A A A A A A A' },
  { page: 'app/(public)/accessibility/page.tsx', url: () => '/accessibility', who: 'A A A A A A A A A A A' },
  // The standards are public documents: module and item pages are built once and the same for every reader
  // (app/(study)/layout.tsx), holding nothing personal; what is a learner's own comes from the statuses route below.
  {
    page: 'app/(study)/modules/[slug]/page.tsx',
    url: () => `/modules/${CRITERION_MODULE}`,
    who: 'A A A A A A A A A A A',
  },
  {
    page: 'app/(study)/modules/[slug]/items/[...id]/page.tsx',
    url: () => `/modules/${CRITERION_MODULE}/items/${CRITERION}`,
    who: 'A A A A A A A A A A A',
  },
  { page: 'app/(app)/worksheets/page.tsx', url: () => '/worksheets', who: 'D A S D D D D D D D D' },
  { page: 'app/(app)/worksheets/[slug]/page.tsx', url: () => `/worksheets/${WORKSHEET}`, who: 'D A S D D D D D D D D' },
  {
    page: 'app/(app)/worksheets/[slug]/hand-ins/[id]/page.tsx',
    url: (d) => `/worksheets/${WORKSHEET}/hand-ins/${d.submissionId}`,
    who: 'D A D D D D D D D D D',
  },
  // Quality assurance: the IQA home and a sampled item (of Amira's judgement) are the cohort's IQA's; an admin reads
  // samples but has no IQA home (not the IQA of any cohort). The assessor's QA feedback is their own decisions only.
  { page: 'app/(app)/quality/page.tsx', url: () => '/quality', who: 'D D D D D D D D A D D' },
  {
    page: 'app/(app)/quality/items/[itemId]/page.tsx',
    url: (d) => `/quality/items/${d.qaItemId}`,
    who: 'D D D D D D D A A D D',
  },
  // External quality assurance: the EQA (Grace) reads her visit, the winter intake's shared sample; Amira's item (of
  // the spring sample, not shared) is refused to her like every other record of Amira. The pack is also the IQA's
  // (of the shared sample's cohort) and an administrator's. An EQA whose visit has ended is refused everywhere.
  { page: 'app/(app)/eqa/page.tsx', url: () => '/eqa', who: 'D D D D D D D D D A D' },
  {
    page: 'app/(app)/eqa/items/[itemId]/page.tsx',
    url: (d) => `/eqa/items/${d.eqaItemId}`,
    who: 'D D D D D D D D D A D',
  },
  {
    page: 'app/(app)/eqa/items/[itemId]/page.tsx',
    url: (d) => `/eqa/items/${d.qaItemId}`,
    who: 'D D D D D D D D D D D',
  },
  {
    page: 'app/(app)/eqa/visits/[visitId]/pack/page.tsx',
    url: (d) => `/eqa/visits/${d.eqaVisitId}/pack`,
    who: 'D D D D D D D A A A D',
  },
  { page: 'app/(app)/admin/eqa/page.tsx', url: () => '/admin/eqa', who: 'D D D D D D D A D D D' },
  {
    page: 'app/(app)/admin/eqa/[visitId]/page.tsx',
    url: (d) => `/admin/eqa/${d.eqaVisitId}`,
    who: 'D D D D D D D A D D D',
  },
  { page: 'app/(app)/quality/feedback/page.tsx', url: () => '/quality/feedback', who: 'D D D A S D D D S D D' },
  // A sign-off to countersign (Ben's, by Priya): the IQA of Ben's cohort, and an admin reading; Priya, who signed it
  // off, is not a quality assurer and is refused (she sees it on the report's own page).
  {
    page: 'app/(app)/quality/sign-offs/[decisionId]/page.tsx',
    url: (d) => `/quality/sign-offs/${d.signOffId}`,
    who: 'D D D D D D D A A D D',
  },
  // Notifications: everyone signed in reads their own list and settings (lib/notifications/inbox.ts reads by the
  // session's user, so there is no address for someone else's; the markReadAction row below proves an id of Amira's
  // is nobody else's to touch). The email outbox is an administrator's.
  { page: 'app/(app)/notifications/page.tsx', url: () => '/notifications', who: 'D A A A A A A A A A D' },
  {
    page: 'app/(app)/account/notifications/page.tsx',
    url: () => '/account/notifications',
    who: 'D A A A A A A A A A D',
  },
  { page: 'app/(app)/admin/outbox/page.tsx', url: () => '/admin/outbox', who: 'D D D D D D D A D D D' },
  // A progress review (Amira's, signed and locked): her own, her coach's and her assessor's to read, and an admin's.
  { page: 'app/(app)/reviews/[reviewId]/page.tsx', url: (d) => `/reviews/${d.reviewId}`, who: 'D A D A D A D A D D D' },

  // Route handlers that only read.
  {
    route: 'GET app/api/auth/[...nextauth]/route.ts',
    as: 'session',
    url: () => '/api/auth/session',
    who: 'A A A A A A A A A A A',
  },
  { route: 'GET app/api/health/route.ts', url: () => '/api/health', who: 'A A A A A A A A A A A' },
  // The public keys that records and audit seals are signed with: anyone verifying a record offline fetches them.
  {
    route: 'GET app/.well-known/criterion-keys.json/route.ts',
    url: () => '/.well-known/criterion-keys.json',
    who: 'A A A A A A A A A A A',
  },
  // CASE 1.1 (issue 23): every module's framework, public and read-only like the module pages; no session is read.
  {
    route: 'GET app/ims/case/v1p1/CFDocuments/route.ts',
    url: () => '/ims/case/v1p1/CFDocuments',
    who: 'A A A A A A A A A A A',
  },
  {
    route: 'GET app/ims/case/v1p1/CFDocuments/[sourcedId]/route.ts',
    url: () => `/ims/case/v1p1/CFDocuments/${documentId(CRITERION_MODULE)}`,
    who: 'A A A A A A A A A A A',
  },
  {
    route: 'GET app/ims/case/v1p1/CFPackages/[sourcedId]/route.ts',
    url: () => `/ims/case/v1p1/CFPackages/${documentId(CRITERION_MODULE)}`,
    who: 'A A A A A A A A A A A',
  },
  {
    route: 'GET app/ims/case/v1p1/CFItems/[sourcedId]/route.ts',
    url: () => `/ims/case/v1p1/CFItems/${itemId(CRITERION)}`,
    who: 'A A A A A A A A A A A',
  },
  {
    route: 'GET app/ims/case/v1p1/CFAssociations/[sourcedId]/route.ts',
    url: () =>
      `/ims/case/v1p1/CFAssociations/${associationId('isChildOf', itemId(CRITERION), groupId(CRITERION.replace(/\/\d+$/, '')))}`,
    who: 'A A A A A A A A A A A',
  },
  // Who is signed in (name and role), and the signed-in learner's own statuses (staff get none): neither route
  // has a way to name another person (the statuses hold no name, so there is no leak marker to look for).
  { route: 'GET app/api/me/route.ts', url: () => '/api/me', who: 'D A S S S S S S S S D' },
  {
    route: 'GET app/api/modules/[slug]/statuses/route.ts',
    url: () => `/api/modules/${CRITERION_MODULE}/statuses`,
    who: 'D A A A A A A A A A D',
  },
  {
    route: 'GET app/api/export/[learnerId]/[slug]/route.ts',
    url: (d) => `/api/export/${L(d)}/${CRITERION_MODULE}`,
    who: 'D A D A D A D A D D D',
  },
  // The signed, portable record (issue 22): the learner's own, her assessor's, an admin's; not her coach's.
  {
    route: 'GET app/api/record/[learnerId]/route.ts',
    url: (d) => `/api/record/${L(d)}`,
    who: 'D A D A D D D A D D D',
  },
  // A badge's signed credential (Ben's): his own to download, and an administrator's; nobody else's, Amira included.
  {
    route: 'GET app/api/badges/[badgeId]/route.ts',
    url: (d) => `/api/badges/${d.badgeId}`,
    who: 'D D A D D D D A D D D',
  },
  // The badges' revocation status list: public, like the keys; it names nobody.
  {
    route: 'GET app/api/badges/status-list/route.ts',
    url: () => '/api/badges/status-list',
    who: 'A A A A A A A A A A A',
  },
  {
    route: 'GET app/api/eqa/visits/[visitId]/pack/route.ts',
    url: (d) => `/api/eqa/visits/${d.eqaVisitId}/pack`,
    who: 'D D D D D D D A A A D',
  },
  // The whole criteria matrix as CSV: the matrix page's rule (coaches and admins), scoped like the page.
  {
    route: 'GET app/api/matrix/csv/route.ts',
    url: (d) => `/api/matrix/csv?cohort=${d.demoCohortId}&module=${CRITERION_MODULE}`,
    who: 'D D D D D A S A D D D',
  },
  // Amira's file, mapped to the criterion of the judgement the IQA's sample took (so its snapshot names the file): her
  // own staff and the IQA of her cohort open it, nobody else.
  { route: 'GET app/api/files/[id]/route.ts', url: (d) => `/api/files/${d.fileId}`, who: 'D A D A D A D A A D D' },
  // A file of evidence in the sample shared with the EQA's visit (Chloe's, the winter intake): the EQA opens it while
  // the visit is open, like Chloe's own assessor and coach, and the IQA of the cohort the sample was drawn in (not
  // Chloe's assessor: the file is one a sampled decision rested on); the ended EQA does not. Files no sample names
  // stay with the learner's own staff (the row above).
  {
    route: 'GET app/api/files/[id]/route.ts',
    url: (d) => `/api/files/${d.eqaFileId}`,
    who: 'D D D A D A D A A A D',
  },
  {
    route: 'GET app/api/reports/uploads/[uploadId]/route.ts',
    url: (d) => `/api/reports/uploads/${d.uploadId}?learner=${L(d)}`,
    who: 'D A D A D A D A D D D',
  },
  // The signed-in learner's own worksheet: there is no way to name someone else's.
  {
    route: 'GET app/api/worksheets/[slug]/route.ts',
    url: () => `/api/worksheets/${WORKSHEET}`,
    who: 'D A S D D D D D D D D',
  },

  // Changes, in an order where each allowed call leaves the next rows meaningful.
  // Without a CSRF token next-auth only redirects to its sign-out page: public, changes nothing.
  {
    route: 'POST app/api/auth/[...nextauth]/route.ts',
    as: 'sign-out without token',
    url: () => '/api/auth/signout',
    who: 'a a a a a a a a a a a',
  },
  {
    route: 'POST app/api/evidence/route.ts',
    as: "learner's own kind, for Amira",
    url: () => '/api/evidence',
    who: 'D A D D D D D D D D D',
    send: (d) =>
      form({
        kind: 'account',
        learnerId: L(d),
        title: 'Phoned a customer back',
        occurredOn: today(),
        body: 'I called back the same day.',
        criteria: '[]',
      }),
  },
  {
    route: 'POST app/api/evidence/route.ts',
    as: 'observation record, for Amira',
    url: () => '/api/evidence',
    who: 'D D D A D D D D D D D',
    send: (d) =>
      form({
        kind: 'observation',
        learnerId: L(d),
        title: 'Observed a sale',
        occurredOn: today(),
        body: 'Amira explained the loyalty card well.',
        criteria: '[]',
      }),
  },
  // Phone captures (lib/captures): only the learner herself declares, sends and finishes them; another learner finds
  // nothing of hers and no member of staff may send one in her name. Declaring names no learner (it is always the
  // caller's own), so both learners may declare one.
  {
    route: 'POST app/api/uploads/route.ts',
    url: () => '/api/uploads',
    who: 'D A A D D D D D D D D',
    send: () =>
      json({
        idempotencyKey: `matrix-row-${crypto.randomUUID()}`,
        fileName: 'stall.png',
        type: 'image/png',
        size: 1000,
        sha256: 'a'.repeat(64),
      }),
  },
  {
    route: 'GET app/api/uploads/[id]/route.ts',
    url: (d) => `/api/uploads/${d.captureUploadId}`,
    who: 'D A D D D D D D D D D',
  },
  {
    route: 'PUT app/api/uploads/[id]/route.ts',
    url: (d) => `/api/uploads/${d.captureUploadId}?offset=0`,
    who: 'D A D D D D D D D D D',
    send: (d) => ({
      body: new Uint8Array(d.capturePhoto),
      headers: { 'content-type': 'application/octet-stream' },
    }),
  },
  {
    route: 'POST app/api/uploads/[id]/route.ts',
    url: (d) => `/api/uploads/${d.completeCaptureId}`,
    who: 'D A D D D D D D D D D',
    send: () => json({ title: 'Stall photo', occurredOn: today(), criteria: [{ id: CRITERION, note: '' }] }),
  },
  {
    route: 'PUT app/api/evidence/[id]/route.ts',
    as: "Amira's file evidence",
    url: (d) => `/api/evidence/${d.evidenceId}`,
    who: 'D A D D D D D D D D D',
    send: (d) =>
      json({
        version: d.state.evidenceVersion,
        title: 'Customer feedback log (updated)',
        occurredOn: today(),
        description: 'The log I keep.',
        criteria: [{ id: CRITERION, note: 'Shows how I act on feedback.' }],
      }),
    after: (body, _a, d) => void (d.state.evidenceVersion = (body as { version: number }).version),
  },
  {
    route: 'PUT app/api/evidence/[id]/route.ts',
    as: "the assessor's observation",
    url: (d) => `/api/evidence/${d.observationId}`,
    who: 'D D D A D D D D D D D',
    send: (d) =>
      json({
        version: d.state.observationVersion,
        title: 'Observed a customer call',
        occurredOn: today(),
        body: 'Amira handled the complaint calmly and agreed a refund.',
        criteria: [],
      }),
    after: (body, _a, d) => void (d.state.observationVersion = (body as { version: number }).version),
  },
  {
    route: 'PUT app/api/worksheets/[slug]/route.ts',
    url: () => `/api/worksheets/${WORKSHEET}`,
    who: 'D A A D D D D D D D D',
    send: (d, actor) =>
      json({
        version: d.state.worksheetVersion[actor] ?? 0,
        answers: { 'contacts-review': actor === 'learner' ? WORKSHEET_MARKER : `Answer written by ${actor}` },
      }),
    after: (body, actor, d) => void (d.state.worksheetVersion[actor] = (body as { version: number }).version),
  },
  {
    action: actionKey('app/(app)/worksheets/[slug]/actions.ts', 'handInWorksheet'),
    at: () => `/worksheets/${WORKSHEET}`,
    who: 'D A A D D D D D D D D',
    args: (d, actor) => [{ slug: WORKSHEET, version: d.state.worksheetVersion[actor] ?? 1 }],
  },
  {
    // postComment is a useActionState form action: (previous state, FormData).
    action: actionKey('app/(app)/hand-ins/[submissionId]/actions.ts', 'postComment'),
    at: (d) => `/hand-ins/${d.submissionId}`,
    who: 'D D D D D A D D D D D',
    args: (d) => {
      const f = new FormData();
      f.set('submissionId', d.submissionId);
      f.set('sectionId', 'contacts-review');
      f.set('body', 'Good list. Which of these contact points do customers use most?');
      return [null, f];
    },
  },
  {
    action: actionKey('app/(app)/evidence/[id]/actions.ts', 'respondToJudgementAction'),
    at: (d) => `/evidence/${d.evidenceId}`,
    who: 'D A D D D D D D D D D',
    args: (d) => [{ judgementId: d.judgementId, note: 'Entries 3 and 7 show the changes I made after feedback.' }],
  },
  {
    action: actionKey('app/(app)/learners/[learnerId]/actions.ts', 'judgeCriterion'),
    at: (d) => `/learners/${L(d)}`,
    who: 'D D D A D D D D D D D',
    args: (d) => [
      {
        learnerId: L(d),
        criterionId: CRITERION,
        outcome: 'met',
        feedback: 'The log shows it clearly.',
        evidenceIds: [d.evidenceId],
      },
    ],
  },
  {
    // Submitting the draft already submitted as version 1 answers "already submitted": allowed, and nothing new.
    // The other learner has no draft of their own: a business refusal, not a permission one.
    action: actionKey('app/(app)/learner/report/actions.ts', 'submitReportAction'),
    at: () => '/learner/report',
    // Ben's report is signed off in the setup, so his own report no longer changes: refused like anyone else's.
    who: 'D A D D D D D D D D D',
    args: (d, actor) => [{ draftVersion: d.state.reportDraftVersion[actor] ?? 1, declared: true }],
  },
  {
    route: 'PUT app/api/reports/draft/route.ts',
    url: () => '/api/reports/draft',
    // Ben's report is signed off in the setup: his draft is frozen.
    who: 'D A D D D D D D D D D',
    send: (d, actor) =>
      json(
        actor === 'learner'
          ? { version: d.state.reportDraftVersion.learner, content: d.reportContent, sectionTags: {} }
          : {
              version: d.state.reportDraftVersion[actor] ?? 0,
              content: `The first paragraph of a report by ${actor}.`,
              sectionTags: {},
            },
      ),
    after: (body, actor, d) => void (d.state.reportDraftVersion[actor] = (body as { version: number }).version),
  },
  {
    // The query names the draft version each actor's page would show (their own draft; 0 for none).
    route: 'POST app/api/reports/upload/route.ts',
    url: (d, actor) => `/api/reports/upload?version=${d.state.reportDraftVersion[actor] ?? 0}`,
    // Ben's report is signed off in the setup: nothing more is uploaded to it.
    who: 'D A D D D D D D D D D',
    send: () => reportDocx(),
    after: (body, actor, d) =>
      void (d.state.reportDraftVersion[actor] = (body as { draft: { version: number } }).draft.version),
  },

  // Administration: every call targets scratch records, never the cast, so the rows after it stay meaningful.
  // Importing a signed record: administrators only; this body is not a record, so the admin gets the refusal in words.
  {
    route: 'POST app/api/admin/records/import/route.ts',
    url: () => '/api/admin/records/import',
    who: 'D D D D D D D a D D D',
    send: () => ({ body: 'not a record', headers: { 'content-type': 'application/zip' } }),
  },
  // Every learner's signed record of a cohort in one ZIP (issue 22): administrators only. The scratch cohort, so the
  // admin's download is small (its learners' records, if any, and index.csv).
  {
    route: 'GET app/api/admin/records/export/route.ts',
    url: (d) => `/api/admin/records/export?cohort=${d.scratchCohortId}`,
    who: 'D D D D D D D A D D D',
  },
  admin('createAccountAction', () => ({
    name: 'Matrix Created',
    email: 'matrix.created@authz.example',
    role: 'learner',
    password: 'matrix-password-123',
  })),
  admin('setActiveAction', (d) => ({ userId: d.scratchLearnerId, active: 'true' })),
  admin('resetPasswordAction', (d) => ({ userId: d.scratchLearnerId, password: 'another-password-123' })),
  // Erasing a learner (issue 22): administrators only. The admin's call is refused for its confirmation (an address
  // that is not the learner's), so nothing is erased; the accepted call is the bad-input catalogue's.
  {
    action: actionKey(ADMIN, 'eraseLearnerAction'),
    at: (d) => `/admin/accounts/${d.erasableLearner.id}`,
    args: (d) => [{ learnerId: d.erasableLearner.id, confirmation: 'not.the.learner@authz.example', reason: 'Matrix' }],
    who: 'D D D D D D D a D D D',
  },
  admin('createCohortAction', () => ({ name: 'Authorization matrix cohort' }), '/admin/cohorts'),
  admin(
    'addMembersAction',
    (d) => ({ cohortId: d.scratchCohortId, learnerIds: [d.scratchLearnerId] }),
    '/admin/cohorts',
  ),
  admin(
    'removeMemberAction',
    (d) => ({ cohortId: d.scratchCohortId, learnerId: d.scratchLearnerId }),
    '/admin/cohorts',
  ),
  admin('assignStaffAction', (d) => ({ staffId: d.ids.otherCoach, learnerId: d.scratchLearnerId, cohortId: '' })),
  admin('unassignStaffAction', (d) => ({
    staffId: d.ids.otherCoach,
    learnerId: d.scratchLearnerId,
    staffRole: 'coach',
  })),
  admin('enrolAction', (d) => ({ learnerId: d.scratchLearnerId, cohortId: '', moduleSlugs: [CRITERION_MODULE] })),
  admin('unenrolAction', (d) => ({ learnerId: d.scratchLearnerId, moduleSlug: CRITERION_MODULE })),
  // Revoking a badge (Ben's): administrators only, with a reason.
  {
    action: actionKey('app/(app)/admin/badges/actions.ts', 'revokeBadgeAction'),
    at: () => '/admin/badges',
    who: 'D D D D D D D A D D D',
    args: (d) => [{ badgeId: d.badgeId, reason: 'Revoked by the authorization matrix.' }],
  },
  admin(
    'previewImportAction',
    () => ({
      csv: `name,email,cohort,modules\nImported Learner,imported.learner@authz.example,Authorization matrix import,${CRITERION_MODULE}\n`,
    }),
    '/admin/import',
  ),
  admin(
    'importAction',
    () => ({
      csv: `name,email,cohort,modules\nImported Learner,imported.learner@authz.example,Authorization matrix import,${CRITERION_MODULE}\n`,
    }),
    '/admin/import',
  ),

  // Assessment of the report last: a sign-off makes the report final.
  {
    action: actionKey('app/(app)/reports/[learnerId]/actions.ts', 'saveAssessmentAction'),
    at: (d) => `/reports/${L(d)}`,
    who: 'D D D A D D D D D D D',
    args: (d) => [{ learnerId: L(d), versionId: d.reportVersionId, version: 0, data: completeAssessment() }],
  },
  // Confirm-all (issue 24): only her assessor passes the permission check. Amira linked no section to any criterion
  // and mapped no evidence to the unit, so his call is refused for that (400) and the report is left for decideAction.
  {
    action: actionKey('app/(app)/reports/[learnerId]/actions.ts', 'confirmAllAction'),
    at: (d) => `/reports/${L(d)}`,
    who: 'D D D a D D D D D D D',
    args: (d) => [
      {
        learnerId: L(d),
        versionId: d.reportVersionId,
        contentHash: d.reportHash,
        data: completeAssessment(),
        declared: true,
      },
    ],
  },
  {
    action: actionKey('app/(app)/reports/[learnerId]/actions.ts', 'decideAction'),
    at: (d) => `/reports/${L(d)}`,
    who: 'D D D A D D D D D D D',
    args: (d) => [
      {
        learnerId: L(d),
        versionId: d.reportVersionId,
        contentHash: d.reportHash,
        outcome: 'signed_off',
        data: completeAssessment(),
        declared: true,
      },
    ],
  },

  // Quality assurance: only the cohort's IQA draws a sample or records a verdict (an admin neither).
  // The plan: the cohort's IQA or an admin saves the next version, each based on the newest one.
  {
    action: actionKey(QUALITY, 'savePlanAction'),
    at: () => '/quality',
    who: 'D D D D D D D A A D D',
    args: (d, actor) => [
      {
        cohortId: d.demoCohortId,
        basedOnVersion: String(d.state.qaPlanVersion ?? 1),
        name: `Plan saved by ${actor}`,
        standardRate: '10',
        signOffRate: '25',
        newAssessor: 'on',
        newAssessorFirst: '5',
        newAssessorRate: '100',
        coverAssessor: 'sample',
        coverModule: 'plan',
        coverMethod: 'plan',
        coverStage: 'plan',
        coverCohort: 'plan',
      },
    ],
    after: (data, _actor, d) => void (d.state.qaPlanVersion = (data as { version: number }).version),
  },
  {
    action: actionKey(QUALITY, 'drawSampleAction'),
    at: () => '/quality',
    who: 'D D D D D D D D A D D',
    args: (d) => [{ cohortId: d.demoCohortId, from: today(), to: today(), seed: 'authz-matrix' }],
  },
  {
    action: actionKey(QUALITY, 'recordDecisionAction'),
    at: (d) => `/quality/items/${d.qaItemId}`,
    who: 'D D D D D D D D A D D',
    args: (d) => [
      {
        itemId: d.qaItemId,
        verdict: 'disagree',
        feedback: 'Say which log entries show the change.',
        actionText: ['Re-judge with the entries cited.'],
        actionDue: [today()],
      },
    ],
    after: (data, _actor, d) => void (d.state.qaActionId = (data as { actionIds: string[] }).actionIds[0]),
  },
  // Only the assessor whose decision was sampled (Priya) responds to the action; the IQA then closes it.
  {
    action: actionKey(QUALITY, 'respondToActionAction'),
    at: () => '/quality/feedback',
    who: 'D D D A D D D D D D D',
    args: (d) => [{ actionId: d.state.qaActionId, text: 'I asked Amira which entries; re-judged with them cited.' }],
  },
  {
    action: actionKey(QUALITY, 'closeActionAction'),
    at: (d) => `/quality/items/${d.qaItemId}`,
    who: 'D D D D D D D D A D D',
    args: (d) => [{ actionId: d.state.qaActionId, note: 'Re-judged with the entries cited.' }],
  },
  // External quality assurance: only an administrator sets up a visit, shares a sample with it, and ends it.
  {
    action: actionKey(EQA_ADMIN, 'createEqaVisitAction'),
    at: () => '/admin/eqa',
    who: 'D D D D D D D A D D D',
    args: () => [
      {
        name: 'Matrix Assurer',
        email: 'matrix.eqa@authz.example',
        organisation: 'Matrix Awarding',
        startsOn: ukToday(),
        endsOn: ukToday(),
      },
    ],
    after: (data, _actor, d) => void (d.state.scratchVisitId = (data as { visitId: string }).visitId),
  },
  {
    action: actionKey(EQA_ADMIN, 'shareSampleAction'),
    at: () => '/admin/eqa',
    who: 'D D D D D D D A D D D',
    args: (d) => [{ visitId: d.state.scratchVisitId ?? d.eqaVisitId, sampleId: d.eqaSampleId }],
  },
  {
    action: actionKey(EQA_ADMIN, 'unshareSampleAction'),
    at: () => '/admin/eqa',
    who: 'D D D D D D D A D D D',
    args: (d) => [{ visitId: d.state.scratchVisitId ?? d.eqaVisitId, sampleId: d.eqaSampleId }],
  },
  {
    action: actionKey(EQA_ADMIN, 'endEqaVisitAction'),
    at: () => '/admin/eqa',
    who: 'D D D D D D D A D D D',
    args: (d) => [{ visitId: d.state.scratchVisitId ?? d.eqaVisitId }],
  },
  // Countersigning binds the version's hash: only the IQA of the learner's cohort (an admin neither).
  {
    action: actionKey(QUALITY, 'countersignAction'),
    at: (d) => `/quality/sign-offs/${d.signOffId}`,
    who: 'D D D D D D D D A D D',
    args: (d) => [{ reportDecisionId: d.signOffId, contentHash: d.signOffHash, declared: 'on' }],
  },
  admin(
    'saveQaSettingsAction',
    (d) => ({ cohortId: d.scratchCohortId, countersignRequired: 'on', showReviewToLearners: 'on' }),
    '/admin/cohorts',
  ),
  admin('assignIqaAction', (d) => ({ iqaId: d.ids.otherAssessor, cohortId: d.scratchCohortId }), '/admin/cohorts'),
  // Progress reviews: only Amira's coach holds, edits and amends them; Amira and her coach sign; she marks a target
  // achieved and her coach confirms it. The amendment comes first: it opens the draft the next rows work on.
  {
    action: actionKey(REVIEWS, 'amendReviewAction'),
    at: (d) => `/reviews/${d.reviewId}`,
    who: 'D D D D D A D D D D D',
    args: (d) => [{ reviewId: d.reviewId }],
    after: (data, _actor, d) => {
      d.state.draftReviewId = (data as { id: string }).id;
      d.state.draftReviewVersion = 1;
    },
  },
  {
    route: 'PUT app/api/reviews/[reviewId]/route.ts',
    url: (d) => `/api/reviews/${d.state.draftReviewId}`,
    who: 'D D D D D A D D D D D',
    send: (d) => json({ version: d.state.draftReviewVersion, content: reviewContent() }),
    after: (body, _actor, d) => void (d.state.draftReviewVersion = (body as { version: number }).version),
  },
  {
    // Her coach asks an employer to sign the draft by single-use link, and the employer (anonymous, first) signs with
    // it; the link then refuses everyone else (used: 410).
    action: actionKey(REVIEWS, 'askEmployerToSignAction'),
    at: (d) => `/reviews/${d.state.draftReviewId}`,
    who: 'D D D D D A D D D D D',
    args: (d) => [
      {
        reviewId: d.state.draftReviewId,
        name: 'Pat Morgan',
        role: 'Operations manager',
        email: 'pat@employer.example',
      },
    ],
    after: (data, _actor, d) => void (d.state.employerToken = (data as { url: string }).url.split('/confirm/')[1]),
  },
  {
    action: actionKey(CONFIRM, 'signByLinkAction'),
    at: (d) => `/confirm/${d.state.employerToken}`,
    who: 'A a a a a a a a a a a',
    args: (d) => [{ token: d.state.employerToken, name: 'Pat Morgan', declared: true }],
  },
  {
    // Amira signs, then her coach: the review locks.
    action: actionKey(REVIEWS, 'signReviewAction'),
    at: (d) => `/reviews/${d.state.draftReviewId}`,
    who: 'D A D D D A D D D D D',
    args: (d) => [{ reviewId: d.state.draftReviewId, version: d.state.draftReviewVersion, declared: true }],
  },
  {
    action: actionKey(REVIEWS, 'startReviewAction'),
    at: (d) => `/coach/learners/${L(d)}`,
    who: 'D D D D D A D D D D D',
    args: (d) => [{ learnerId: L(d) }],
  },
  {
    // The other learner has no target with this key: not found.
    action: actionKey(REVIEWS, 'claimTargetAction'),
    at: () => '/learner',
    who: 'D A D D D D D D D D D',
    args: (d) => [{ key: d.targetKey }],
  },
  {
    action: actionKey(REVIEWS, 'confirmTargetAction'),
    at: (d) => `/coach/learners/${L(d)}`,
    who: 'D D D D D A D D D D D',
    args: (d) => [{ learnerId: L(d), key: d.targetKey, outcome: 'confirmed' }],
  },
  admin('setReviewIntervalAction', (d) => ({ cohortId: d.scratchCohortId, weeks: 8 }), '/admin/cohorts'),
  admin('setHourPlanAction', (d) => ({ cohortId: d.scratchCohortId, hoursPerWeek: 6 }), '/admin/cohorts'),
  // Learning hours: each learner logs their own (there is no way to name someone else); an entry of Amira's is hers
  // alone to withdraw (anyone else: not found).
  {
    action: actionKey('app/(app)/learner/hours/actions.ts', 'logHoursAction'),
    at: () => '/learner/hours',
    who: 'D A A D D D D D D D D',
    args: () => [{ spentOn: ukToday(), hours: '0', minutes: '30', activity: 'Practised a customer call' }],
  },
  {
    action: actionKey('app/(app)/learner/hours/actions.ts', 'withdrawHoursAction'),
    at: () => '/learner/hours',
    who: 'D A D D D D D D D D D',
    args: (d) => [{ id: d.hoursEntryId }],
  },
  admin('unassignIqaAction', (d) => ({ iqaId: d.ids.otherAssessor, cohortId: d.scratchCohortId }), '/admin/cohorts'),

  // Notifications: Amira's one is hers alone to mark read (anyone else: not found); each marks all their own read and
  // saves their own settings.
  {
    action: actionKey(NOTIFICATIONS, 'markReadAction'),
    at: () => '/notifications',
    who: 'D A D D D D D D D D D',
    args: (d) => [{ id: d.notificationId }],
  },
  {
    action: actionKey(NOTIFICATIONS, 'markAllReadAction'),
    at: () => '/notifications',
    who: 'D A A A A A A A A A D',
    args: () => [{ all: 'read' }],
  },
  {
    action: actionKey('app/(app)/account/notifications/actions.ts', 'savePreferencesAction'),
    at: () => '/account/notifications',
    who: 'D A A A A A A A A A D',
    args: () => [Object.fromEntries(KIND_VALUES.map((k) => [k, 'email']))],
  },
  // Single-use links (lib/links): the token is the permission. Whoever holds a valid one opens its page and answers
  // it, signed in or not (each actor has a link of their own); a token that is no link's is not found, for everyone.
  // Only the learner asks for a link for her own witness statement.
  {
    page: 'app/(public)/confirm/[token]/page.tsx',
    url: (d, actor) => `/confirm/${d.witnessTokens[actor]}`,
    who: 'A A A A A A A A A A A',
  },
  {
    page: 'app/(public)/confirm/[token]/page.tsx',
    url: (d) => `/confirm/${tampered(d.witnessTokens.anonymous)}`,
    who: 'N N N N N N N N N N N',
  },
  {
    action: actionKey(CONFIRM, 'answerWitnessAction'),
    at: (d) => `/confirm/${d.witnessTokens.anonymous}`,
    who: 'N N N N N N N N N N N',
    args: (d) => [{ token: tampered(d.witnessTokens.anonymous), name: 'Sam Lee', response: 'confirmed', comment: '' }],
  },
  {
    action: actionKey(CONFIRM, 'answerWitnessAction'),
    at: (d) => `/confirm/${d.witnessTokens.anonymous}`,
    who: 'A A A A A A A A A A A',
    args: (d, actor) => [{ token: d.witnessTokens[actor], name: 'Sam Lee', response: 'confirmed', comment: '' }],
  },
  {
    action: actionKey(CONFIRM, 'signByLinkAction'),
    at: (d) => `/confirm/${d.witnessTokens.anonymous}`,
    who: 'N N N N N N N N N N N',
    args: (d) => [{ token: tampered(d.witnessTokens.anonymous), name: 'Pat Morgan', declared: true }],
  },
  {
    action: actionKey('app/(app)/evidence/[id]/actions.ts', 'requestWitnessLinkAction'),
    at: (d) => `/evidence/${d.witnessEvidenceId}`,
    who: 'D A D D D D D D D D D',
    args: (d) => [{ evidenceId: d.witnessEvidenceId }],
  },

  // Everyone's own account. A wrong current password is the business refusal: nobody's password changes here.
  {
    action: actionKey(ACCOUNT, 'changePasswordAction'),
    at: () => '/account',
    who: 'D a a a a a a a a a D',
    args: () => [
      {
        current: 'not my current password',
        next: 'violet tram under 9 bridges',
        confirm: 'violet tram under 9 bridges',
      },
    ],
  },
  // Last: it ends every session of each actor's account, so no row can come after it.
  {
    action: actionKey(ACCOUNT, 'endAllSessionsAction'),
    at: () => '/account',
    who: 'D A A A A A A A A A D',
    args: () => [{ confirm: 'everywhere' }],
  },
];

let app: AppServer | undefined;
let data: MatrixData;
let actions: Map<string, ActionRef>;
const results: { c: Case; cells: Cell[] }[] = [];

describe('authorization matrix', () => {
  it('has an entry for every page, route handler method and server action in the code', () => {
    const inv = readInventory(root);
    const covered = new Set(CASES.map(caseKey));
    const missing = [...inv.pages, ...inv.routes, ...inv.actions]
      .filter((k) => !covered.has(k))
      .map((k) => `no matrix entry for ${k} — add one`);
    const known = new Set([...inv.pages, ...inv.routes, ...inv.actions]);
    const stale = [...covered]
      .filter((k) => !known.has(k))
      .map((k) => `matrix entry for ${k}, which no longer exists — remove it`);
    expect([...missing, ...stale]).toEqual([]);
    for (const c of CASES) tokens(c);
  });

  describe('against the production build', () => {
    beforeAll(async () => {
      actions = productionActions(root, distDir, readInventory(root).actions);
      const env = seedDatabase(dataDir);
      app = await startAppServer(
        { ...env, DATABASE_URL: '', DEMO_SEED: 'never' },
        { port: await portFromEnv('AUTHZ_PORT') },
      );
      data = await createMatrixData(app.url, await signInEveryone(app.url), actions);
    }, 240_000);

    afterAll(async () => {
      if (results.length)
        console.log(`\nAuthorization matrix (what each call got; ✗ = not as expected)\n${formatSummary(results)}\n`);
      await app?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('has an entry for every server action in the build (inline "use server" functions included)', () => {
      const covered = new Set(CASES.map(caseKey));
      expect(
        [...actions.keys()].filter((k) => !covered.has(k)).map((k) => `no matrix entry for ${k} — add one`),
      ).toEqual([]);
    });

    it('old role-named addresses redirect permanently to the pages named by what they show, and nothing more', async () => {
      const moved = [
        [`/assessor/learners/${L(data)}`, `/learners/${L(data)}`],
        [`/coach/worksheets/${data.submissionId}`, `/hand-ins/${data.submissionId}`],
        [`/assessor/reports/${L(data)}`, `/reports/${L(data)}`],
        [`/assessor/reports/${L(data)}/versions/1`, `/reports/${L(data)}/versions/1`],
      ];
      for (const [from, to] of moved) {
        // Anonymous: the redirect says where the page is now, and that page still checks who is asking.
        const res = await fetch(`${app!.url}${from}`, { redirect: 'manual' });
        expect([from, res.status, new URL(res.headers.get('location') ?? '', app!.url).pathname]).toEqual([
          from,
          308,
          to,
        ]);
        expect(res.headers.get('strict-transport-security'), from).toMatch(/max-age=/);
        const there = await fetch(new URL(to, app!.url), { redirect: 'manual' });
        expect([
          to,
          there.headers.get('location') && new URL(there.headers.get('location')!, app!.url).pathname,
        ]).toEqual([to, '/signin']);
      }
      // The lists did not move.
      for (const list of ['/assessor/learners', '/coach/worksheets', '/assessor/reports']) {
        const res = await fetch(`${app!.url}${list}`, { redirect: 'manual' });
        expect([list, new URL(res.headers.get('location') ?? '', app!.url).pathname]).toEqual([list, '/signin']);
      }
    });

    for (const c of CASES) {
      it(caseLabel(c), async () => {
        const cells = await runCase(c, data, actions);
        results.push({ c, cells });
        if (process.env.AUTHZ_VERBOSE)
          for (const cell of cells) console.log(`${cell.actor.padEnd(13)} ${cell.expected} ${cell.detail}`);
        const wrong = cells
          .filter((cell) => !cell.pass)
          .map((cell) => `${cell.actor}: expected ${cell.expected}, got ${cell.got} — ${cell.detail}`);
        expect(wrong).toEqual([]);
        // A scoped row's "shows nothing of Amira" check means something only if her own people do see her there.
        if (cells.some((cell) => cell.expected === 'S')) {
          expect(
            cells.filter((cell) => cell.expected === 'A' && cell.shows).map((cell) => cell.actor),
            'no allowed actor saw Amira here, so the leak check proves nothing',
          ).not.toEqual([]);
        }
      });
    }
  });
});
