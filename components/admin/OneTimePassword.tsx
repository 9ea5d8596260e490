'use client';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/Button';

/** A password the portal generated: shown here once and never again, so say so plainly. */
export function OneTimePassword({ email, password }: { email: string; password: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 p-4" role="region" aria-label="New password">
      <p className="text-sm font-semibold text-amber-900">Password for {email}</p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <code
          className="rounded bg-white px-3 py-1.5 font-mono text-lg tracking-wide text-ink"
          data-testid="one-time-password"
        >
          {password}
        </code>
        <button
          type="button"
          className={buttonClass({ variant: 'secondary', size: 'sm' })}
          onClick={() =>
            void navigator.clipboard?.writeText(password).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="mt-2 text-sm text-amber-900">
        This is the only time it is shown. Give it to the person in a safe way; they can sign in with it straight away.
      </p>
    </div>
  );
}
