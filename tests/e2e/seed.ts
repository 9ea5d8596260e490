// Seeds the e2e database before the server starts (PGlite allows one process at a time).
import { eq } from 'drizzle-orm';
import { getHandle } from '../../db/client';
import { DEMO_MODULES, seedDemo } from '../../db/demo';
import { migrateDatabase } from '../../db/migrate';
import { enrolments, staffAssignments, users } from '../../db/schema';
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
  await handle.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
