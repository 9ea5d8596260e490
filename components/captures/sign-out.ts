import { waitingOnDevice } from './store';

/**
 * What signing out does about this device's captures, loaded only when Sign out is pressed (not with every page).
 * Captures waiting in the queue stay (filed under their learner) and upload at the next sign-in here; signing out is
 * never allowed to look like it sent them. Resolves true once signed out.
 */
export async function leave(signOut: () => Promise<unknown>): Promise<boolean> {
  const waiting = await waitingOnDevice().catch(() => 0);
  if (
    waiting &&
    !window.confirm(
      `${waiting === 1 ? '1 capture has' : `${waiting} captures have`} not been uploaded yet. They stay on this device and upload when you sign in again here. Sign out anyway?`,
    )
  )
    return false;
  await signOut();
  // Pages kept for offline use that are not public (the capture page lists the learner's criteria) go with the session.
  navigator.serviceWorker?.controller?.postMessage({ type: 'signed-out' });
  return true;
}
