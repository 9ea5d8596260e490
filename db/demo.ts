import { eq } from 'drizzle-orm';
import { hashPassword } from '../lib/auth/password';
import type { Db } from './client';
import { cohortMembers, cohorts, enrolments, staffAssignments, users, type Role } from './schema';

export const DEMO_PASSWORD = 'criterion-demo';

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'learner@example.com', name: 'Amira Khan', role: 'learner' },
  { email: 'learner2@example.com', name: 'Ben Carter', role: 'learner' },
  { email: 'assessor@example.com', name: 'Priya Shah', role: 'assessor' },
  { email: 'coach@example.com', name: 'Tom Evans', role: 'coach' },
  { email: 'admin@example.com', name: 'Sam Okafor', role: 'admin' },
];

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
      await tx.insert(users).values({ ...u, passwordHash: hash }).onConflictDoNothing();
    }
    const byEmail = async (email: string) => (await tx.select().from(users).where(eq(users.email, email)))[0]!;
    const [amira, ben, priya, tom] = await Promise.all(DEMO_USERS.slice(0, 4).map((u) => byEmail(u.email)));
    await tx.insert(cohorts).values({ name: 'Start-up programme, spring intake' }).onConflictDoNothing();
    const [cohort] = await tx.select().from(cohorts).where(eq(cohorts.name, 'Start-up programme, spring intake'));
    for (const learner of [amira, ben]) {
      await tx.insert(cohortMembers).values({ cohortId: cohort!.id, learnerId: learner.id }).onConflictDoNothing();
      await tx.insert(staffAssignments).values([
        { learnerId: learner.id, staffId: priya.id, staffRole: 'assessor' },
        { learnerId: learner.id, staffId: tom.id, staffRole: 'coach' },
      ]).onConflictDoNothing();
      for (const moduleSlug of DEMO_MODULES) {
        await tx.insert(enrolments).values({ learnerId: learner.id, moduleSlug }).onConflictDoNothing();
      }
    }
  });
}

export function demoBanner(url: string): string {
  const rows = DEMO_USERS.map((u) => `    ${u.role.padEnd(9)} ${u.email.padEnd(24)} ${DEMO_PASSWORD}`);
  return [
    '',
    `  Criterion is running at ${url} on the embedded database.`,
    '  Demo sign-ins (role, email, password):',
    ...rows,
    '',
  ].join('\n');
}
