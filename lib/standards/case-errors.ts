/**
 * CASE's error payload (imsx_StatusInfo). Kept apart from the provider (which loads all content) so that the proxy
 * can answer with it too.
 */
export function caseError(status: number, minor: string, description: string): Response {
  return Response.json(
    {
      imsx_codeMajor: 'failure',
      imsx_severity: 'error',
      imsx_description: description,
      imsx_CodeMinor: {
        imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'sourcedId', imsx_codeMinorFieldValue: minor }],
      },
    },
    {
      status,
      headers: { 'Access-Control-Allow-Origin': '*', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' },
    },
  );
}

/**
 * Next's router answers a path whose percent-encoding is not UTF-8 (`/CFItems/%FF`) with a 500 before any handler
 * runs; the proxy asks this first, so a CASE client gets a 400 in CASE's own form instead.
 */
export function refuseMalformedCasePath(pathname: string): Response | null {
  if (!pathname.startsWith('/ims/case/')) return null;
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return caseError(400, 'invalid_uuid', 'The address is not valid: the sourcedId must be a UUID.');
  }
}
