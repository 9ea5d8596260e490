'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FormResult } from '@/components/admin/ActionForm';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import type { IssuedLinkView } from '@/lib/links/types';
import { IssuedLink } from './IssuedLink';

/** One button that makes a link for a named person (the witness of a statement), then shows it once. */
export function RequestLinkButton<I>({
  label,
  action,
  input,
}: {
  label: string;
  action: (input: I) => Promise<FormResult<IssuedLinkView>>;
  input: I;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<IssuedLinkView | null>(null);

  async function onClick() {
    setPending(true);
    setError(null);
    try {
      const result = await action(input);
      if (result.ok) {
        setLink(result.data);
        router.refresh();
      } else setError(result.error);
    } catch {
      setError('We could not reach Criterion. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-3">
      <Button variant="secondary" size="sm" onClick={() => void onClick()} disabled={pending}>
        {pending ? 'Making the link\u2026' : label}
      </Button>
      <Alert tone="error" className="mt-2">
        {error}
      </Alert>
      {link ? <IssuedLink link={link} /> : null}
    </div>
  );
}
