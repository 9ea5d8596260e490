import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { newFileKey } from '../lib/files/keys';
import { currentWording } from '../lib/content/wording';
import { getFileStore } from '../lib/files/store';
import { hashPassword } from '../lib/auth/password';
import { DEFAULT_PLAN_RULES } from '../lib/qa/rules';
import { insertPlanVersion, performDraw } from '../lib/qa/store';
import type { Db, DbOrTx } from './client';
import { seedReviewDemo } from './demo-reviews';
import {
  cohortMembers,
  cohorts,
  enrolments,
  eqaVisitSamples,
  eqaVisits,
  evidence,
  evidenceCriteria,
  evidenceFiles,
  iqaCohorts,
  judgements,
  qaSamples,
  staffAssignments,
  users,
  type Role,
  cohortHourPlans,
  learningHours,
} from './schema';

const DEMO_PASSWORD = 'criterion-demo';

const DEMO_USERS: { email: string; name: string; role: Role; label?: string }[] = [
  { email: 'learner@example.com', name: 'Amira Khan', role: 'learner' },
  { email: 'learner2@example.com', name: 'Ben Carter', role: 'learner' },
  { email: 'assessor@example.com', name: 'Priya Shah', role: 'assessor' },
  { email: 'coach@example.com', name: 'Tom Evans', role: 'coach' },
  { email: 'admin@example.com', name: 'Sam Okafor', role: 'admin' },
  // An assessor who is also the internal quality assurer of both demo cohorts (issue 20).
  { email: 'iqa@example.com', name: 'Helen Mbeki', role: 'assessor', label: 'IQA' },
  // The winter intake: learners with judged work, so the IQA has a drawn sample to look at. (The spring intake stays
  // as it is: the end-to-end tests start from it with nothing recorded.)
  { email: 'learner3@example.com', name: 'Chloe Patel', role: 'learner' },
  { email: 'learner4@example.com', name: 'Dev Jones', role: 'learner' },
  // An awarding body's external quality assurer, on a visit open around the demo's dates, with the winter sample shared.
  { email: 'eqa@example.com', name: 'Grace Adeyemi', role: 'eqa', label: 'EQA' },
];

const DEMO_COHORT = 'Start-up programme, spring intake';
const QA_DEMO_COHORT = 'Start-up programme, winter intake';

export const DEMO_MODULES = [
  'win-retain-customers',
  'ee2-win-keep-customers',
  'develop-customer-relationships',
  'u306-customers-retention',
  'ws-2-8-keeping-customers',
];

/** Seeds the demo cohort. Idempotent: running it twice changes nothing. */
export async function seedDemo(db: Db): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const u of DEMO_USERS) {
      await tx
        .insert(users)
        .values({ ...u, passwordHash: hash })
        .onConflictDoNothing();
    }
    const byEmail = async (email: string) => (await tx.select().from(users).where(eq(users.email, email)))[0]!;
    const [amira, ben, priya, tom] = await Promise.all(DEMO_USERS.slice(0, 4).map((u) => byEmail(u.email)));
    await tx.insert(cohorts).values({ name: DEMO_COHORT }).onConflictDoNothing();
    const [cohort] = await tx.select().from(cohorts).where(eq(cohorts.name, DEMO_COHORT));
    for (const learner of [amira, ben]) {
      await tx.insert(cohortMembers).values({ cohortId: cohort!.id, learnerId: learner.id }).onConflictDoNothing();
      await tx
        .insert(staffAssignments)
        .values([
          { learnerId: learner.id, staffId: priya.id, staffRole: 'assessor' },
          { learnerId: learner.id, staffId: tom.id, staffRole: 'coach' },
        ])
        .onConflictDoNothing();
      for (const moduleSlug of DEMO_MODULES) {
        await tx.insert(enrolments).values({ learnerId: learner.id, moduleSlug }).onConflictDoNothing();
      }
    }
    await seedQaDemo(tx, cohort!.id, byEmail);
    await seedEqaDemo(tx, byEmail);
    await seedReviewDemo(tx, tom, await byEmail('learner3@example.com'), await byEmail('learner4@example.com'));
    await seedHoursDemo(tx, cohort!.id, amira.id);
  });
}

/**
 * Learning hours demo: the spring cohort plans 6 hours a week, and Amira has logged a few weeks of study, so her
 * coach's page has figures and bars to read. Written once: skipped when she has any entry.
 */
async function seedHoursDemo(tx: DbOrTx, cohortId: string, learnerId: string): Promise<void> {
  await tx.insert(cohortHourPlans).values({ cohortId, minutesPerWeek: 360 }).onConflictDoNothing();
  if (
    (
      await tx
        .select({ id: learningHours.id })
        .from(learningHours)
        .where(eq(learningHours.learnerId, learnerId))
        .limit(1)
    ).length
  )
    return;
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);
  await tx.insert(learningHours).values([
    {
      learnerId,
      spentOn: day(15),
      minutes: 120,
      activity: 'Read the EE2 module on keeping customers',
      moduleSlug: 'ee2-win-keep-customers',
    },
    { learnerId, spentOn: day(12), minutes: 90, activity: 'Shadowed the customer service desk' },
    { learnerId, spentOn: day(8), minutes: 150, activity: 'Planned my witness statement with my manager' },
    { learnerId, spentOn: day(3), minutes: 60, activity: 'Worksheet: customer feedback log' },
  ]);
}

