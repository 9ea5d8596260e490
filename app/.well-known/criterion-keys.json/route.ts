import { publishedKeys, SigningKeyMissing } from '@/lib/record/keys';

export const dynamic = 'force-dynamic';

/**
 * The public keys (JWKS, RFC 7517) that Criterion's signatures verify with: the current key first, then retired
 * ones, so a seal or an export signed years ago still verifies. Public by design (only public keys, and anyone
 * verifying a record offline must be able to fetch them), readable from any origin, cacheable for an hour.
 */
export async function GET() {
  try {
    return Response.json(await publishedKeys(), {
      headers: {
        'Content-Type': 'application/jwk-set+json',
        'Cache-Control': 'public, max-age=3600',
        'Access-Control-Allow-Origin': '*',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (e) {
    if (e instanceof SigningKeyMissing) {
      return Response.json({ error: 'The signing keys are not configured on this server.' }, { status: 503 });
    }
    throw e;
  }
}
