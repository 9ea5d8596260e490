import crypto from 'node:crypto';
import { getDb } from '@/db/client';
import { enrolments, staffAssignments, users, type Role } from '@/db/schema';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

// A cheap, valid argon2id hash is not needed in most tests: accounts get a hash only when a test signs in.
export async function makeUser(
  role: Role,
  name = `${role} ${crypto.randomBytes(3).toString('hex')}`,
  passwordHash?: string,
): Promise<TestUser> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@test.example`;
  const [u] = await getDb().insert(users).values({ email, name, role, passwordHash }).returning();
  return { id: u!.id, email: u!.email, name: u!.name, role: u!.role };
}

export async function assign(learner: TestUser, staff: TestUser) {
  await getDb()
    .insert(staffAssignments)
    .values({ learnerId: learner.id, staffId: staff.id, staffRole: staff.role as 'assessor' | 'coach' });
}

export async function enrol(learner: TestUser, ...moduleSlugs: string[]) {
  for (const moduleSlug of moduleSlugs) await getDb().insert(enrolments).values({ learnerId: learner.id, moduleSlug });
}

/**
 * The standard cast for permission tests: a learner with an assigned assessor and coach, plus another
 * learner, an unassigned assessor and coach, and an admin.
 */
export async function makeCast() {
  const learner = await makeUser('learner');
  const otherLearner = await makeUser('learner');
  const assessor = await makeUser('assessor');
  const otherAssessor = await makeUser('assessor');
  const coach = await makeUser('coach');
  const otherCoach = await makeUser('coach');
  const admin = await makeUser('admin');
  await assign(learner, assessor);
  await assign(learner, coach);
  await assign(otherLearner, otherAssessor);
  await assign(otherLearner, otherCoach);
  return { learner, otherLearner, assessor, otherAssessor, coach, otherCoach, admin };
}
