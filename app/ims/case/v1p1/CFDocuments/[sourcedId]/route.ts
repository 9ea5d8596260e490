import { caseBaseUrl, caseLookup, findDocument } from '@/lib/standards/case-service';

export const dynamic = 'force-dynamic';

/** CASE 1.1 getCFDocument, one module's CFDocument. Public and read-only; an unknown or malformed sourcedId is answered in imsx_StatusInfo form. */
export async function GET(request: Request, { params }: { params: Promise<{ sourcedId: string }> }) {
  const { sourcedId } = await params;
  return caseLookup(findDocument(caseBaseUrl(request), sourcedId), (v) => v);
}
