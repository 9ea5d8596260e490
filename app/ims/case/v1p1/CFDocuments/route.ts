import { caseBaseUrl, caseError, caseJson, listDocuments } from '@/lib/standards/case-service';

export const dynamic = 'force-dynamic';

/**
 * CASE 1.1 getAllCFDocuments: every module, public and read-only like the module pages (no session is read).
 * Takes limit and offset as CASE does; X-Total-Count says how many there are in all.
 */
export function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const limit = params.get('limit') ?? '100';
  const offset = params.get('offset') ?? '0';
  if (!/^\d{1,6}$/.test(limit) || !/^\d{1,6}$/.test(offset) || Number(limit) < 1) {
    return caseError(
      400,
      'invalid_selection_field',
      'limit must be a whole number of at least 1 and offset a whole number of at least 0.',
    );
  }
  const all = listDocuments(caseBaseUrl(request));
  const page = all.slice(Number(offset), Number(offset) + Number(limit));
  return caseJson({ CFDocuments: page }, { 'X-Total-Count': String(all.length) });
}
