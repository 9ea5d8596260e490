'use server';
import { headers } from 'next/headers';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { changeOwnPassword, changePasswordInput, endAllSessions } from '@/lib/auth/account';
import { clearSessionCookie, continueSession } from '@/lib/auth/session-cookie';
import { CLIENT_ADDRESS_HEADER } from '@/lib/net/client-address.mjs';

// The two things a person may do before replacing a password someone else set: replace it, or end their sessions.
export const changePasswordAction = validatedAction(
  changePasswordInput,
  async (user, input) => {
    const { sessionVersion } = await changeOwnPassword(
      user,
      input,
      (await headers()).get(CLIENT_ADDRESS_HEADER) ?? 'unknown',
    );
    await continueSession(user, sessionVersion);
  },
  { beforePasswordChange: true },
);

// The button says what it does; the field makes the call say it too, so no stray request ends every session.
const endAllSessionsInput = z.object({
  confirm: z.literal('everywhere', 'Press "Sign out everywhere" to end every session.'),
});

export const endAllSessionsAction = validatedAction(
  endAllSessionsInput,
  async (user) => {
    await endAllSessions(user);
    await clearSessionCookie();
  },
  { beforePasswordChange: true },
);
