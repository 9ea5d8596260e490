import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

export const dynamic = 'force-dynamic';

/** For load balancers: 200 when this server can reach the database, 503 when it cannot. Public and data-free. */
export async function GET() {
  try {
    await getDb().execute(sql`select 1`);
    return Response.json({ status: 'ok' });
  } catch {
    return Response.json({ status: 'unavailable', error: 'The database cannot be reached.' }, { status: 503 });
  }
}
