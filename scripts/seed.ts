// `npm run db:seed`: adds the demo cohort to the configured database (PGlite or DATABASE_URL).
import { getHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { demoBanner, seedDemo } from '../db/demo';

async function main() {
  const handle = getHandle();
  await migrateDatabase(handle, { ownerUrl: process.env.DATABASE_OWNER_URL || undefined });
  await seedDemo(handle.db);
  console.log(demoBanner(process.env.NEXTAUTH_URL ?? 'http://localhost:3000'));
  await handle.close();
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
