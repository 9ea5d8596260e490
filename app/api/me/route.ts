import { NextResponse } from 'next/server';
import { withUser } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** Who is signed in, for the header of pages served the same to everyone (the module pages): name and role only. */
export const GET = withUser(async (_req, user) =>
  NextResponse.json(
    { id: user.id, name: user.name, role: user.role },
    { headers: { 'Cache-Control': 'private, no-store' } },
  ),
);
