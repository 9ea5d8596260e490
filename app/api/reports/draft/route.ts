import { NextResponse } from 'next/server';
import { ValidationError } from '@/lib/errors';
import { assertJsonContentType } from '@/lib/files/body';
import { withUser } from '@/lib/http';
import { zodFieldErrors } from '@/lib/action';
import { readJsonCapped } from '@/lib/reports/body';
import { saveDraft } from '@/lib/reports/drafts';
import { MAX_DRAFT_BODY_BYTES } from '@/lib/reports/limits';
import { saveDraftSchema } from '@/lib/reports/schemas';
import { friendlyErrors } from '@/lib/validation-messages';

const TOO_LARGE = 'Your report is far longer than this unit allows, so it was not saved on the server. Your text is still on this page: shorten it and it will save again.';

/** Autosave of the signed-in learner's own report draft. 409 with the stored draft when stale. */
export const PUT = withUser(async (req, user) => {
  assertJsonContentType(req);
  const body = await readJsonCapped(req, MAX_DRAFT_BODY_BYTES, TOO_LARGE);
  const parsed = saveDraftSchema.safeParse(body, friendlyErrors);
  if (!parsed.success) {
    const fieldErrors = zodFieldErrors(parsed.error);
    throw new ValidationError(Object.values(fieldErrors)[0] ?? 'Please check the report.', fieldErrors);
  }
  return NextResponse.json(await saveDraft(user, user.id, parsed.data));
});
