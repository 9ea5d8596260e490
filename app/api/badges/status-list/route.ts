import { signedStatusList } from '@/lib/badges/badges';
import { SigningKeyMissing } from '@/lib/record/keys';

export const dynamic = 'force-dynamic';

/**
 * The revocation status list of every badge this Criterion issued (W3C Bitstring Status List, signed as a VC-JWT with
 * the record key): public, like the keys, so anyone checking a badge can tell whether it was revoked. It names no
 * learner: one bit per badge, by the index the badge itself carries.
 */
export async function GET() {
  try {
    return new Response(await signedStatusList(), {
      headers: {
        'Content-Type': 'application/vc+jwt',
        'Cache-Control': 'public, max-age=300',
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
