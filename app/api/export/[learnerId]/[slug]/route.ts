import { exportFileName } from '@/lib/export/filename';
import { portfolioExport } from '@/lib/export/record';
import { withUser } from '@/lib/http';

// The same record as the printable page, as JSON to keep or hand to an external quality assurer.
export const GET = withUser<{ params: Promise<{ learnerId: string; slug: string }> }>(async (_req, user, ctx) => {
  const { learnerId, slug } = await ctx.params;
  const record = await portfolioExport(user, learnerId, slug);
  return new Response(`${JSON.stringify(record, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(record, 'json')}"`,
      'Cache-Control': 'private, no-store',
    },
  });
});
