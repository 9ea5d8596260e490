import JSZip from 'jszip';
import { z } from 'zod';
import { contentDisposition } from '@/lib/files/names';
import { withUser } from '@/lib/http';
import { uuidSchema } from '@/lib/ids';
import { authorizeAdmin } from '@/lib/permissions';
import { exportRecordsInBulk, INDEX_FILE } from '@/lib/record/bulk';
import { parseOrThrow } from '@/lib/validate';

export const dynamic = 'force-dynamic';

const query = z.object({
  cohort: z.union([z.literal('all'), uuidSchema('Choose a cohort, or every learner.')], {
    error: 'Choose a cohort, or every learner.',
  }),
});

// A fixed date for every entry, as in each record: the bytes depend on the contents only.
const ENTRY_DATE = new Date('2000-01-01T00:00:00Z');

/**
 * Every learner's signed record of a cohort (?cohort=<id>), or of every learner (?cohort=all), for an administrator:
 * one ZIP holding each learner's record ZIP as exported singly, and index.csv (name, email, file, SHA-256). The
 * records are already compressed, so they are stored as they are.
 */
export const GET = withUser(async (req, user) => {
  authorizeAdmin(user);
  const params = new URL(req.url).searchParams;
  const input = parseOrThrow(query, { cohort: params.get('cohort') ?? '' });
  const outer = new JSZip();
  const { cohort, indexCsv } = await exportRecordsInBulk(
    user,
    input.cohort === 'all' ? { all: true } : { cohort: input.cohort },
    async (fileName, zip) => void outer.file(fileName, zip, { date: ENTRY_DATE, binary: true }),
  );
  outer.file(INDEX_FILE, indexCsv, { date: ENTRY_DATE });
  const bytes = await outer.generateAsync({ type: 'uint8array', compression: 'STORE', platform: 'UNIX' });
  const slug =
    (cohort?.name ?? 'all-learners')
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'cohort';
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': contentDisposition(
        `criterion-records-${slug}-${new Date().toISOString().slice(0, 10)}.zip`,
      ),
      'Cache-Control': 'private, no-store',
    },
  });
});