const DAY = 86_400_000;

/**
 * Quality assurance demo: Helen (an assessor) is the IQA of both cohorts, each with a sampling plan. In the winter
 * intake Priya has judged Chloe's evidence and Helen has judged Dev's; Helen's drawn sample holds Priya's decisions,
 * each with the rule that drew it, and never Helen's own. Written once: skipped when the winter sample exists.
 */
async function seedQaDemo(
  tx: DbOrTx,
  springId: string,
  byEmail: (email: string) => Promise<{ id: string }>,
): Promise<void> {
  const [priya, tom, admin, helen, chloe, dev] = await Promise.all(
    [
      'assessor@example.com',
      'coach@example.com',
      'admin@example.com',
      'iqa@example.com',
      'learner3@example.com',
      'learner4@example.com',
    ].map(byEmail),
  );
  await tx.insert(cohorts).values({ name: QA_DEMO_COHORT }).onConflictDoNothing();
  const [winter] = await tx.select().from(cohorts).where(eq(cohorts.name, QA_DEMO_COHORT));
  if ((await tx.select({ id: qaSamples.id }).from(qaSamples).where(eq(qaSamples.cohortId, winter!.id)).limit(1)).length)
    return;

  for (const [learner, assessor] of [
    [chloe!, priya!],
    [dev!, helen!],
  ] as const) {
    await tx.insert(cohortMembers).values({ cohortId: winter!.id, learnerId: learner.id }).onConflictDoNothing();
    await tx
      .insert(staffAssignments)
      .values([
        { learnerId: learner.id, staffId: assessor.id, staffRole: 'assessor' },
        { learnerId: learner.id, staffId: tom!.id, staffRole: 'coach' },
      ])
      .onConflictDoNothing();
    for (const moduleSlug of DEMO_MODULES)
      await tx.insert(enrolments).values({ learnerId: learner.id, moduleSlug }).onConflictDoNothing();
  }
  for (const cohortId of [springId, winter!.id]) {
    await tx.insert(iqaCohorts).values({ iqaId: helen!.id, cohortId, assignedBy: admin!.id }).onConflictDoNothing();
    await insertPlanVersion(tx, {
      cohortId,
      name: 'Centre sampling plan 2026',
      rules: DEFAULT_PLAN_RULES,
      createdBy: helen!.id,
    });
  }

  // Work over the last three weeks, oldest first (so the activity sequence follows the clock).
  const now = Date.now();
  const work: {
    learner: { id: string };
    assessor: { id: string };
    criterion: string;
    kind: 'account' | 'witness' | 'observation' | 'file';
    title: string;
    met: boolean;
    daysAgo: number;
  }[] = [
    {
      learner: chloe!,
      assessor: priya!,
      criterion: 'ee2/pc/1',
      kind: 'account',
      title: 'Customer survey at the farmers\u2019 market',
      met: true,
      daysAgo: 20,
    },
    {
      learner: chloe!,
      assessor: priya!,
      criterion: 'ee2/pc/2',
      kind: 'account',
      title: 'What my regulars told me about delivery times',
      met: false,
      daysAgo: 18,
    },
    {
      learner: dev!,
      assessor: helen!,
      criterion: 'ee2/pc/1',
      kind: 'account',
      title: 'Who buys my bike repairs',
      met: true,
      daysAgo: 16,
    },
    {
      learner: chloe!,
      assessor: priya!,
      criterion: 'ee2/pc/3',
      kind: 'witness',
      title: 'Statement from a regular customer',
      met: true,
      daysAgo: 14,
    },
    {
      learner: chloe!,
      assessor: priya!,
      criterion: 'ee2/pc/4',
      kind: 'observation',
      title: 'Observed: handling a complaint at the stall',
      met: true,
      daysAgo: 11,
    },
    {
      learner: dev!,
      assessor: helen!,
      criterion: 'ee2/pc/2',
      kind: 'witness',
      title: 'Statement from the caf\u00e9 next door',
      met: true,
      daysAgo: 9,
    },
    {
      learner: chloe!,
      assessor: priya!,
      criterion: 'ee2/pc/5',
      kind: 'file',
      title: 'Loyalty card trial',
      met: true,
      daysAgo: 7,
    },
    {
      learner: chloe!,
      assessor: priya!,
      criterion: 'ee2/pc/6',
      kind: 'account',
      title: 'Follow-up emails after each order',
      met: true,
      daysAgo: 4,
    },
  ];
  for (const w of work) {
    const at = new Date(now - w.daysAgo * DAY);
    const author = w.kind === 'observation' ? w.assessor : w.learner;
    // A file the learner uploaded: an EQA given the sample may open it (lib/permissions.ts authorizeEqaFile).
    const fileId = w.kind === 'file' ? await demoFile(tx, w.learner.id, at) : undefined;
    const [ev] = await tx
      .insert(evidence)
      .values({
        learnerId: w.learner.id,
        authorId: author.id,
        kind: w.kind,
        title: w.title,
        occurredOn: at.toISOString().slice(0, 10),
        description: 'What I did and why it matters for keeping customers.',
        body: 'I spoke to the customer, listened to what went wrong, apologised and agreed a replacement. I followed up a week later.',
        ...(w.kind === 'witness' ? { witnessName: 'Jo Bloggs', witnessRole: 'Regular customer' } : {}),
        ...(fileId ? { fileId } : {}),
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: evidence.id });
    await tx.insert(evidenceCriteria).values({
      evidenceId: ev!.id,
      criterionId: w.criterion,
      moduleSlug: 'ee2-win-keep-customers',
      learnerId: w.learner.id,
      note: 'This shows the criterion in practice.',
      criterionHash: currentWording(w.criterion) ?? null,
      createdAt: at,
    });
    await tx.insert(judgements).values({
      learnerId: w.learner.id,
      criterionId: w.criterion,
      moduleSlug: 'ee2-win-keep-customers',
      outcome: w.met ? 'met' : 'not_yet_met',
      feedback: w.met
        ? 'Clear evidence of this in practice.'
        : 'Say what you did yourself, not what the business does in general.',
      assessorId: w.assessor.id,
      evidenceIds: w.met ? [ev!.id] : [],
      criterionHash: currentWording(w.criterion) ?? null,
      createdAt: new Date(at.getTime() + 2 * DAY),
    });
  }
  await performDraw(tx, {
    iqaId: helen!.id,
    cohortId: winter!.id,
    from: new Date(now - 28 * DAY),
    to: new Date(now + 60_000),
    seed: 'demo-winter-2026',
  });
}

