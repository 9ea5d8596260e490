import { withUser } from '@/lib/http';
import { badgeCredential } from '@/lib/badges/badges';
import { ValidationError } from '@/lib/errors';

/**
 * A badge's signed credential for its learner (or an administrator): the VC-JWT as a file (the default), or
 * `?format=json` to read the credential it carries. Either way, exactly what was signed.
 */
export const GET = withUser<{ params: Promise<{ badgeId: string }> }>(async (req, user, ctx) => {
  const { badgeId } = await ctx.params;
  const format = new URL(req.url).searchParams.get('format') ?? 'jwt';
  if (format !== 'jwt' && format !== 'json')
    throw new ValidationError('Ask for format=jwt (the signed badge) or format=json (what it says).');
  const { jwt, fileName } = await badgeCredential(user, badgeId);
  const headers = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };
  if (format === 'json') {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as unknown;
    return new Response(JSON.stringify(payload, null, 2) + '\n', {
      headers: {
        ...headers,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `inline; filename="${fileName}.json"`,
      },
    });
  }
  return new Response(jwt, {
    headers: {
      ...headers,
      'Content-Type': 'application/vc+jwt',
      'Content-Disposition': `attachment; filename="${fileName}.jwt"`,
    },
  });
});
