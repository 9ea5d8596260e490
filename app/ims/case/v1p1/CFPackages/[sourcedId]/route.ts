import { caseBaseUrl, caseLookup, findPackage } from '@/lib/standards/case-service';

export const dynamic = 'force-dynamic';

/** CASE 1.1 getCFPackage, a module's whole package (document, items, associations). Public and read-only; an unknown or malformed sourcedId is answered in imsx_StatusInfo form. */
export async function GET(request: Request, { params }: { params: Promise<{ sourcedId: string }> }) {
  const { sourcedId } = await params;
  return caseLookup(findPackage(caseBaseUrl(request), sourcedId), (v) => v);
}
