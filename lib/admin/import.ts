import 'server-only';
import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { cohorts, users } from '@/db/schema';
import { audit, auditMany } from '@/lib/audit';
import { hashPassword } from '@/lib/auth/password';
import { ValidationError } from '@/lib/errors';
import { plural } from '@/lib/format';
import { authorizeAdmin, type Actor } from '@/lib/permissions';
import { addMembersTx, cohortIdsByName } from './cohorts';
import { CsvSyntaxError, parseCsv } from './csv';
import { enrolableModules, enrolTx } from './enrolments';
import { generatePassword } from './passwords';
import { emailField, importInput, nameField } from './schemas';

/** Each imported learner's password is hashed (about 0.1 s each), so one file is kept to a size that answers in reasonable time. */
export const MAX_IMPORT_ROWS = 500;
const COLUMNS = ['name', 'email', 'cohort', 'modules'] as const;

interface ImportRow {
  /** The row number in the file (a header is row 1). */
  row: number;
  name: string;
  email: string;
  cohort: string;
  cohortIsNew: boolean;
  modules: string[];
  errors: string[];
}

export interface ImportPreview {
  rows: ImportRow[];
  /** Problems with the file as a whole (no rows, too many rows, unreadable). */
  fileErrors: string[];
  newCohorts: string[];
  /** Every message, "Row 7: ..." first by row, for a summary list. */
  errors: string[];
  ok: boolean;
}

function moduleLookup() {
  const map = new Map<string, string>();
  for (const m of enrolableModules()) {
    map.set(m.slug.toLowerCase(), m.slug);
    map.set(m.code.toLowerCase(), m.slug);
  }
  return map;
}

/** Reads and checks the file without writing anything: the same checks run again inside the import's transaction. */
export async function previewImport(
  actor: Actor,
  input: z.output<typeof importInput>,
  db: DbOrTx = getDb(),
): Promise<ImportPreview> {
  authorizeAdmin(actor);
  const { csv } = input;
  const fail = (message: string): ImportPreview => ({
    rows: [],
    fileErrors: [message],
    newCohorts: [],
    errors: [message],
    ok: false,
  });

  let records;
  try {
    records = parseCsv(csv);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return fail(e.message);
    throw e;
  }
  let columns: readonly string[] = COLUMNS;
  const first = records[0]?.fields.map((f) => f.trim().toLowerCase());
  if (first && first.includes('email') && first.includes('name')) {
    const unknown = first.filter((f) => f && !(COLUMNS as readonly string[]).includes(f));
    if (unknown.length)
      return fail(
        `Row 1: the column ${unknown.map((u) => `\u201c${u}\u201d`).join(', ')} is not one we know. Use name, email, cohort, modules.`,
      );
    columns = first;
    records = records.slice(1);
  }
  if (!records.length)
    return fail('The file has no learners in it. Put one learner per row: name, email, cohort, modules.');
  if (records.length > MAX_IMPORT_ROWS)
    return fail(
      `The file has ${records.length} learners; at most ${MAX_IMPORT_ROWS} can be imported at once. Split it into smaller files.`,
    );

  const modules = moduleLookup();
  const rows: ImportRow[] = records.map(({ line, fields }) => {
    const value = (col: string) => {
      const i = columns.indexOf(col);
      return i >= 0 ? (fields[i] ?? '').trim() : '';
    };
    const row: ImportRow = {
      row: line,
      name: value('name'),
      email: value('email').toLowerCase(),
      cohort: value('cohort'),
      cohortIsNew: false,
      modules: [],
      errors: [],
    };
    if (fields.length > columns.length) {
      // The values are in the wrong columns, so checking them one by one would only add noise.
      row.errors.push(
        `has ${fields.length} values but there are ${columns.length} columns. Put double quotes around a value that contains a comma.`,
      );
      return { ...row, name: fields.join(','), email: '', cohort: '' };
    }
    const name = nameField.safeParse(row.name);
    if (!name.success) row.errors.push(row.name ? 'the name is longer than 120 characters.' : 'the name is missing.');
    else row.name = name.data;
    if (!row.email) row.errors.push('the email address is missing.');
    else if (!emailField.safeParse(row.email).success)
      row.errors.push(`email \u2018${row.email}\u2019 is not a valid address.`);
    if (row.cohort.length > 120) row.errors.push('the cohort name is longer than 120 characters.');
    for (const raw of value('modules')
      .split(/[;|]/)
      .map((m) => m.trim())
      .filter(Boolean)) {
      const slug = modules.get(raw.toLowerCase());
      if (!slug)
        row.errors.push(
          `module \u2018${raw}\u2019 does not exist. Use a module\u2019s code or its short name, e.g. \u2018EE2\u2019 or \u2018ee2-win-keep-customers\u2019.`,
        );
      else if (!row.modules.includes(slug)) row.modules.push(slug);
    }
    return row;
  });

  const firstRowOf = new Map<string, number>();
  for (const row of rows) {
    if (!row.email) continue;
    const earlier = firstRowOf.get(row.email);
    if (earlier !== undefined) row.errors.push(`email \u2018${row.email}\u2019 is also on row ${earlier}.`);
    else firstRowOf.set(row.email, row.row);
  }
  const emails = [...firstRowOf.keys()];
  const taken = emails.length
    ? new Set(
        (await db.select({ email: users.email }).from(users).where(inArray(users.email, emails))).map((u) => u.email),
      )
    : new Set<string>();
  for (const row of rows)
    if (taken.has(row.email)) row.errors.push(`there is already an account for \u2018${row.email}\u2019.`);

  const cohortNames = [...new Set(rows.map((r) => r.cohort).filter(Boolean))];
  const existing = await cohortIdsByName(db, cohortNames);
  const newCohorts = new Map<string, string>();
  for (const row of rows) {
    if (row.cohort && !existing.has(row.cohort.toLowerCase())) {
      row.cohortIsNew = true;
      if (!newCohorts.has(row.cohort.toLowerCase())) newCohorts.set(row.cohort.toLowerCase(), row.cohort);
    }
  }
  const errors = rows.flatMap((r) => r.errors.map((e) => `Row ${r.row}: ${e}`));
  return { rows, fileErrors: [], newCohorts: [...newCohorts.values()], errors, ok: errors.length === 0 };
}

