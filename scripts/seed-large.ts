/**
 * `npm run db:seed:large`: a realistic provider at scale for the dashboard benchmark and for trying the
 * dashboards by hand: 1,000 learners in 40 cohorts, 40 coaches and 20 assessors, enrolled across the modules,
 * with evidence, mappings, judgements (and their history), worksheet hand-ins with comments, and report
 * versions with decisions. Hundreds of thousands of rows, written as multi-row inserts.
 *
 *   PGLITE_DIR=.data/large npm run db:seed:large        (embedded database)
 *   DATABASE_URL=postgres://... npm run db:seed:large   (PostgreSQL)
 *   ... -- --learners 200                               (smaller)
 *
 * Every account's password is `criterion-demo`; e.g. coach1@large.example sees cohort 1's learners.
 * Deterministic (seeded random numbers), so two runs make the same provider.
 */
import crypto from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import {
  auditLog,
  cohortMembers,
  cohorts,
  cohortStaff,
  enrolments,
  evidence,
  evidenceCriteria,
  judgementResponses,
  judgements,
  reportDecisions,
  reportDrafts,
  reportVersions,
  staffAssignments,
  users,
  worksheetAnswers,
  worksheetComments,
  worksheetSubmissions,
} from '../db/schema';
import { hashPassword } from '../lib/auth/password';
import { assessableItems, getEquivalents, getModule } from '../lib/content';
import { countReport } from '../lib/wordcount';

export interface LargeOptions {
  learners: number;
  cohorts: number;
  coaches: number;
  assessors: number;
  /** Distinguishes the accounts of one run from another's in the same database (tests run several). */
  tag?: string;
  seed?: number;
  now?: Date;
  log?: (line: string) => void;
}

export interface LargeProvider {
  adminId: string;
  /** Coaches every learner: the worst case the dashboard target is about (1,000 learners on one page). */
  headCoachId: string;
  /** Every learner of the provider in one cohort, for the worst-case matrix. */
  programmeCohortId: string;
  learnerIds: string[];
  coachIds: string[];
  assessorIds: string[];
  cohortIds: string[];
  rows: number;
}

const DAY = 86_400_000;
const STANDARDS = ['ee2-win-keep-customers', 'win-retain-customers', 'develop-customer-relationships'];
const UNIT = 'u306-customers-retention';
const WORKSHEET = 'ws-2-8-keeping-customers';

const FIRST = [
  'Amira',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Farid',
  'Grace',
  'Hamza',
  'Isla',
  'Jack',
  'Kemi',
  'Liam',
  'Maya',
  'Noah',
  'Olivia',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Vikram',
  'Wen',
  'Xander',
  'Yasmin',
  'Zak',
  'Aoife',
  'Bilal',
  'Cerys',
  'Dylan',
  'Efua',
  'Finn',
];
const LAST = [
  'Khan',
  'Carter',
  'Patel',
  'Jones',
  'Williams',
  'Okafor',
  'Nowak',
  'Evans',
  'Murphy',
  'Ali',
  'Davies',
  'Chen',
  'Hughes',
  'Singh',
  'Roberts',
  'Osei',
  'Walker',
  'Kowalski',
  'Begum',
  'Thomas',
  'Wright',
  'Mensah',
  'Green',
  'Hussain',
  'Lewis',
  'Clarke',
  'Ahmed',
  'Reid',
];
const TITLES = [
  'Customer feedback survey results',
  'Complaint handled at the market stall',
  'Loyalty card scheme launch',
  'Follow-up emails to new customers',
  'Social media reply to a review',
  'Price list and service standards',
  'Repeat-order phone call notes',
  'Customer journey map',
  'Newsletter sign-up drive',
  'Refund handled for a late delivery',
  'Trade fair conversation log',
  'Website contact form changes',
];
const FEEDBACK_MET = [
  'Clear evidence of this in practice.',
  'Good account, well linked to the criterion.',
  'The witness statement confirms this.',
  '',
];
const FEEDBACK_NOT_YET = [
  'Say what you did yourself, not what the business does in general.',
  'This shows the plan but not that you carried it out.',
  'Add an example with a real customer and what happened next.',
  'The link does not open; upload the document instead.',
];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = Record<string, unknown>;

