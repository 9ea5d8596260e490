// Seeds the e2e database before the server starts (PGlite allows one process at a time).
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { getHandle } from '../../db/client';
import { DEMO_MODULES, seedDemo } from '../../db/demo';
import { migrateDatabase } from '../../db/migrate';
import {
  cohortMembers,
  cohortQaSettings,
  cohorts,
  enrolments,
  evidence,
  evidenceCriteria,
  judgements,
  reportDecisions,
  reportDrafts,
  reportVersions,
  staffAssignments,
  users,
} from '../../db/schema';
import { sha256Hex } from '../../lib/hash';
import { linkedSectionTags, reportWithCountedWords, UNIT_RULES } from '../fixtures/reports/make';
import { REPORT_DECLARATION } from '../../lib/reports/types';
import { countReport } from '../../lib/wordcount';
import { hashPassword } from '../../lib/auth/password';
import { E2E_PASSWORD, E2E_USERS } from './accounts';

async function main() {
  const handle = getHandle();
  await migrateDatabase(handle);
  await seedDemo(handle.db);
  const hash = await hashPassword(E2E_PASSWORD);
  const db = handle.db;
  const id = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0]!.id;
  const assessor = await id('assessor@example.com');
  const coach = await id('coach@example.com');
  for (const u of E2E_USERS) {
    await db
      .insert(users)
      .values({ email: u.email, name: u.name, role: u.role, passwordHash: hash })
      .onConflictDoNothing();
    if (u.role !== 'learner' || !u.assigned) continue;
    const learnerId = await id(u.email);
    await db
      .insert(staffAssignments)
      .values([
        { learnerId, staffId: assessor, staffRole: 'assessor' },
        { learnerId, staffId: coach, staffRole: 'coach' },
      ])
      .onConflictDoNothing();
    for (const moduleSlug of DEMO_MODULES)
      await db.insert(enrolments).values({ learnerId, moduleSlug }).onConflictDoNothing();
  }
  await seedCountersign(db, await id('countersign.learner@e2e.example'), assessor);
  for (const email of [
    'signoff.learner@e2e.example',
    'signoff.retry@e2e.example',
    'signoffkeys.learner@e2e.example',
    'signoffkeys.retry@e2e.example',
  ])
    await seedSubmittedReport(db, await id(email), { evidenceFor: 'u306/ac/2.6' });
  for (const email of ['shortcut.learner@e2e.example', 'shortcut.retry@e2e.example'])
    await seedSubmittedReport(db, await id(email), { unlink: 'u306/ac/3.3' });
  await seedCompletedUnit(db, await id('badge.learner@e2e.example'), assessor);
  await handle.close();
}

/**
 * Cara joins the demo winter intake with her report signed off by Priya (as lib/reports would store it), and the
 * intake requires countersigning and shows "under quality review" to learners: the quality spec's countersignature.
 */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

async function seedCountersign(db: ReturnType<typeof getHandle>['db'], learnerId: string, assessorId: string) {
  const [winter] = await db.select().from(cohorts).where(eq(cohorts.name, 'Start-up programme, winter intake'));
  await db.insert(cohortMembers).values({ cohortId: winter!.id, learnerId }).onConflictDoNothing();
  await db
    .insert(cohortQaSettings)
    .values({ cohortId: winter!.id, countersignRequired: true, showReviewToLearners: true })
    .onConflictDoNothing();
  if ((await db.select().from(reportDrafts).where(eq(reportDrafts.learnerId, learnerId))).length) return;
  // Evidence offered against EE2 PC 3 (as db/demo.ts stores it): a criterion with none has no judgement form, and the
  // spec's journey starts with Priya judging it.
  const [account] = await db
    .insert(evidence)
    .values({
      learnerId,
      authorId: learnerId,
      kind: 'account',
      title: 'Keeping a regular who nearly left',
      occurredOn: daysAgo(5).toISOString().slice(0, 10),
      description: 'How I kept a regular customer.',
      body: 'A regular stopped coming on Saturdays. I asked her why, changed the order she wanted and she came back.',
      createdAt: daysAgo(5),
      updatedAt: daysAgo(5),
    })
    .returning({ id: evidence.id });
  await db.insert(evidenceCriteria).values({
    evidenceId: account!.id,
    criterionId: 'ee2/pc/3',
    moduleSlug: 'ee2-win-keep-customers',
    learnerId,
    note: 'This shows how I keep customers.',
    createdAt: daysAgo(5),
  });
  // decidedAt before today: the spec's draw of today's decisions covers Priya with her judgement, not this sign-off.
  await signedOffReport(db, learnerId, assessorId, { submitted: daysAgo(4), decided: daysAgo(3) });
}

const REPORT_UNIT = 'u306-customers-retention';