/** The loyalty-card tally Chloe uploaded, stored like an upload (lib/evidence/create.ts). */
async function demoFile(tx: DbOrTx, learnerId: string, at: Date): Promise<string> {
  const bytes = new TextEncoder().encode(
    'Loyalty card trial, four weeks\nWeek,Cards given,Cards stamped twice or more\n1,40,9\n2,35,14\n3,31,17\n4,28,19\n',
  );
  const key = newFileKey();
  await getFileStore().put(key, bytes);
  const [file] = await tx
    .insert(evidenceFiles)
    .values({
      learnerId,
      storageKey: key,
      originalName: 'loyalty-card-trial.csv',
      contentType: 'text/csv',
      sizeBytes: bytes.length,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      uploadedBy: learnerId,
      createdAt: at,
    })
    .returning({ id: evidenceFiles.id });
  return file!.id;
}

const EQA_ORGANISATION = 'Skills CFA';

/**
 * The external quality assurer's visit: from a week before the demo was seeded to 60 days after, with the winter
 * intake's samples shared. Written once: skipped when the assurer has a visit.
 */
async function seedEqaDemo(tx: DbOrTx, byEmail: (email: string) => Promise<{ id: string }>): Promise<void> {
  const [grace, admin] = await Promise.all(['eqa@example.com', 'admin@example.com'].map(byEmail));
  if ((await tx.select({ id: eqaVisits.id }).from(eqaVisits).where(eq(eqaVisits.eqaId, grace!.id)).limit(1)).length)
    return;
  const now = Date.now();
  const [visit] = await tx
    .insert(eqaVisits)
    .values({
      eqaId: grace!.id,
      title: `${EQA_ORGANISATION} visit`,
      organisation: EQA_ORGANISATION,
      startsAt: new Date(now - 7 * DAY),
      endsAt: new Date(now + 60 * DAY),
      createdBy: admin!.id,
    })
    .returning({ id: eqaVisits.id });
  const [winter] = await tx.select().from(cohorts).where(eq(cohorts.name, QA_DEMO_COHORT));
  const samples = await tx.select({ id: qaSamples.id }).from(qaSamples).where(eq(qaSamples.cohortId, winter!.id));
  for (const s of samples)
    await tx
      .insert(eqaVisitSamples)
      .values({ visitId: visit!.id, sampleId: s.id, sharedBy: admin!.id })
      .onConflictDoNothing();
}

export function demoBanner(url: string): string {
  const rows = DEMO_USERS.map((u) => `    ${(u.label ?? u.role).padEnd(9)} ${u.email.padEnd(24)} ${DEMO_PASSWORD}`);
  return [
    '',
    `  Criterion is running at ${url} on the embedded database.`,
    '  Demo sign-ins (role, email, password):',
    ...rows,
    '',
  ].join('\n');
}
