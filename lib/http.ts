import 'server-only';
import { getCurrentUser, type SessionUser } from '@/lib/auth/session';
import { errorResponse, ForbiddenError, MUST_CHANGE_PASSWORD, UnauthenticatedError } from '@/lib/errors';
import { isCrossSite } from '@/lib/security-headers';

/** Route handlers: same-site only for changes, sign-in required, public errors mapped to their status, anything else a generic 500. */
export function withUser<C>(work: (req: Request, user: SessionUser, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      if (isCrossSite(req)) throw new ForbiddenError('Requests from other sites are not accepted.');
      const user = await getCurrentUser();
      if (!user) return new UnauthenticatedError().toResponse();
      if (user.mustChangePassword) throw new ForbiddenError(MUST_CHANGE_PASSWORD);
      return await work(req, user, ctx);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
