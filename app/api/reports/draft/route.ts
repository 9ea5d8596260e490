import { NextResponse } from 'next/server';
import { assertJsonContentType, readJsonWithin } from '@/lib/body';
import { withUser } from '@/lib/http';
import { saveDraft } from '@/lib/reports/drafts';
import { MAX_DRAFT_BODY_BYTES } from '@/lib/reports/limits';
import { saveDraftSchema } from '@/lib/reports/schemas';
import { parseOrThrow } from '@/lib/validate';

const TOO_LARGE =
  'Your report is far longer than this unit allows, so it was not saved on the server. Your text is still on this page: shorten it and it will save again.';
const UNREADABLE = 'The request could not be read. Reload the page and try again; your text is kept on this page.';

/** Autosave of the signed-in learner's own report draft. 409 with the stored draft when stale. */
export const PUT = withUser(async (req, user) => {
  assertJsonContentType(req);
  const body = await readJsonWithin(req, MAX_DRAFT_BODY_BYTES, {
    tooLarge: TOO_LARGE,
    unreadable: UNREADABLE,
    empty: UNREADABLE,
  });
  return NextResponse.json(
    await saveDraft(user, user.id, parseOrThrow(saveDraftSchema, body, 'Please check the report.')),
  );
});
