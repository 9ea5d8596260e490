import { withUser } from '@/lib/http';
import { getEqaPack } from '@/lib/qa/eqa';

// The visit's pack as JSON, to keep or load into the awarding body's tools: the same data as the printable page.
export const GET = withUser<{ params: Promise<{ visitId: string }> }>(async (_req, user, ctx) => {
  const { visitId } = await ctx.params;
  const { readerRelation: _reader, ...pack } = await getEqaPack(user, visitId);
  const name = `eqa-pack-${
    pack.visit.organisation
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'visit'
  }-${pack.visit.firstDay}.json`;
  return new Response(`${JSON.stringify(pack, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
});
