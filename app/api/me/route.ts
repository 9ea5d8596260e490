import { NextResponse } from 'next/server';
import { withUser } from '@/lib/http';
import { unreadCount } from '@/lib/notifications/inbox';
import { isIqa } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

/**
 * Who is signed in, for the header of pages served the same to everyone (the module pages): name, role, and whether
 * the account is an internal quality assurer (to offer the Quality link, as the app's own layout does; /quality checks
 * again), and how many notifications are unread (the bell).
 */
export const GET = withUser(async (_req, user) =>
  NextResponse.json(
    { id: user.id, name: user.name, role: user.role, iqa: await isIqa(user), unread: await unreadCount(user) },
    { headers: { 'Cache-Control': 'private, no-store' } },
  ),
);
