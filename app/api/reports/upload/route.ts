import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readBodyWithin } from '@/lib/body';
import { ValidationError } from '@/lib/errors';
import { withUser } from '@/lib/http';
import { importDocx } from '@/lib/reports/drafts';
import { MAX_DOCX_BYTES } from '@/lib/reports/limits';

const query = z.object({ version: z.coerce.number().int().min(0) });

/**
 * Upload of a .docx that becomes the learner's draft. The body is the file itself (not multipart), so
 * its size is capped while it arrives; the name comes in X-File-Name (URI-encoded).
 */
export const POST = withUser(async (req, user) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new ValidationError('Reload the page and try the upload again.');
  let fileName = 'report.docx';
  try {
    fileName = decodeURIComponent(req.headers.get('x-file-name') ?? fileName);
  } catch {
    // A malformed name is not worth refusing the file for.
  }
  const bytes = await readBodyWithin(
    req,
    MAX_DOCX_BYTES,
    `This file is larger than ${MAX_DOCX_BYTES / 1024 / 1024} MB. A report's text is far smaller: remove large images and try again.`,
  );
  return NextResponse.json(await importDocx(user, user.id, { version: parsed.data.version, fileName, bytes }));
});
