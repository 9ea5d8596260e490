import { publishedKeys } from '@/lib/record/keys';
import { publicSignedResponse } from '@/lib/record/public-response';

export const dynamic = 'force-dynamic';

/**
 * The public keys (JWKS, RFC 7517) that Criterion's signatures verify with: the current key first, then retired
 * ones, so a seal or an export signed years ago still verifies. Public by design (only public keys, and anyone
 * verifying a record offline must be able to fetch them), readable from any origin, cacheable for an hour.
 */
export async function GET() {
  return publicSignedResponse(async () => JSON.stringify(await publishedKeys()), 'application/jwk-set+json', 3600);
}
