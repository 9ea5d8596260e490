import { NextResponse } from 'next/server';
import { z } from 'zod';
import { PublicError, ValidationError } from '@/lib/errors';
import { parseJsonBytes } from '@/lib/files/body';
import { withUser } from '@/lib/http';
import { assertCanEdit, getDraft, saveDraft } from '@/lib/worksheets/drafts';

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

async function readSaveBody(req: Request) {
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    // Also keeps plain HTML forms on other sites from posting here: JSON needs a CORS preflight.
    throw new PublicError('Send the answers as JSON.', 415);
  }
  const tooBig = new PublicError('These answers are too long to save in one go. Shorten the longest answers and try again.', 413);
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw tooBig;
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooBig;
  // Bytes that are not UTF-8 are refused, not saved as U+FFFD.
  const json = parseJsonBytes(bytes, 'The answers could not be read. Reload the page and try again.');
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

export const PUT = withUser<Ctx>(async (req, user, { params }) => {
  const { slug } = await params;
  // Who may save comes before what was sent: anyone but the learner gets a 403 whatever the body.
  await assertCanEdit(user, slug);
  const input = await readSaveBody(req);
  return NextResponse.json(await saveDraft(user, slug, input), { headers: { 'cache-control': 'no-store' } });
});
