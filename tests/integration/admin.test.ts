import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, cohortMembers, cohorts, enrolments, staffAssignments, users } from '@/db/schema';
import { getAccount, listAccounts } from '@/lib/admin/accounts';
import { getCohort } from '@/lib/admin/cohorts';
import { parseCsv } from '@/lib/admin/csv';
import { getAdminOverview } from '@/lib/admin/overview';
import { verifyPassword } from '@/lib/auth/password';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { useTestDatabase } from '../helpers/db';
import { makeCast, makeUser } from '../helpers/fixtures';
import {
  addMembers,
  assignStaff,
  commitImport,
  createAccount,
  createCohort,
  enrol,
  previewImport,
  removeMember,
  resetPassword,
  setAccountActive,
  unassignStaff,
  unenrol,
} from '../helpers/admin';

useTestDatabase();

const auditRows = (action: string) => getDb().select().from(auditLog).where(eq(auditLog.action, action));

describe('admin: accounts', () => {
  it('creates an account with a generated password that works once shown, and audits it without the password', async () => {
    const admin = await makeUser('admin');
    const made = await createAccount(admin, {
      name: 'Nadia Rahman',
      email: '  Nadia.Rahman@Example.org ',
      role: 'learner',
    });
    expect(made.email).toBe('nadia.rahman@example.org');
    expect(made.generatedPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const [row] = await getDb().select().from(users).where(eq(users.id, made.id));
    expect(await verifyPassword(row.passwordHash!, made.generatedPassword!)).toBe(true);
    const [entry] = (await auditRows('account.create')).filter((a) => a.subjectId === made.id);
    expect(entry.actorId).toBe(admin.id);
    expect(JSON.stringify(entry.after)).not.toContain(made.generatedPassword!);
  });

  it('uses the password the admin typed, and refuses one that is too short', async () => {
    const admin = await makeUser('admin');
    const made = await createAccount(admin, {
      name: 'Colin Coach',
      email: 'colin.c@example.org',
      role: 'coach',
      password: 'a-long-enough-password',
    });
    expect(made.generatedPassword).toBeUndefined();
    await expect(
      createAccount(admin, { name: 'X', email: 'x1@example.org', role: 'learner', password: 'short' }),
    ).rejects.toThrow();
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const admin = await makeUser('admin');
    await createAccount(admin, { name: 'A', email: 'dupe@example.org', role: 'learner' });
    await expect(createAccount(admin, { name: 'B', email: 'DUPE@example.org', role: 'coach' })).rejects.toThrow(
      /already an account for dupe@example.org/,
    );
  });

  it('only an admin may do any of it', async () => {
    const c = await makeCast();
    for (const actor of [c.learner, c.assessor, c.coach]) {
      await expect(createAccount(actor, { name: 'N', email: 'n@example.org', role: 'admin' })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(setAccountActive(actor, { userId: c.learner.id, active: false })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(resetPassword(actor, { userId: c.learner.id })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listAccounts(actor, {})).rejects.toBeInstanceOf(ForbiddenError);
      await expect(assignStaff(actor, { staffId: actor.id, learnerId: c.otherLearner.id })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(createCohort(actor, { name: 'Mine' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(previewImport(actor, { csv: 'a,b@example.org' })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it('disables and enables an account, audited, and an admin cannot lock themselves out', async () => {
    const c = await makeCast();
    await setAccountActive(c.admin, { userId: c.learner.id, active: 'false' });
    const [row] = await getDb().select().from(users).where(eq(users.id, c.learner.id));
    expect(row.active).toBe(false);
    const [entry] = await auditRows('account.disable');
    expect(entry).toMatchObject({ subjectId: c.learner.id, before: { active: true }, after: { active: false } });
    await setAccountActive(c.admin, { userId: c.learner.id, active: true });
    expect((await getDb().select().from(users).where(eq(users.id, c.learner.id)))[0].active).toBe(true);
    await expect(setAccountActive(c.admin, { userId: c.admin.id, active: false })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('resets a password: the old one stops working, the new one works', async () => {
    const c = await makeCast();
    const first = await resetPassword(c.admin, { userId: c.learner.id });
    const second = await resetPassword(c.admin, { userId: c.learner.id, password: 'chosen-by-the-admin' });
    expect(second.generatedPassword).toBeUndefined();
    const [row] = await getDb().select().from(users).where(eq(users.id, c.learner.id));
    expect(await verifyPassword(row.passwordHash!, first.generatedPassword!)).toBe(false);
    expect(await verifyPassword(row.passwordHash!, 'chosen-by-the-admin')).toBe(true);
    expect((await auditRows('account.reset_password')).length).toBe(2);
  });

  it('searches by name or email, filters by role and status, and treats % and _ literally', async () => {
    const admin = await makeUser('admin');
    await createAccount(admin, { name: 'Searchable Person', email: 'findme_1@example.org', role: 'assessor' });
    await createAccount(admin, { name: 'Someone Else', email: 'findmex1@example.org', role: 'learner' });
    expect((await listAccounts(admin, { q: 'searchable' })).rows.map((r) => r.email)).toEqual(['findme_1@example.org']);
    expect((await listAccounts(admin, { q: 'findme_' })).rows.map((r) => r.email)).toEqual(['findme_1@example.org']);
    expect((await listAccounts(admin, { q: 'findme', role: 'learner' })).rows.map((r) => r.email)).toEqual([
      'findmex1@example.org',
    ]);
    expect((await listAccounts(admin, { q: 'findme', status: 'disabled' })).total).toBe(0);
  });
});

describe('admin: cohorts, assignments, enrolments', () => {
  it('assigns a coach to a whole cohort: one row per learner, and learners who join later get the coach too', async () => {
    const admin = await makeUser('admin');
    const coach = await makeUser('coach');
    const [a, b, late] = [await makeUser('learner'), await makeUser('learner'), await makeUser('learner')];
    const cohort = await createCohort(admin, { name: 'Autumn intake' });
    await addMembers(admin, { cohortId: cohort.id, learnerIds: [a.id, b.id] });
    expect(await assignStaff(admin, { staffId: coach.id, cohortId: cohort.id })).toEqual({ assigned: 2 });
    const rows = await getDb().select().from(staffAssignments).where(eq(staffAssignments.staffId, coach.id));
    expect(rows.map((r) => r.learnerId).sort()).toEqual([a.id, b.id].sort());
    expect(rows.every((r) => r.staffRole === 'coach')).toBe(true);

    await addMembers(admin, { cohortId: cohort.id, learnerIds: late.id });
    const after = await getDb().select().from(staffAssignments).where(eq(staffAssignments.staffId, coach.id));
    expect(after.map((r) => r.learnerId)).toContain(late.id);
    expect((await auditRows('assignment.add')).length).toBe(2);
    expect((await auditRows('cohort.add_member')).length).toBe(3);

    const detail = await getCohort(admin, cohort.id);
    expect(detail.members.map((m) => m.coaches)).toEqual([[coach.name], [coach.name], [coach.name]]);
  });

  it('assigns an assessor to one learner, and unassigns', async () => {
    const c = await makeCast();
    await assignStaff(c.admin, { staffId: c.otherAssessor.id, learnerId: c.learner.id });
    expect((await getAccount(c.admin, c.learner.id)).staff.map((s) => s.id)).toContain(c.otherAssessor.id);
    await unassignStaff(c.admin, { staffId: c.otherAssessor.id, learnerId: c.learner.id, staffRole: 'assessor' });
    expect((await getAccount(c.admin, c.learner.id)).staff.map((s) => s.id)).not.toContain(c.otherAssessor.id);
    expect((await auditRows('assignment.remove')).length).toBe(1);
  });

  it('refuses to assign a learner as staff, to assign staff to staff, or to assign a disabled account', async () => {
    const c = await makeCast();
    await expect(assignStaff(c.admin, { staffId: c.otherLearner.id, learnerId: c.learner.id })).rejects.toThrow(
      /not an assessor or a coach/,
    );
    await expect(assignStaff(c.admin, { staffId: c.assessor.id, learnerId: c.coach.id })).rejects.toThrow(
      /learners only/,
    );
    await setAccountActive(c.admin, { userId: c.otherCoach.id, active: false });
    await expect(assignStaff(c.admin, { staffId: c.otherCoach.id, learnerId: c.learner.id })).rejects.toThrow(
      /disabled/,
    );
  });

  it('enrols a cohort on modules, refuses unknown modules, and unenrols', async () => {
    const admin = await makeUser('admin');
    const [a, b] = [await makeUser('learner'), await makeUser('learner')];
    const cohort = await createCohort(admin, { name: 'Enrol me' });
    await addMembers(admin, { cohortId: cohort.id, learnerIds: [a.id, b.id] });
    expect(
      await enrol(admin, { cohortId: cohort.id, moduleSlugs: ['ee2-win-keep-customers', 'u306-customers-retention'] }),
    ).toEqual({ enrolled: 4 });
    expect(await enrol(admin, { learnerId: a.id, moduleSlugs: 'ee2-win-keep-customers' })).toEqual({ enrolled: 0 });
    await expect(enrol(admin, { learnerId: a.id, moduleSlugs: ['no-such-module'] })).rejects.toThrow(
      /no module called/,
    );
    await unenrol(admin, { learnerId: a.id, moduleSlug: 'ee2-win-keep-customers' });
    const left = await getDb().select().from(enrolments).where(eq(enrolments.learnerId, a.id));
    expect(left.map((e) => e.moduleSlug)).toEqual(['u306-customers-retention']);
  });

  it('removes a member but keeps their assessor', async () => {
    const c = await makeCast();
    const cohort = await createCohort(c.admin, { name: 'Remove test' });
    await addMembers(c.admin, { cohortId: cohort.id, learnerIds: [c.learner.id] });
    await removeMember(c.admin, { cohortId: cohort.id, learnerId: c.learner.id });
    expect(await getDb().select().from(cohortMembers).where(eq(cohortMembers.cohortId, cohort.id))).toEqual([]);
    expect((await getAccount(c.admin, c.learner.id)).staff.length).toBe(2);
    // The page says so from what is stored, after a reload too; back in the cohort, the line goes.
    const removed = (await getCohort(c.admin, cohort.id)).removed;
    expect(removed.map((r) => [r.id, r.by])).toEqual([[c.learner.id, c.admin.name]]);
    await addMembers(c.admin, { cohortId: cohort.id, learnerIds: [c.learner.id] });
    expect((await getCohort(c.admin, cohort.id)).removed).toEqual([]);
  });

  it('refuses a duplicate cohort name and non-learners as members', async () => {
    const c = await makeCast();
    const cohort = await createCohort(c.admin, { name: 'Unique name' });
    await expect(createCohort(c.admin, { name: 'Unique name' })).rejects.toThrow(/already a cohort/);
    await expect(addMembers(c.admin, { cohortId: cohort.id, learnerIds: [c.coach.id] })).rejects.toThrow(
      /Only learner accounts/,
    );
  });
});

describe('admin: CSV import', () => {
  it('reads quoted fields, doubled quotes, CRLF and a byte-order mark', () => {
    const rows = parseCsv('\uFEFFname,email\r\n"Smith, Jo",jo@example.org\r\n"Say ""hi""",hi@example.org\r\n\r\n');
    expect(rows).toEqual([
      { line: 1, fields: ['name', 'email'] },
      { line: 2, fields: ['Smith, Jo', 'jo@example.org'] },
      { line: 3, fields: ['Say "hi"', 'hi@example.org'] },
    ]);
  });

  it('previews every row with its problems, writing nothing', async () => {
    const admin = await makeUser('admin');
    const existing = await makeUser('learner', 'Already Here');
    const csv = [
      'name,email,cohort,modules',
      'Good One,good.one@example.org,Import cohort,EE2;u306-customers-retention',
      ',missing.name@example.org,,',
      'Bad Email,x,,',
      `Taken,${existing.email},,`,
      'Dupe,good.one@example.org,,',
      'Bad Module,bad.module@example.org,,EE9',
      'Too, Many,many@example.org,,',
    ].join('\n');
    const before = await getDb().select().from(users);
    const p = await previewImport(admin, { csv });
    expect(p.ok).toBe(false);
    expect(p.errors).toEqual([
      'Row 3: the name is missing.',
      'Row 4: email \u2018x\u2019 is not a valid address.',
      `Row 5: there is already an account for \u2018${existing.email}\u2019.`,
      'Row 6: email \u2018good.one@example.org\u2019 is also on row 2.',
      expect.stringMatching(/^Row 7: module \u2018EE9\u2019 does not exist/),
      expect.stringMatching(/^Row 8: has 5 values but there are 4 columns/),
    ]);
    expect(p.rows[0]).toMatchObject({
      row: 2,
      cohortIsNew: true,
      modules: ['ee2-win-keep-customers', 'u306-customers-retention'],
      errors: [],
    });
    expect(p.newCohorts).toEqual(['Import cohort']);
    expect(await getDb().select().from(users)).toHaveLength(before.length);
    await expect(commitImport(admin, { csv })).rejects.toThrow(/Nothing was imported/);
    expect(await getDb().select().from(users)).toHaveLength(before.length);
  });

  it('imports all rows in one go: accounts, new cohort with its staff, enrolments, passwords that work', async () => {
    const c = await makeCast();
    const cohort = await createCohort(c.admin, { name: 'Existing cohort' });
    await assignStaff(c.admin, { staffId: c.assessor.id, cohortId: cohort.id });
    const csv =
      'Ada Lovelace,ada@example.org,existing COHORT,EE2\nAlan Turing,alan@example.org,Brand new,dcr|wrc\nGrace Hopper,grace@example.org,,';
    const p = await previewImport(c.admin, { csv });
    expect(p.ok).toBe(true);
    const result = await commitImport(c.admin, { csv });
    expect(result.created.map((r) => r.email)).toEqual(['ada@example.org', 'alan@example.org', 'grace@example.org']);
    expect(result.cohortsCreated).toEqual(['Brand new']);
    const [ada] = await getDb().select().from(users).where(eq(users.email, 'ada@example.org'));
    expect(ada.role).toBe('learner');
    expect(await verifyPassword(ada.passwordHash!, result.created[0].password)).toBe(true);
    const adaAssessor = await getDb()
      .select()
      .from(staffAssignments)
      .where(and(eq(staffAssignments.learnerId, ada.id), eq(staffAssignments.staffId, c.assessor.id)));
    expect(adaAssessor).toHaveLength(1);
    const [alan] = await getDb().select().from(users).where(eq(users.email, 'alan@example.org'));
    const alanModules = await getDb().select().from(enrolments).where(eq(enrolments.learnerId, alan.id));
    expect(alanModules.map((e) => e.moduleSlug).sort()).toEqual([
      'develop-customer-relationships',
      'win-retain-customers',
    ]);
    expect(
      (await auditRows('account.create')).filter((a) => (a.after as { via?: string }).via === 'csv-import'),
    ).toHaveLength(3);
  });

  it('is atomic: if the data changes between preview and import, nothing at all is written', async () => {
    const admin = await makeUser('admin');
    const csv = 'First,first.atomic@example.org,Atomic cohort,EE2\nSecond,second.atomic@example.org,Atomic cohort,EE2';
    expect((await previewImport(admin, { csv })).ok).toBe(true);
    // Another admin creates one of these accounts meanwhile; the unique index makes the batch insert fail inside the transaction.
    const db = getDb();
    const raced = db.transaction.bind(db);
    let injected = false;
    (db as { transaction: typeof db.transaction }).transaction = (async (fn: Parameters<typeof db.transaction>[0]) => {
      if (!injected) {
        injected = true;
        await db.insert(users).values({ name: 'Sneaky', email: 'second.atomic@example.org', role: 'learner' });
      }
      return raced(fn);
    }) as typeof db.transaction;
    try {
      await expect(commitImport(admin, { csv })).rejects.toThrow(/data changed since the preview/);
    } finally {
      (db as { transaction: typeof db.transaction }).transaction = raced;
    }
    expect(await db.select().from(users).where(eq(users.email, 'first.atomic@example.org'))).toEqual([]);
    expect(await db.select().from(cohorts).where(eq(cohorts.name, 'Atomic cohort'))).toEqual([]);
  });

  it('rolls back everything when a write fails half-way', async () => {
    const admin = await makeUser('admin');
    const csv = 'One,one.half@example.org,Half cohort,EE2\nTwo,two.half@example.org,Half cohort,EE2';
    const db = getDb();
    const original = db.transaction.bind(db);
    // Fail the import's transaction after its first statements have run.
    (db as { transaction: typeof db.transaction }).transaction = (async (fn: Parameters<typeof db.transaction>[0]) =>
      original(async (tx) => {
        const result = await fn(tx);
        throw new Error(`simulated failure after ${result ? 'writing' : 'nothing'}`);
      })) as typeof db.transaction;
    try {
      await expect(commitImport(admin, { csv })).rejects.toThrow(/simulated failure after writing/);
    } finally {
      (db as { transaction: typeof db.transaction }).transaction = original;
    }
    expect(await db.select().from(users).where(eq(users.email, 'one.half@example.org'))).toEqual([]);
  });

  it('reports an unclosed quote, an unknown column and an empty file', async () => {
    const admin = await makeUser('admin');
    expect((await previewImport(admin, { csv: 'a,"b@example.org\n' })).errors[0]).toMatch(/never closed/);
    expect((await previewImport(admin, { csv: 'name,email,phone\nA,a@example.org,1' })).errors[0]).toMatch(
      /\u201cphone\u201d is not one we know/,
    );
    expect((await previewImport(admin, { csv: 'name,email\n' })).errors[0]).toMatch(/no learners in it/);
  });
});

describe('admin: overview', () => {
  it('counts accounts and what still needs doing, and lists recent changes with names', async () => {
    const admin = await makeUser('admin');
    const before = await getAdminOverview(admin);
    const made = await createAccount(admin, {
      name: 'Unassigned Learner',
      email: 'unassigned.l@example.org',
      role: 'learner',
    });
    const after = await getAdminOverview(admin);
    expect(after.active.learner).toBe(before.active.learner + 1);
    expect(after.learnersWithoutAssessor).toBe(before.learnersWithoutAssessor + 1);
    expect(after.learnersWithoutModules).toBe(before.learnersWithoutModules + 1);
    expect(after.recent[0]).toMatchObject({ action: 'account.create', actorName: admin.name, learnerName: made.name });
  });
});
