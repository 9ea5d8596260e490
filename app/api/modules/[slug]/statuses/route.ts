import { NextResponse } from 'next/server';
import { getModule } from '@/lib/content';
import { NotFoundError } from '@/lib/errors';
import { withUser } from '@/lib/http';
import { moduleStatuses, toLiveStatuses } from '@/lib/modules/learner';

export const dynamic = 'force-dynamic';

/**
 * The signed-in learner's status on each criterion of a module and their progress, which the (static, shared)
 * module and item pages fill in. Staff get nulls: statuses are a learner's own view.
 */
export const GET = withUser<{ params: Promise<{ slug: string }> }>(async (_req, user, { params }) => {
  const { slug } = await params;
  if (!getModule(slug)) throw new NotFoundError('There is no such module.');
  return NextResponse.json(toLiveStatuses(await moduleStatuses(user, slug)), {
    headers: { 'Cache-Control': 'private, no-store' },
  });
});
