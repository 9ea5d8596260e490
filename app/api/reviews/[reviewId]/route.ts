import { NextResponse } from 'next/server';
import { assertJsonContentType, readJsonWithin } from '@/lib/body';
import { NotFoundError } from '@/lib/errors';
import { withUser } from '@/lib/http';
import { isUuid } from '@/lib/ids';
import { saveReviewSchema } from '@/lib/reviews/schemas';
import { saveReviewDraft } from '@/lib/reviews/write';
import { parseOrThrow } from '@/lib/validate';

type Ctx = { params: Promise<{ reviewId: string }> };

/** Four 5,000-character texts and twenty targets with room to spare; anything bigger is not a review. */
const MAX_BODY_BYTES = 200_000;
const UNREADABLE = 'The review could not be read. Reload the page and try again; your text is kept on this page.';

/**
 * Autosave of a draft progress review by the learner's coach (lib/reviews/write.ts authorizes).
 *   PUT { version, content } -> { version, savedAt } | 409 { error, current? } | 400 { error, fieldErrors }
 */
export const PUT = withUser<Ctx>(async (req, user, ctx) => {
  const { reviewId } = await ctx.params;
  if (!isUuid(reviewId)) throw new NotFoundError('We could not find that review.');
  assertJsonContentType(req);
  const body = await readJsonWithin(req, MAX_BODY_BYTES, {
    tooLarge: 'This review is far too long to save. Shorten the longest answers; your text is kept on this page.',
    unreadable: UNREADABLE,
    empty: UNREADABLE,
  });
  const input = parseOrThrow(saveReviewSchema, body, 'Please check the review.');
  return NextResponse.json(await saveReviewDraft(user, reviewId, input));
});
