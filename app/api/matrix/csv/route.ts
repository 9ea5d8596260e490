import { z } from 'zod';
import { matrixCsv } from '@/lib/dashboards/matrix-csv';
import { contentDisposition } from '@/lib/files/names';
import { withUser } from '@/lib/http';
import { uuidSchema } from '@/lib/ids';
import { parseOrThrow } from '@/lib/validate';

export const dynamic = 'force-dynamic';

const query = z.object({
  cohort: uuidSchema('Choose a cohort: the link names none that exists.'),
  module: z.string().min(1, 'Choose a module.').max(200, 'That module does not exist.'),
});

/** The whole criteria matrix of a cohort and module (every page of /coach/matrix) as a CSV download, streamed. */
export const GET = withUser(async (req, user) => {
  const params = new URL(req.url).searchParams;
  const input = parseOrThrow(query, { cohort: params.get('cohort') ?? '', module: params.get('module') ?? '' });
  const { fileName, stream } = await matrixCsv(user, { cohortId: input.cohort, moduleSlug: input.module });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(fileName),
      'Cache-Control': 'private, no-store',
    },
  });
});
