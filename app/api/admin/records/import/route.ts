import { NextResponse } from 'next/server';
import { readBodyWithin } from '@/lib/body';
import { withUser } from '@/lib/http';
import { authorizeAdmin } from '@/lib/permissions';
import { importRecord, MAX_RECORD_BYTES } from '@/lib/record/import';

/**
 * An administrator brings in a signed learner record from another Criterion. The body is the ZIP itself (not
 * multipart), capped while it arrives; the answer says what was imported, or the first problem in words.
 */
export const POST = withUser(async (req, user) => {
  authorizeAdmin(user);
  const bytes = await readBodyWithin(
    req,
    MAX_RECORD_BYTES,
    `This file is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB, more than a learner record can be.`,
  );
  const result = await importRecord(user, bytes);
  // A refusal carries its reason as `error`, as every refusal of the portal does.
  return result.ok ? NextResponse.json(result) : NextResponse.json({ error: result.problem }, { status: 422 });
});
