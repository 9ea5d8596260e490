// `npm run db:migrate`: applies migrations without starting the app (useful before a rolling deploy).
import { getHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';

getHandle();
migrateDatabase(getHandle(), { ownerUrl: process.env.DATABASE_OWNER_URL || undefined })
  .then(() => getHandle().close())
  .then(() => console.log('Database is up to date.'))
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
