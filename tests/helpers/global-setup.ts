import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { pgliteHandle, postgresHandle } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';

/**
 * Migrates one template database per run; each test file then gets its own copy
 * (a PGlite data-dir dump, or a PostgreSQL database created from the template).
 */
export default async function setup(project: TestProject) {
  // The embedded database's template is made in both modes: tests of the embedded database itself use it.
  project.provide('pgliteTemplate', await pgliteTemplate());
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `criterion_tpl_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${template}`);
    await admin.unsafe(`CREATE DATABASE ${template}`);
    const tplUrl = withDatabase(url, template);
    const handle = postgresHandle(tplUrl, { max: 2 });
    await migrateDatabase(handle);
    await handle.close();
    project.provide('pgTemplate', template);
    return async () => {
      // Files drop their own copies; drop any left by a crashed worker, then the template.
      const left = await admin<
        { datname: string }[]
      >`select datname from pg_database where datname like ${`criterion_t_${process.pid}_%`}`;
      for (const { datname } of left) await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
}

/** A migrated PGlite data directory, dumped to a file each test file can start an in-memory copy from. */
async function pgliteTemplate(): Promise<string> {
  const client = new PGlite();
  await migrateDatabase(pgliteHandle(client));
  const dump = await client.dumpDataDir('none');
  await client.close();
  const file = path.resolve('.data/test/pglite-template.tar');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate?: string;
    pgliteTemplate?: string;
  }
}
