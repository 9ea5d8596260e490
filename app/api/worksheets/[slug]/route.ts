import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readJsonWithin } from '@/lib/body';
import { errorResponse, PublicError, ValidationError } from '@/lib/errors';
import { readSessionClaims } from '@/lib/auth/session';
import { withUser } from '@/lib/http';
import { isCrossSite } from '@/lib/security-headers';
import { assertCanEdit, getDraft, saveDraft, saveOwnDraftQuickly } from '@/lib/worksheets/drafts';

/**
 * Autosave for the signed-in learner's own worksheet. A route handler, not a server action, so the page can retry
 * it, time it out and send it with keepalive as the tab closes.
 *   GET  -> { version, answers, savedAt }
 *   PUT  { version, answers } -> { version, savedAt } | 409 { error, current } | 400 { error, fieldErrors }
 */

type Ctx = { params: Promise<{ slug: string }> };

// Generous for 30 rows of two 5,000-character cells plus every reflection; anything bigger is not a worksheet.
const MAX_BODY_BYTES = 1_000_000;

const saveBody = z.object({
  version: z.int().min(0).max(2_147_483_647),
  answers: z.record(z.string(), z.unknown()),
});
const BODY_MESSAGES: Record<string, string> = {
  version: 'This save has no valid version number. Reload the page and try again.',
  answers: 'The answers were not in the form this worksheet expects. Reload the page and try again.',
};

async function readSaveBody(req: Request): Promise<z.infer<typeof saveBody>> {
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    // Also keeps plain HTML forms on other sites from posting here: JSON needs a CORS preflight.
    throw new PublicError('Send the answers as JSON.', 415);
  }
  // Bytes that are not UTF-8 are refused, not saved as U+FFFD.
  const unreadable = 'The answers could not be read. Reload the page and try again.';
  const json = await readJsonWithin(req, MAX_BODY_BYTES, {
    tooLarge: 'These answers are too long to save in one go. Shorten the longest answers and try again.',
    unreadable,
    empty: unreadable,
  });
  const parsed = saveBody.safeParse(json);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]!.path[0] ?? 'answers');
    throw new ValidationError(BODY_MESSAGES[field] ?? BODY_MESSAGES.answers!);
  }
  return parsed.data;
}

export const GET = withUser<Ctx>(async (_req, user, { params }) => {
  const { slug } = await params;
  return NextResponse.json(await getDraft(user, slug), { headers: { 'cache-control': 'no-store' } });
});

type BodyOutcome = { input: z.infer<typeof saveBody> } | { error: unknown };

const fullSave = (body?: BodyOutcome, afterQuickSave = false) =>
  withUser<Ctx>(async (req, user, { params }) => {
    const { slug } = await params;
    // Who may save comes before what was sent: anyone but the learner gets a 403 whatever the body.
    await assertCanEdit(user, slug);
    if (body && 'error' in body) throw body.error;
    const input = body ? body.input : await readSaveBody(req);
    return NextResponse.json(await saveDraft(user, slug, input, { afterQuickSave }), {
      headers: { 'cache-control': 'no-store' },
    });
  });

/**
 * A learner's save in step with the server (nearly every autosave) goes through saveOwnDraftQuickly: one
 * database round trip that also checks the account. Everything else, or anything it cannot decide, takes the
 * full path: account read, permission, body checks in that order, and the same answers and errors as always.
 */
export async function PUT(req: Request, ctx: Ctx): Promise<Response> {
  const session = isCrossSite(req) ? null : await readSessionClaims();
  if (!session) return fullSave()(req, ctx);
  let body: BodyOutcome;
  try {
    body = { input: await readSaveBody(req) };
  } catch (error) {
    body = { error };
  }
  if ('input' in body) {
    try {
      const saved = await saveOwnDraftQuickly(session, (await ctx.params).slug, body.input);
      if (saved) return NextResponse.json(saved, { headers: { 'cache-control': 'no-store' } });
    } catch (e) {
      return errorResponse(e);
    }
    return fullSave(body, true)(req, ctx);
  }
  return fullSave(body)(req, ctx);
}
