'use client';
import { useState } from 'react';
import type { FormResult } from '@/components/admin/ActionForm';
import { buttonClass } from '@/components/ui/Button';

export function EndSessionsForm({ action }: { action: (form: FormData) => Promise<FormResult> }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function onClick() {
    setPending(true);
    try {
      const form = new FormData();
      form.set('confirm', 'everywhere');
      const result = await action(form);
      // This session ended with the others: a full load of the sign-in page, so nothing signed-in stays on screen.
      if (result.ok) window.location.assign('/signin');
      else setError(result.error);
    } catch {
      setError('We could not reach Criterion. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <div>
      <button
        type="button"
        onClick={() => void onClick()}
        disabled={pending}
        className={buttonClass({ variant: 'danger', size: 'sm' })}
      >
        {pending ? 'Signing out\u2026' : 'Sign out everywhere'}
      </button>
      <p aria-live="polite" className="mt-2 text-sm font-medium text-red-800">
        {error}
      </p>
    </div>
  );
}
