import { withUser } from '@/lib/http';
import { exportLearnerRecord } from '@/lib/record/export';

// The learner's signed, portable record (a ZIP anyone can check offline): the learner, their assessor or an admin.
export const GET = withUser<{ params: Promise<{ learnerId: string }> }>(async (_req, user, ctx) => {
  const { learnerId } = await ctx.params;
  const { zip, fileName } = await exportLearnerRecord(user, learnerId);
  return new Response(Buffer.from(zip), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  });
});