/** A value in PostgreSQL's text form (what a cast from text reads), or null. */
function textValue(v: unknown, sqlType: string): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (sqlType.startsWith('json')) return JSON.stringify(v);
  // Only uuid[] columns take arrays here: their elements need no quoting.
  if (Array.isArray(v)) return `{${v.join(',')}}`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * Loads rows 20,000 at a time as one INSERT ... SELECT FROM unnest(...) per batch: one text array per column, cast
 * to the column's type, so a batch is one statement with a handful of parameters however many rows it holds. On
 * PostgreSQL this replaced COPY FROM STDIN, whose stream in the postgres driver (3.4) could leave a connection
 * hanging after the copy ended (porsager/postgres#917, #1173): seeding 10,000 learners stopped at the judgements.
 */
async function bulkLoad(db: Db, table: PgTable, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const columns = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => columns[k]);
  const types = keys.map((k) => columns[k].getSQLType());
  const names = sql.join(
    keys.map((k) => sql.identifier(columns[k].name)),
    sql`, `,
  );
  const aliases = sql.join(
    keys.map((_, c) => sql.identifier(`c${c}`)),
    sql`, `,
  );
  const casts = sql.join(
    keys.map((_, c) => sql`${sql.identifier(`c${c}`)}::${sql.raw(types[c])}`),
    sql`, `,
  );
  // 4,000 rows a statement: inserting a judgement takes an advisory lock per learner and module until the statement's
  // transaction ends (db/sql/007_signed_off_criteria.sql), and 20,000 at once ran PostgreSQL's shared lock table out
  // ("out of shared memory" with the default max_locks_per_transaction of 64).
  for (let i = 0; i < rows.length; i += 4_000) {
    const batch = rows.slice(i, i + 4_000);
    const arrays = sql.join(
      keys.map((k, c) => sql`${sql.param(batch.map((r) => textValue(r[k], types[c])))}::text[]`),
      sql`, `,
    );
    await db.execute(sql`insert into ${table} (${names}) select ${casts} from unnest(${arrays}) as t(${aliases})`);
  }
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

function reportText(name: string, words: number, rnd: () => number): string {
  const vocab =
    'customers retention loyalty service feedback business repeat value complaints trust price quality market small enterprise the and of to in we our my with for'.split(
      ' ',
    );
  const lines = [`# Keeping customers: ${name}`, ''];
  let n = 0;
  let section = 1;
  while (n < words) {
    lines.push(`## ${section}. Part ${section}`, '');
    for (let p = 0; p < 3 && n < words; p++) {
      const len = 60 + Math.floor(rnd() * 60);
      const para: string[] = [];
      for (let i = 0; i < len && n < words; i++, n++) para.push(vocab[Math.floor(rnd() * vocab.length)]);
      lines.push(`${para.join(' ')}.`, '');
    }
    section++;
  }
  lines.push('## References', 'Institute of Customer Service (2024) UK Customer Satisfaction Index.');
  return lines.join('\n');
}

export async function seedLarge(db: Db, opts: LargeOptions): Promise<LargeProvider> {
  const log = opts.log ?? (() => {});
  const rnd = mulberry32(opts.seed ?? 20260501);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const now = opts.now ?? new Date();
  const tag = opts.tag ?? 'large';
  const domain = tag === 'large' ? 'large.example' : `${tag}.large.example`;
  const hash = await hashPassword('criterion-demo');
  const uuid = () => crypto.randomUUID();
  let rowCount = 0;
  const put = async <T extends Record<string, unknown>>(table: PgTable, rows: T[], label: string) => {
    const t0 = Date.now();
    await bulkLoad(db, table, rows);
    rowCount += rows.length;
    log(`  ${label.padEnd(22)} ${String(rows.length).padStart(8)} rows  ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };

  // People and groups.
  const adminId = uuid();
  const headCoachId = uuid();
  const programmeCohortId = uuid();
  const coachIds = Array.from({ length: opts.coaches }, uuid);
  const assessorIds = Array.from({ length: opts.assessors }, uuid);
  const learnerIds = Array.from({ length: opts.learners }, uuid);
  const cohortIds = Array.from({ length: opts.cohorts }, uuid);
  const person = (i: number) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
  const userRows = [
    { id: adminId, email: `admin@${domain}`, name: 'Large Provider Admin', role: 'admin' as const, passwordHash: hash },
    {
      id: headCoachId,
      email: `head.coach@${domain}`,
      name: 'Helen Head (head coach)',
      role: 'coach' as const,
      passwordHash: hash,
    },
    ...coachIds.map((id, i) => ({
      id,
      email: `coach${i + 1}@${domain}`,
      name: `${person(i * 7 + 3)} (coach)`,
      role: 'coach' as const,
      passwordHash: hash,
    })),
    ...assessorIds.map((id, i) => ({
      id,
      email: `assessor${i + 1}@${domain}`,
      name: `${person(i * 11 + 5)} (assessor)`,
      role: 'assessor' as const,
      passwordHash: hash,
    })),
    ...learnerIds.map((id, i) => ({
      id,
      email: `learner${i + 1}@${domain}`,
      name: `${person(i)} ${i + 1}`,
      role: 'learner' as const,
      passwordHash: hash,
    })),
  ];
  await put(users, userRows, 'users');
  const intake = ['spring', 'summer', 'autumn', 'winter'];
  const prefix = tag === 'large' ? '' : `${tag} `;
  await put(
    cohorts,
    [
      ...cohortIds.map((id, i) => ({
        id,
        name: `${prefix}Cohort ${String(i + 1).padStart(2, '0')}, ${intake[i % 4]} intake`,
      })),
      { id: programmeCohortId, name: `${prefix}Programme 2026 (all intakes)` },
    ],
    'cohorts',
  );

  const cohortOf = (i: number) => i % opts.cohorts;
  const coachOfCohort = (c: number) => coachIds[c % opts.coaches];
  const assessorOfCohort = (c: number) => assessorIds[c % opts.assessors];
  await put(
    cohortStaff,
    cohortIds.flatMap((cohortId, c) => [
      { cohortId, staffId: coachOfCohort(c), staffRole: 'coach' as const },
      { cohortId, staffId: assessorOfCohort(c), staffRole: 'assessor' as const },
    ]),
    'cohort staff',
  );
  await put(
    cohortMembers,
    learnerIds.flatMap((learnerId, i) => [
      { cohortId: cohortIds[cohortOf(i)], learnerId },
      { cohortId: programmeCohortId, learnerId },
    ]),
    'cohort members',
  );
  await put(
    staffAssignments,
    learnerIds.flatMap((learnerId, i) => [
      { learnerId, staffId: coachOfCohort(cohortOf(i)), staffRole: 'coach' as const },
      { learnerId, staffId: assessorOfCohort(cohortOf(i)), staffRole: 'assessor' as const },
      { learnerId, staffId: headCoachId, staffRole: 'coach' as const },
    ]),
    'staff assignments',
  );

  // Work, as timed events: sorted by time at the end so activity_seq follows the clock, as it would in real use.
  type Ev = { at: number; apply: (seq: number) => void };
  const events: Ev[] = [];
  const enrolRows: { learnerId: string; moduleSlug: string; enrolledAt: Date }[] = [];
  const evidenceRows: Record<string, unknown>[] = [];
  const mappingRows: Record<string, unknown>[] = [];
  const judgementRows: Record<string, unknown>[] = [];
  const responseRows: Record<string, unknown>[] = [];
  const answerRows: Record<string, unknown>[] = [];
  const submissionRows: Record<string, unknown>[] = [];
  const commentRows: Record<string, unknown>[] = [];
  const draftRows: Record<string, unknown>[] = [];
  const versionRows: Record<string, unknown>[][] = [[], [], []];
  const decisionRows: Record<string, unknown>[][] = [[], [], []];
  const unitRules = getModule(UNIT)!.reportRules!;

  for (const [i, learnerId] of learnerIds.entries()) {
    const c = cohortOf(i);
    const coachId = coachOfCohort(c);
    const assessorId = assessorOfCohort(c);
    const start = now.getTime() - (40 + Math.floor(rnd() * 150)) * DAY;
    // Most learners were active this fortnight; some have gone quiet (the "stuck" ones a coach should see).
    const quiet = rnd() < 0.15;
    const lastActive = quiet ? now.getTime() - (15 + rnd() * 40) * DAY : now.getTime() - rnd() * 12 * DAY;
    const end = Math.max(start + DAY, lastActive);
    const pace = 0.2 + rnd() * 0.8;
    const when = () => start + rnd() * (end - start);
    // The learner's latest piece of work is dated on their last active day, so "last activity" means what it says.
    let latestPending = true;
    const r = rnd();
    const standards = r < 0.3 ? STANDARDS : r < 0.8 ? [pick(STANDARDS), pick(STANDARDS)] : [pick(STANDARDS)];
    const modules = [...new Set(standards)];
    if (rnd() < 0.6) modules.push(UNIT);
    if (rnd() < 0.7) modules.push(WORKSHEET);
    for (const moduleSlug of modules) enrolRows.push({ learnerId, moduleSlug, enrolledAt: new Date(start) });

    for (const slug of modules.filter((m) => m !== WORKSHEET)) {
      const items = assessableItems(slug).filter(() => rnd() < pace);
      for (let k = 0; k < items.length;) {
        const picked = items.slice(k, k + 1 + Math.floor(rnd() * 4));
        k += picked.length;
        // Evidence is offered against equivalent criteria of the other enrolled standards too (the crosswalk).
        const group = [
          ...new Map(
            picked
              .flatMap((item) => [item, ...getEquivalents(item.id).filter((e) => modules.includes(e.moduleSlug))])
              .map((item) => [item.id, item]),
          ).values(),
        ];
        const evId = uuid();
        const t = latestPending ? end : when();
        latestPending = false;
        const kind = pick(['account', 'account', 'link', 'witness', 'file'] as const);
        events.push({
          at: t,
          apply: (seq) => {
            evidenceRows.push({
              id: evId,
              learnerId,
              authorId: learnerId,
              kind: kind === 'file' ? 'account' : kind,
              title: pick(TITLES),
              occurredOn: new Date(t - rnd() * 5 * DAY).toISOString().slice(0, 10),
              description: 'What I did and why it matters for keeping customers.',
              body:
                kind === 'link'
                  ? null
                  : 'I spoke to the customer, listened to what went wrong, apologised and agreed a replacement. I followed up a week later to check they were happy and they have ordered again since.',
              url: kind === 'link' ? 'https://example.org/my-business/reviews' : null,
              witnessName: kind === 'witness' ? 'Jo Bloggs' : null,
              witnessRole: kind === 'witness' ? 'Regular customer' : null,
              activitySeq: seq,
              createdAt: new Date(t),
              updatedAt: new Date(t),
            });
          },
        });
        for (const item of group) {
          events.push({
            at: t + 1,
            apply: (seq) => {
              mappingRows.push({
                evidenceId: evId,
                criterionId: item.id,
                moduleSlug: item.moduleSlug,
                learnerId,
                note: 'This shows the criterion in practice.',
                activitySeq: seq,
                createdAt: new Date(t + 1),
              });
            },
          });
          // Judged a few days later, unless it is too recent; "not yet met" is often followed by more evidence.
          const judgedAt = t + (1 + rnd() * 10) * DAY;
          // Assessors keep up: what waits is mostly the last week or two.
          if (judgedAt > now.getTime() || rnd() < 0.03) continue;
          const met = rnd() < 0.9;
          const judge = (at: number, outcome: 'met' | 'not_yet_met', cite: string[]) =>
            events.push({
              at,
              apply: (seq) => {
                judgementRows.push({
                  learnerId,
                  criterionId: item.id,
                  moduleSlug: item.moduleSlug,
                  outcome,
                  assessorId,
                  evidenceIds: cite,
                  feedback: outcome === 'met' ? pick(FEEDBACK_MET) : pick(FEEDBACK_NOT_YET),
                  activitySeq: seq,
                  createdAt: new Date(at),
                });
              },
            });
          judge(judgedAt, met ? 'met' : 'not_yet_met', met ? [evId] : []);
          if (met || rnd() < 0.15) continue;
          const retry = judgedAt + (2 + rnd() * 20) * DAY;
          if (retry > end) continue;
          const ev2 = uuid();
          events.push({
            at: retry,
            apply: (seq) => {
              evidenceRows.push({
                id: ev2,
                learnerId,
                authorId: learnerId,
                kind: 'account',
                title: `${pick(TITLES)} (more detail)`,
                occurredOn: new Date(retry).toISOString().slice(0, 10),
                description: 'Added after my assessor\u2019s feedback.',
                body: 'Here is exactly what I did myself, with the dates and the customer\u2019s reply.',
                activitySeq: seq,
                createdAt: new Date(retry),
                updatedAt: new Date(retry),
              });
            },
          });
          events.push({
            at: retry + 1,
            apply: (seq) => {
              mappingRows.push({
                evidenceId: ev2,
                criterionId: item.id,
                moduleSlug: item.moduleSlug,
                learnerId,
                note: 'Answers the feedback.',
                activitySeq: seq,
                createdAt: new Date(retry + 1),
              });
            },
          });
          const rejudge = retry + (1 + rnd() * 8) * DAY;
          if (rejudge < now.getTime() && rnd() < 0.75) judge(rejudge, 'met', [ev2]);
        }
      }
    }

    if (modules.includes(WORKSHEET) && rnd() < 0.8) {
      const t = when();
      const answers = {
        contacts: [
          {
            id: 'r1',
            cells: { contact: 'Phone enquiries', service: 'Answer within three rings and call back the same day.' },
          },
        ],
        tips: { 'be-honest': true, listen: true, 'respond-quickly': rnd() < 0.5 },
        'contacts-review': 'I would add a follow-up call after each delivery.',
      };
      const hands = rnd() < 0.7 ? (rnd() < 0.3 ? 2 : 1) : 0;
      answerRows.push({
        learnerId,
        moduleSlug: WORKSHEET,
        answers,
        version: hands + 1,
        createdAt: new Date(t),
        updatedAt: new Date(t),
        auditedAt: new Date(t),
      });
      for (let n = 1; n <= hands; n++) {
        const subId = uuid();
        const at = t - (hands - n) * 3 * DAY;
        submissionRows.push({
          id: subId,
          learnerId,
          moduleSlug: WORKSHEET,
          number: n,
          answers,
          answersVersion: n,
          submittedAt: new Date(at),
        });
        if (n < hands || rnd() < 0.55) {
          commentRows.push({
            submissionId: subId,
            learnerId,
            authorId: coachId,
            sectionId: rnd() < 0.5 ? 'contacts' : null,
            body: 'Good start: add how you will know the customer was happy.',
            createdAt: new Date(at + DAY),
          });
        }
      }
    }

    if (modules.includes(UNIT) && rnd() < 0.7) {
      const draftId = uuid();
      const words = 2000 + Math.floor(rnd() * 2600);
      const content = reportText(person(i), words, rnd);
      const t = when();
      const counted = countReport(content, unitRules);
      const submits = counted.counted >= unitRules.minWords && rnd() < 0.6;
      draftRows.push({
        id: draftId,
        learnerId,
        moduleSlug: UNIT,
        content,
        version: submits ? 3 : 2,
        createdAt: new Date(t - 5 * DAY),
        updatedAt: new Date(t),
      });
      if (submits) {
        // Version 1, perhaps referred and followed by version 2; the newest may be decided or still waiting.
        const two = rnd() < 0.35;
        const texts = two ? [`${content}\n\nFirst draft.`, content] : [content];
        for (const [v, text] of texts.entries()) {
          const id = uuid();
          const m = countReport(text, unitRules);
          const at = t - (texts.length - v) * 6 * DAY + DAY;
          versionRows[v].push({
            id,
            learnerId,
            moduleSlug: UNIT,
            number: v + 1,
            draftId,
            draftVersion: v + 1,
            content: text,
            contentHash: sha256(text),
            totalWords: m.total,
            countedWords: m.counted,
            excluded: m.excluded.map((e) => ({ heading: e.heading, words: e.words, reason: e.reason })),
            sectionTags: {},
            declaration: 'I declare that this report is my own work.',
            submittedBy: learnerId,
            submittedAt: new Date(at),
          });
          const last = v === texts.length - 1;
          if (!last || rnd() < 0.5) {
            const signed = last && rnd() < 0.7;
            decisionRows[v].push({
              versionId: id,
              learnerId,
              moduleSlug: UNIT,
              assessorId,
              outcome: signed ? 'signed_off' : 'referred',
              feedback: signed ? 'Meets every criterion.' : 'Say more about how you measure retention (AC 3.2).',
              rangeMarks: {},
              discussion: { heldOn: '', acIds: [], notes: '' },
              declaration: signed ? 'I confirm that I have assessed this version.' : null,
              contentHash: sha256(text),
              countedWords: m.counted,
              decidedAt: new Date(at + 2 * DAY),
            });
          }
        }
      }
    }
  }

  // Activity positions follow the clock across every learner, continuing the database's own sequence.
  events.sort((a, b) => a.at - b.at);
  const [{ base }] = await db
    .execute<{ base: string }>(sql`select nextval('criterion_activity_seq') as base`)
    .then((r) => (Array.isArray(r) ? r : (r as { rows: { base: string }[] }).rows));
  events.forEach((e, k) => e.apply(Number(base) + k + 1));
  await db.execute(sql.raw(`select setval('criterion_activity_seq', ${Number(base) + events.length + 1})`));

  const judgementIds = judgementRows.map((j) => {
    const id = uuid();
    j.id = id;
    return id;
  });
  // Every change is audited in real use, so the log is as big as the work.
  const entry = (
    actorId: unknown,
    action: string,
    subjectType: string,
    subjectId: unknown,
    learnerId: unknown,
    at: unknown,
    after: unknown = null,
  ) => ({ actorId, action, subjectType, subjectId, learnerId, at, after });
  const auditRows = [
    ...enrolRows.map((e) =>
      entry(adminId, 'enrolment.add', 'enrolment', `${e.learnerId}:${e.moduleSlug}`, e.learnerId, e.enrolledAt, {
        moduleSlug: e.moduleSlug,
      }),
    ),
    ...evidenceRows.map((e) =>
      entry(e.authorId, 'evidence.create', 'evidence', e.id, e.learnerId, e.createdAt, { title: e.title }),
    ),
    ...judgementRows.map((j) =>
      entry(j.assessorId, 'judgement.record', 'judgement', j.id, j.learnerId, j.createdAt, {
        criterionId: j.criterionId,
        outcome: j.outcome,
      }),
    ),
    ...submissionRows.map((w) =>
      entry(w.learnerId, 'worksheet.submit', 'worksheet_submission', w.id, w.learnerId, w.submittedAt, {
        number: w.number,
      }),
    ),
    ...commentRows.map((c) =>
      entry(c.authorId, 'worksheet.comment', 'worksheet_submission', c.submissionId, c.learnerId, c.createdAt),
    ),
    ...versionRows.flat().map((v) =>
      entry(v.learnerId, 'report.submit', 'report_version', v.id, v.learnerId, v.submittedAt, {
        number: v.number,
        countedWords: v.countedWords,
      }),
    ),
    ...decisionRows
      .flat()
      .map((d) =>
        entry(
          d.assessorId,
          d.outcome === 'signed_off' ? 'report.signoff' : 'report.refer',
          'report_version',
          d.versionId,
          d.learnerId,
          d.decidedAt,
          { outcome: d.outcome },
        ),
      ),
  ].sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());

  await put(enrolments, enrolRows, 'enrolments');
  await put(evidence, evidenceRows, 'evidence');
  await put(evidenceCriteria, mappingRows, 'evidence mappings');
  await put(judgements, judgementRows, 'judgements');
  // A few learners answered a "not yet met" judgement.
  for (const [k, j] of judgementRows.entries()) {
    if (j.outcome === 'not_yet_met' && k % 9 === 0) {
      responseRows.push({
        judgementId: judgementIds[k],
        learnerId: j.learnerId,
        authorId: j.learnerId,
        note: 'Thanks, I will add the customer\u2019s email as well.',
        createdAt: new Date((j.createdAt as Date).getTime() + DAY),
      });
    }
  }
  // Replies take their position from the sequence as they are written: they never change a criterion's status.
  await put(judgementResponses, responseRows, 'judgement replies');
  await put(worksheetAnswers, answerRows, 'worksheet answers');
  await put(worksheetSubmissions, submissionRows, 'worksheet hand-ins');
  await put(worksheetComments, commentRows, 'worksheet comments');
  await put(reportDrafts, draftRows, 'report drafts');
  // Versions and decisions go in turn (v1, its decision, v2, ...): the database refuses a decision on a superseded version.
  for (let v = 0; v < versionRows.length; v++) {
    await put(reportVersions, versionRows[v], `report versions (v${v + 1})`);
    await put(reportDecisions, decisionRows[v], `report decisions (v${v + 1})`);
  }
  await put(auditLog, auditRows, 'audit log');
  // Rows written here bypass lib, so the triggers queued every learner: compute their caseload figures now, in batches.
  const { catchUp } = await import('../lib/dashboards/progress-current');
  const t = Date.now();
  const figured = await catchUp(db, { batch: 500 });
  log(`caseload figures: ${figured} learners in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return { adminId, headCoachId, programmeCohortId, learnerIds, coachIds, assessorIds, cohortIds, rows: rowCount };
}

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main() {
  await import('../tests/helpers/plain-node');
  const { getHandle } = await import('../db/client');
  const { migrateDatabase } = await import('../db/migrate');
  const handle = getHandle();
  await migrateDatabase(handle, { ownerUrl: process.env.DATABASE_OWNER_URL || undefined });
  const [{ n }] = await handle.db
    .execute<{ n: string }>(sql`select count(*) as n from users where email like '%@large.example'`)
    .then((r) => (Array.isArray(r) ? r : (r as { rows: { n: string }[] }).rows));
  if (Number(n) > 0) {
    console.log(
      `This database already holds the large provider (${n} accounts @large.example). Use a fresh PGLITE_DIR or database.`,
    );
    await handle.close();
    return;
  }
  const learners = argValue('learners', 1000);
  const t0 = Date.now();
  console.log(
    `Seeding a provider with ${learners} learners on ${handle.kind === 'pglite' ? `PGlite (${process.env.PGLITE_DIR ?? '.data/pglite'})` : 'PostgreSQL'} ...`,
  );
  const made = await seedLarge(handle.db, {
    learners,
    cohorts: argValue('cohorts', Math.max(1, Math.round(learners / 25))),
    coaches: argValue('coaches', Math.max(1, Math.round(learners / 25))),
    assessors: argValue('assessors', Math.max(1, Math.round(learners / 50))),
    log: console.log,
  });
  await handle.db.execute(sql`analyze`);
  console.log(
    `Done: ${made.rows.toLocaleString('en-GB')} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s. Sign in as coach1@large.example, head.coach@large.example (every learner), assessor1@large.example or admin@large.example (password criterion-demo).`,
  );
  await handle.close();
}

if (process.argv[1] && /seed-large\.ts$/.test(process.argv[1])) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