/** The learner's report, one version, signed off by the assessor, as lib/reports stores it. */
async function signedOffReport(
  db: ReturnType<typeof getHandle>['db'],
  learnerId: string,
  assessorId: string,
  at: { submitted: Date; decided: Date },
) {
  const content = reportWithCountedWords(3200);
  const moduleSlug = REPORT_UNIT;
  const [draft] = await db.insert(reportDrafts).values({ learnerId, moduleSlug, content }).returning();
  const [version] = await db
    .insert(reportVersions)
    .values({
      learnerId,
      moduleSlug,
      number: 1,
      draftId: draft!.id,
      draftVersion: draft!.version,
      content,
      contentHash: sha256Hex(content),
      totalWords: 3300,
      countedWords: 3200,
      excluded: [],
      sectionTags: {},
      declaration: 'I declare that this report is my own work.',
      submittedBy: learnerId,
      submittedAt: at.submitted,
    })
    .returning();
  await db.insert(reportDecisions).values({
    versionId: version!.id,
    learnerId,
    moduleSlug,
    assessorId,
    outcome: 'signed_off',
    feedback: 'A thorough report.',
    rangeMarks: {},
    discussion: { acIds: [], notes: '' },
    declaration: 'I confirm that I have assessed this version of the report.',
    contentHash: version!.contentHash,
    countedWords: 3200,
    decidedAt: at.decided,
  });
}

/**
 * A submitted version 1 of the unit 306/696 report (as lib/reports stores it), each "1.1 ..." section linked to its
 * criterion by the learner: the signoff spec's report that meets everything, with a piece of evidence mapped to one
 * criterion too; or one criterion left unlinked, which keeps confirm-all out of reach (the shortcuts' journey).
 */
async function seedSubmittedReport(
  db: ReturnType<typeof getHandle>['db'],
  learnerId: string,
  opts: { evidenceFor?: string; unlink?: string },
) {
  if ((await db.select().from(reportDrafts).where(eq(reportDrafts.learnerId, learnerId))).length) return;
  const moduleSlug = 'u306-customers-retention';
  const content = reportWithCountedWords(3400);
  const count = countReport(content, UNIT_RULES);
  const tags = linkedSectionTags(content, opts.unlink ? [opts.unlink] : []);
  const [draft] = await db
    .insert(reportDrafts)
    .values({ learnerId, moduleSlug, content, sectionTags: tags })
    .returning();
  await db.insert(reportVersions).values({
    learnerId,
    moduleSlug,
    number: 1,
    draftId: draft!.id,
    draftVersion: draft!.version,
    content,
    contentHash: sha256Hex(content),
    totalWords: count.total,
    countedWords: count.counted,
    excluded: count.excluded.map((e) => ({ heading: e.heading, words: e.words, reason: e.reason })),
    sectionTags: tags,
    declaration: REPORT_DECLARATION,
    submittedBy: learnerId,
    submittedAt: daysAgo(1),
  });
  if (!opts.evidenceFor) return;
  const [account] = await db
    .insert(evidence)
    .values({
      learnerId,
      authorId: learnerId,
      kind: 'account',
      title: 'Winning back a lapsed customer',
      occurredOn: daysAgo(2).toISOString().slice(0, 10),
      description: 'A customer who had stopped ordering.',
      body: 'I called a customer who had stopped ordering, apologised for a late delivery and offered a free service.',
    })
    .returning({ id: evidence.id });
  await db
    .insert(evidenceCriteria)
    .values({ evidenceId: account!.id, criterionId: opts.evidenceFor, moduleSlug, learnerId, note: '' });
}

/**
 * Bea has completed unit 306/696 as lib/reports would store it: her report signed off by Priya with every assessment
 * criterion judged met (the judgements before the decision, as the database requires). She is in no cohort that
 * requires countersigning, so the unit is complete and her badge is issued when she opens her badges.
 */
async function seedCompletedUnit(db: ReturnType<typeof getHandle>['db'], learnerId: string, assessorId: string) {
  if ((await db.select().from(reportDrafts).where(eq(reportDrafts.learnerId, learnerId))).length) return;
  const mod = JSON.parse(fs.readFileSync(`content/modules/${REPORT_UNIT}/module.json`, 'utf8')) as {
    groups: { items: { id: string }[] }[];
  };
  const acIds = mod.groups.flatMap((g) => g.items.map((i) => i.id)).filter((id) => /\/ac\/\d+\.\d+$/.test(id));
  await db.insert(judgements).values(
    acIds.map((criterionId) => ({
      learnerId,
      criterionId,
      moduleSlug: REPORT_UNIT,
      outcome: 'met' as const,
      feedback: 'Clear and well evidenced.',
      assessorId,
      createdAt: daysAgo(5),
    })),
  );
  await signedOffReport(db, learnerId, assessorId, { submitted: daysAgo(6), decided: daysAgo(5) });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
