import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, cohortMembers, cohorts } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { exportRecordsInBulk, exportRecordsToFolder } from '@/lib/record/bulk';
import { verifyRecordZip } from '@/lib/record/verify-bundle';
import { useTestDatabase } from '../helpers/db';
import { makeUser, type TestUser } from '../helpers/fixtures';
import { seedRecord, useRecordEnvironment } from '../helpers/record';

/**
 * Signed learner records in bulk (issue 22): a cohort's records into a folder (the command line) and as one ZIP (the
 * administrator's download), each the learner's signed record as exported singly, listed in index.csv with its
 * SHA-256. Administrators only; audited once. On PGlite and PostgreSQL.
 */
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ getCurrentUser: async () => session.user }));
const { GET } = await import('@/app/api/admin/records/export/route');

useTestDatabase();
const env = useRecordEnvironment();

let c: Awaited<ReturnType<typeof seedRecord>>;
let second: TestUser;
let outsider: TestUser;
let cohort: { id: string; name: string };
beforeAll(async () => {
  c = await seedRecord();
  second = await makeUser('learner', 'Zoë Åberg');
  outsider = c.otherLearner;
  const [row] = await getDb().insert(cohorts).values({ name: 'Retail Spring 2026' }).returning();
  cohort = { id: row!.id, name: row!.name };
  await getDb()
    .insert(cohortMembers)
    .values([c.learner, second].map((l) => ({ cohortId: cohort.id, learnerId: l.id })));
});

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const bulkAudits = () => getDb().select().from(auditLog).where(eq(auditLog.action, 'record.export.bulk'));
const asSession = (u: TestUser): SessionUser => ({ ...u, mustChangePassword: false });
const get = (query: string) => GET(new Request(`http://localhost/api/admin/records/export?${query}`), undefined);

/** index.csv as rows of cells (no cell here needs quoting). */
function parseIndex(csv: string): string[][] {
  return csv
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

async function expectGenuine(zip: Uint8Array, email: string) {
  const result = await verifyRecordZip(zip);
  expect(result, email).toMatchObject({ ok: true });
  if (result.ok) expect(result.attests.learner.email).toBe(email);
}

describe('signed learner records in bulk', () => {
  it('from the command line: a cohort by name, one verified record per learner and index.csv with its SHA-256', async () => {
    const dir = path.join(env.dir(), 'bulk-cli');
    const progress: string[] = [];
    const before = (await bulkAudits()).length;
    const { rows } = await exportRecordsToFolder({ cohort: cohort.name }, dir, (d, n) => progress.push(`${d} of ${n}`));
    expect(progress).toEqual(['1 of 2', '2 of 2']);
    expect(rows.map((r) => r.email).sort()).toEqual([c.learner.email, second.email].sort());
    const index = parseIndex(fs.readFileSync(path.join(dir, 'index.csv'), 'utf8'));
    expect(index[0]).toEqual(['Learner', 'Email', 'File', 'SHA-256']);
    expect(index).toHaveLength(3);
    expect(fs.readdirSync(dir).sort()).toEqual([...index.slice(1).map((r) => r[2]!), 'index.csv'].sort());
    for (const [name, email, file, digest] of index.slice(1)) {
      expect([c.learner.name, second.name]).toContain(name);
      expect(file).toMatch(/^criterion-record-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.zip$/);
      const zip = fs.readFileSync(path.join(dir, file!));
      expect(sha(zip)).toBe(digest);
      await expectGenuine(zip, email!);
    }
    expect(index.some((r) => r[1] === outsider.email)).toBe(false);
    const audits = await bulkAudits();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)).toMatchObject({
      actorId: null,
      subjectType: 'cohort',
      subjectId: cohort.id,
      after: { cohort: cohort.name, count: 2 },
    });
  });

  it('in the browser: one ZIP of the records and index.csv, for an administrator, audited once', async () => {
    session.user = asSession(c.admin);
    const before = (await bulkAudits()).length;
    const res = await get(`cohort=${cohort.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain('criterion-records-retail-spring-2026-');
    const outer = await JSZip.loadAsync(new Uint8Array(await res.arrayBuffer()));
    const index = parseIndex(await outer.file('index.csv')!.async('string'));
    expect(Object.keys(outer.files).sort()).toEqual([...index.slice(1).map((r) => r[2]!), 'index.csv'].sort());
    expect(
      index
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual([c.learner.email, second.email].sort());
    for (const [, email, file, digest] of index.slice(1)) {
      const zip = await outer.file(file!)!.async('uint8array');
      expect(sha(zip)).toBe(digest);
      await expectGenuine(zip, email!);
    }
    const audits = await bulkAudits();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)).toMatchObject({ actorId: c.admin.id, after: { cohort: cohort.name, count: 2 } });

    // Every learner: the outsider too.
    const all = await JSZip.loadAsync(new Uint8Array(await (await get('cohort=all')).arrayBuffer()));
    const allIndex = parseIndex(await all.file('index.csv')!.async('string'));
    expect(allIndex.map((r) => r[1])).toEqual(expect.arrayContaining([c.learner.email, second.email, outsider.email]));
    expect((await bulkAudits()).at(-1)).toMatchObject({ subjectId: 'all', after: { cohort: null } });
  });

  it('is refused to anyone but an administrator (403), and nothing is audited', async () => {
    const before = (await bulkAudits()).length;
    const exported = async () =>
      (await getDb().select().from(auditLog).where(eq(auditLog.action, 'record.exported'))).length;
    const exportedBefore = await exported();
    for (const u of [c.learner, c.assessor, c.coach]) {
      session.user = asSession(u);
      const res = await get(`cohort=${cohort.id}`);
      expect(res.status, u.role).toBe(403);
      await expect(exportRecordsInBulk(u, { cohort: cohort.id }, async () => {})).rejects.toMatchObject({
        status: 403,
      });
    }
    session.user = null;
    expect((await get(`cohort=${cohort.id}`)).status).toBe(401);
    expect(await bulkAudits()).toHaveLength(before);
    expect(await exported()).toBe(exportedBefore);
  });

  it('says so clearly for an unknown cohort (404) or a malformed one (400)', async () => {
    session.user = asSession(c.admin);
    const before = (await bulkAudits()).length;
    const unknown = await get(`cohort=${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatch(/There is no cohort/);
    for (const q of ['', 'cohort=', 'cohort=not-a-cohort']) {
      const res = await get(q);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error, q).toBe('Choose a cohort, or every learner.');
    }
    await expect(exportRecordsToFolder({ cohort: 'No such cohort' }, path.join(env.dir(), 'none'))).rejects.toThrow(
      'There is no cohort named “No such cohort”.',
    );
    expect(await bulkAudits()).toHaveLength(before);
  });
});
