import { NotFoundError } from '@/lib/errors';
import { withUser } from '@/lib/http';
import { isUuid } from '@/lib/ids';
import { getUpload } from '@/lib/reports/drafts';

/** Download of an uploaded report document, for the learner and the staff who may read their report. */
export const GET = withUser<{ params: Promise<{ uploadId: string }> }>(async (req, user, ctx) => {
  const { uploadId } = await ctx.params;
  const learnerId = new URL(req.url).searchParams.get('learner') ?? user.id;
  if (!isUuid(uploadId) || !isUuid(learnerId)) throw new NotFoundError('We could not find that document.');
  const file = await getUpload(user, learnerId, uploadId);
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
