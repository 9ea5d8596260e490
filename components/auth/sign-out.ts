import { postToAuth } from './auth-api';

// Apart from the sign-in functions (auth-client.ts), which only the sign-in page needs: the header's button is on
// every signed-in page.
/** Signs out this browser's session (next-auth's signOut event records it as ended) and goes to the sign-in page. */
export async function signOutAndLeave(): Promise<void> {
  // Unsent phone captures are warned about first; that code loads only now (components/captures/sign-out.ts).
  const { leave } = await import('@/components/captures/sign-out');
  if (await leave(() => postToAuth('signout', { callbackUrl: '/signin' }))) window.location.assign('/signin');
}
