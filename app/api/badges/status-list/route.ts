import { signedStatusList } from '@/lib/badges/badges';
import { publicSignedResponse } from '@/lib/record/public-response';

export const dynamic = 'force-dynamic';

/**
 * The revocation status list of every badge this Criterion issued (W3C Bitstring Status List, signed as a VC-JWT with
 * the record key): public, like the keys, so anyone checking a badge can tell whether it was revoked. It names no
 * learner: one bit per badge, by the index the badge itself carries.
 */
export async function GET() {
  return publicSignedResponse(signedStatusList, 'application/vc+jwt', 300);
}
