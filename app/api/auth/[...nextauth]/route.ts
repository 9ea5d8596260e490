import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so configuration is read after start-up validation, not at build time.
function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, authOptions()) as Promise<Response>;
}

/**
 * next-auth's forms post urlencoded fields (its client JSON). Anything else it cannot read and answers with a
 * redirect to the sign-in page as if the form had expired; a 415 says what went wrong.
 */
function post(req: Request, ctx: Ctx) {
  const type = (req.headers.get('content-type') ?? '').toLowerCase().split(';')[0]!.trim();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'application/json') {
    return Response.json({ error: 'Sign-in details must be sent from the sign-in form. Reload the page and try again.' }, { status: 415 });
  }
  return handler(req, ctx);
}

export { handler as GET, post as POST };
