'use client';
import { signOutAndLeave } from './sign-out';

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOutAndLeave()}
      className="rounded-md border border-white/30 px-3 py-1.5 text-sm font-medium hover:bg-white/10"
    >
      Sign out
    </button>
  );
}