export interface ImportResult {
  created: { name: string; email: string; cohort: string; password: string }[];
  cohortsCreated: string[];
}

/**
 * Imports every row or none: the file is checked again inside one transaction (someone may have created one of
 * these accounts since the preview), and any problem rolls the whole import back.
 */
export async function commitImport(
  actor: Actor,
  input: z.output<typeof importInput>,
  db: DbOrTx = getDb(),
): Promise<ImportResult> {
  authorizeAdmin(actor);
  const first = await previewImport(actor, input, db);
  if (!first.ok)
    throw new ValidationError(
      `Nothing was imported. ${plural(first.errors.length, 'problem')} to fix: ${first.errors.slice(0, 5).join(' ')}`,
    );
  // Hashing is slow by design: do it before the transaction, a few at a time, so no locks are held meanwhile.
  const passwords = first.rows.map(() => generatePassword());
  const hashes: string[] = [];
  for (let i = 0; i < passwords.length; i += 4)
    hashes.push(...(await Promise.all(passwords.slice(i, i + 4).map(hashPassword))));

  return db.transaction(async (tx) => {
    const again = await previewImport(actor, input, tx);
    if (!again.ok)
      throw new ValidationError(
        `Nothing was imported: the data changed since the preview. ${again.errors.slice(0, 5).join(' ')}`,
      );
    const cohortIds = await cohortIdsByName(tx, again.rows.map((r) => r.cohort).filter(Boolean));
    const cohortsCreated: string[] = [];
    for (const name of again.newCohorts) {
      const [c] = await tx.insert(cohorts).values({ name }).returning({ id: cohorts.id });
      cohortIds.set(name.toLowerCase(), c.id);
      cohortsCreated.push(name);
      await audit(tx, {
        actorId: actor.id,
        action: 'cohort.create',
        subjectType: 'cohort',
        subjectId: c.id,
        after: { name, via: 'csv-import' },
      });
    }
    const inserted = await tx
      .insert(users)
      .values(
        again.rows.map((r, i) => ({
          name: r.name,
          email: r.email,
          role: 'learner' as const,
          passwordHash: hashes[i],
          mustChangePassword: true,
        })),
      )
      .returning({ id: users.id, email: users.email });
    const idByEmail = new Map(inserted.map((u) => [u.email, u.id]));
    await auditMany(
      tx,
      again.rows.map((r) => {
        const id = idByEmail.get(r.email)!;
        return {
          actorId: actor.id,
          action: 'account.create',
          subjectType: 'user',
          subjectId: id,
          learnerId: id,
          after: { name: r.name, email: r.email, role: 'learner', via: 'csv-import', passwordGenerated: true },
        };
      }),
    );
    const byCohort = new Map<string, string[]>();
    for (const r of again.rows) {
      if (!r.cohort) continue;
      const cid = cohortIds.get(r.cohort.toLowerCase())!;
      byCohort.set(cid, [...(byCohort.get(cid) ?? []), idByEmail.get(r.email)!]);
    }
    for (const [cid, ids] of byCohort) await addMembersTx(tx, actor.id, cid, ids);
    const byModules = new Map<string, string[]>();
    for (const r of again.rows) {
      const key = r.modules.join('|');
      if (key) byModules.set(key, [...(byModules.get(key) ?? []), idByEmail.get(r.email)!]);
    }
    for (const [key, ids] of byModules) await enrolTx(tx, actor.id, ids, key.split('|'));
    return {
      created: again.rows.map((r, i) => ({ name: r.name, email: r.email, cohort: r.cohort, password: passwords[i] })),
      cohortsCreated,
    };
  });
}
