'use client';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/action';

/** The server action that sends the reply; the page passes it in, so this component never depends on a route. */
export type RespondAction = (input: { judgementId: string; note: string }) => Promise<ActionResult<unknown>>;

/** The learner replies to "not yet met" feedback, e.g. to say where the criterion is covered. */
export function ResponseForm({
  judgementId,
  max,
  respond,
}: {
  judgementId: string;
  max: number;
  respond: RespondAction;
}) {
  const uid = useId();
  const router = useRouter();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!note.trim()) return setMessage({ ok: false, text: 'Write your response before sending it.' });
    start(async () => {
      const result = await respond({ judgementId, note });
      if (!result.ok) return setMessage({ ok: false, text: result.error });
      setNote('');
      setMessage({ ok: true, text: 'Your response was sent to your assessor.' });
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="mt-2">
      <label htmlFor={`${uid}-note`} className="block text-sm font-semibold text-ink">
        Reply to your assessor
      </label>
      <textarea
        id={`${uid}-note`}
        rows={2}
        maxLength={max}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        className="mt-1 w-full rounded-md border border-line px-3 py-2 text-sm"
      />
      <div className="mt-1.5 flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md border border-brand-500 bg-white px-3 py-1.5 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60"
        >
          {pending ? 'Sending…' : 'Send reply'}
        </button>
        <p aria-live="polite" className={`text-sm ${message?.ok === false ? 'font-medium text-notyet' : 'text-muted'}`}>
          {message?.text}
        </p>
      </div>
    </form>
  );
}
