'use server';
import { headers } from 'next/headers';
import { publicAction } from '@/lib/action';
import { signReviewByLink } from '@/lib/links/review';
import { answerWitnessLink } from '@/lib/links/witness';
import { signByLinkSchema, witnessAnswerSchema } from '@/lib/links/schemas';
import { CLIENT_ADDRESS_HEADER } from '@/lib/net/client-address.mjs';

// No session: these are answered by people without an account. The token is the permission, checked in lib/links.

/** Where the answer came from, as recorded on the link: the client address the server decided, and the browser. */
async function from() {
  const h = await headers();
  return {
    address: h.get(CLIENT_ADDRESS_HEADER) ?? 'unknown',
    userAgent: (h.get('user-agent') ?? '').slice(0, 500),
  };
}

/** A witness confirms the statement, or says it is not accurate. */
export const answerWitnessAction = publicAction(witnessAnswerSchema, async ({ token, ...answer }) =>
  answerWitnessLink(token, answer, await from()),
);

/** An employer signs a progress review. */
export const signByLinkAction = publicAction(signByLinkSchema, async ({ token, name }) =>
  signReviewByLink(token, { name }, await from()),
);
