'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FormResult } from '@/components/admin/ActionForm';
import { Alert } from '@/components/ui/Alert';
import { Button, type ButtonStyle } from '@/components/ui/Button';

/**
 * One button that calls a server action with fixed input, then opens the review the action answers with (`open`)
 * or refreshes the page; a refusal is shown beside it, as the server wrote it.
 */
export function ActionButton<I>({
  action,
  input,
  label,
  pendingLabel,
  open,
  button,
  ariaLabel,
}: {
  action: (input: I) => Promise<FormResult<unknown>>;
  input: I;
  label: string;
  pendingLabel: string;
  /** Go to /reviews/<id> of the answer instead of refreshing. */
  open?: boolean;
  button?: ButtonStyle;
  ariaLabel?: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setPending(true);
    setError(null);
    try {
      const result = await action(input);
      if (!result.ok) setError(result.error);
      else if (open && (result.data as { id?: string } | null)?.id)
        router.push(`/reviews/${(result.data as { id: string }).id}`);
      else router.refresh();
    } catch {
      setError('We could not reach Criterion. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button {...button} onClick={() => void run()} disabled={pending} aria-label={ariaLabel}>
        {pending ? pendingLabel : label}
      </Button>
      <Alert tone="error">{error}</Alert>
    </span>
  );
}
