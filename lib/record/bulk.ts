import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { cohortMembers, cohorts, learnerErasures, users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { toCsv } from '@/lib/csv';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { authorizeAdmin, type Actor } from '@/lib/permissions';
import { exportLearnerRecord } from './export';

/**
 * Signed learner records in bulk (issue 22): every learner of a cohort, or every learner, each as the same signed
 * record ZIP a single export gives (lib/record/export.ts, audited per learner as `record.exported`), plus an index.csv
 * naming each learner, their file and the file's SHA-256. For an administrator, or the command line (no actor).
 * Records are built one at a time and handed to `write` as each is ready; the bulk export is audited once.
 */

/** A cohort by its name or id, or every learner. */
export type BulkScope = { cohort: string } | { all: true };

export interface BulkIndexRow {
  name: string;
  email: string;
  fileName: string;
  sha256: string;
}

export const INDEX_FILE = 'index.csv';

async function cohortOf(db: Db, cohort: string): Promise<{ id: string; name: string }> {
  const wanted = cohort.trim();
  const [row] = await db
    .select({ id: cohorts.id, name: cohorts.name })
    .from(cohorts)
    .where(isUuid(wanted) ? eq(cohorts.id, wanted) : eq(cohorts.name, wanted));
  if (!row) throw new NotFoundError(`There is no cohort named “${wanted.slice(0, 200)}”.`);
  return row;
}

/** The learners a bulk export covers, by name: a learner whose personal data was erased has no record left. */
async function learnersOf(db: Db, cohortId: string | null) {
  const inCohort = cohortId
    ? inArray(
        users.id,
        db.select({ id: cohortMembers.learnerId }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId)),
      )
    : undefined;
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .leftJoin(learnerErasures, eq(learnerErasures.learnerId, users.id))
    .where(and(eq(users.role, 'learner'), isNull(learnerErasures.learnerId), inCohort))
    .orderBy(asc(users.name), asc(users.id));
}

/** "a.zip", then "a-2.zip": two learners of the same name exported the same day keep a file each. */
function uniqueName(fileName: string, taken: Set<string>): string {
  let name = fileName;
  for (let n = 2; taken.has(name); n++) name = fileName.replace(/\.zip$/, `-${n}.zip`);
  taken.add(name);
  return name;
}

export async function exportRecordsInBulk(
  actor: Actor | null,
  scope: BulkScope,
  write: (fileName: string, zip: Uint8Array) => Promise<void>,
  options: { onProgress?: (done: number, total: number) => void; db?: Db } = {},
): Promise<{ cohort: { id: string; name: string } | null; rows: BulkIndexRow[]; indexCsv: string }> {
  const db = options.db ?? getDb();
  if (actor) authorizeAdmin(actor);
  const cohort = 'cohort' in scope ? await cohortOf(db, scope.cohort) : null;
  const learners = await learnersOf(db, cohort?.id ?? null);
  const rows: BulkIndexRow[] = [];
  const taken = new Set<string>([INDEX_FILE]);
  for (const [i, learner] of learners.entries()) {
    const { zip, fileName } = await exportLearnerRecord(actor, learner.id, db);
    const name = uniqueName(fileName, taken);
    await write(name, zip);
    rows.push({
      name: learner.name,
      email: learner.email,
      fileName: name,
      sha256: crypto.createHash('sha256').update(zip).digest('hex'),
    });
    options.onProgress?.(i + 1, learners.length);
  }
  await audit(db, {
    actorId: actor?.id ?? null,
    action: 'record.export.bulk',
    subjectType: cohort ? 'cohort' : 'learner_records',
    subjectId: cohort?.id ?? 'all',
    after: { cohort: cohort?.name ?? null, count: rows.length },
  });
  const indexCsv = toCsv(
    ['Learner', 'Email', 'File', 'SHA-256'],
    rows.map((r) => [r.name, r.email, r.fileName, r.sha256]),
  );
  return { cohort, rows, indexCsv };
}

/** The command line's bulk export: each record into `dir` as it is built, then index.csv beside them. */
export async function exportRecordsToFolder(
  scope: BulkScope,
  dir: string,
  onProgress?: (done: number, total: number) => void,
  db?: Db,
) {
  fs.mkdirSync(dir, { recursive: true });
  const result = await exportRecordsInBulk(
    null,
    scope,
    (fileName, zip) => fs.promises.writeFile(path.join(dir, fileName), zip),
    { onProgress, db },
  );
  fs.writeFileSync(path.join(dir, INDEX_FILE), result.indexCsv);
  return result;
}
