import 'server-only';
import { NextResponse } from 'next/server';
import { getCurrentUser, type SessionUser } from '@/lib/auth/session';
import { ForbiddenError, isPublicError, MUST_CHANGE_PASSWORD } from '@/lib/errors';
import { isCrossSite } from '@/lib/security-headers';

/** Route handlers: same-site only for changes, sign-in required, public errors mapped to their status, anything else a generic 500. */
export function withUser<C>(work: (req: Request, user: SessionUser, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      if (isCrossSite(req)) throw new ForbiddenError('Requests from other sites are not accepted.');
      const user = await getCurrentUser();
      if (!user) return NextResponse.json({ error: 'Please sign in to continue.' }, { status: 401 });
      if (user.mustChangePassword) throw new ForbiddenError(MUST_CHANGE_PASSWORD);
      return await work(req, user, ctx);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

export function errorResponse(e: unknown): Response {
  if (isPublicError(e)) {
    const body: Record<string, unknown> = { error: e.message };
    if (e.fieldErrors) body.fieldErrors = e.fieldErrors;
    if ('current' in e && e.current !== undefined) body.current = e.current;
    return NextResponse.json(body, { status: e.status });
  }
  console.error(e);
  return NextResponse.json({ error: 'Something went wrong on our side and nothing was saved.' }, { status: 500 });
}
