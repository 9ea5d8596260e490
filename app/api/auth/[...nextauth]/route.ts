import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { readJsonWithin } from '@/lib/body';
import { isPublicError } from '@/lib/errors';

type Ctx = { params: Promise<{ nextauth: string[] }> };

/** An email, a password and next-auth's few fields: far less than this. */
const SIGN_IN_BODY_LIMIT_BYTES = 64 * 1024;

// Options are built per request so configuration is read after start-up validation, not at build time.
function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, authOptions()) as Promise<Response>;
}

/**
 * next-auth's forms post urlencoded fields (its client JSON). Anything else it cannot read and answers with a
 * redirect to the sign-in page as if the form had expired; a 415 says what went wrong. A JSON body it parses
 * without a guard (malformed JSON was a 500), so that is read here first, on a copy.
 */
async function post(req: Request, ctx: Ctx) {
  const type = (req.headers.get('content-type') ?? '').toLowerCase().split(';')[0]!.trim();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'application/json') {
    return Response.json(
      { error: 'Sign-in details must be sent from the sign-in form. Reload the page and try again.' },
      { status: 415 },
    );
  }
  if (type === 'application/json') {
    let body: unknown;
    try {
      body = await readJsonWithin(req.clone(), SIGN_IN_BODY_LIMIT_BYTES);
    } catch (e) {
      if (isPublicError(e)) return e.toResponse();
      throw e;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return Response.json(
        { error: 'Sign-in details must be sent from the sign-in form. Reload the page and try again.' },
        { status: 400 },
      );
    }
  }
  return handler(req, ctx);
}

export { handler as GET, post as POST };
