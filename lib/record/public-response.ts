import { SigningKeyMissing } from './keys';

/**
 * A public answer made with the record signing keys (the JWKS, the badges' status list): readable from any origin,
 * cacheable for `maxAgeSeconds`, and a plain 503 where the keys are not configured, so a verifier knows to try again
 * later rather than concluding that a badge or a record is false.
 */
export async function publicSignedResponse(
  body: () => Promise<string>,
  contentType: string,
  maxAgeSeconds: number,
): Promise<Response> {
  try {
    return new Response(await body(), {
      headers: {
        'Content-Type': contentType,
        'Cache-Control': `public, max-age=${maxAgeSeconds}`,
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
