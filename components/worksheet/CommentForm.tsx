'use client';
import { useActionState, useEffect, useId, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/action';
import { COMMENT_MAX_LENGTH, charCount } from '@/lib/worksheets/answers';
import { CharCounter } from './CharCounter';
import { WarningIcon } from './icons';
import { buttonClass } from '@/components/ui/Button';
import { textareaClass } from './styles';

export type CommentAction = (
  previous: ActionResult<{ id: string }> | null,
  formData: FormData,
) => Promise<ActionResult<{ id: string }>>;

/**
 * The coach's comment box for one section (or the whole worksheet). The text is controlled state, so a refused
 * save (network, permission, too long) leaves it in the box; only a saved comment clears it.
 */
export function CommentForm({
  action,
  submissionId,
  sectionId,
  sectionTitle,
}: {
  action: CommentAction;
  submissionId: string;
  sectionId: string | null;
  sectionTitle: string;
}) {
  const [result, formAction, pending] = useActionState(action, null);
  const [body, setBody] = useState('');
  const [open, setOpen] = useState(false);
  const handled = useRef<typeof result>(null);
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!result || handled.current === result) return;
    handled.current = result;
    if (result.ok) {
      // The action's answer comes back from the server: clearing the box is the reply to it, once per answer.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setBody('');
      setOpen(false);
    }
  }, [result]);

  useEffect(() => {
    if (open) box.current?.focus();
  }, [open]);

  const over = charCount(body) > COMMENT_MAX_LENGTH;
  const label = sectionId ? `Comment on “${sectionTitle}”` : 'Add an overall comment';

  if (!open) {
    return (
      <div>
        <button
          type="button"
          onClick={() => setOpen(true)}
          className={buttonClass({ variant: 'outline', size: 'touch' })}
        >
          {sectionId ? 'Add a comment' : 'Add an overall comment'}
          <span className="sr-only">{sectionId ? ` on ${sectionTitle}` : ''}</span>
        </button>
        <div aria-live="polite" className="mt-2 text-sm font-medium text-met">
          {result?.ok ? 'Comment saved. The learner can see it now.' : null}
        </div>
      </div>
    );
  }

  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="submissionId" value={submissionId} />
      <input type="hidden" name="sectionId" value={sectionId ?? ''} />
      <label htmlFor={id} className="block text-sm font-semibold text-ink">
        {label}
      </label>
      <textarea
        ref={box}
        id={id}
        name="body"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={3}
        aria-invalid={over || (result && !result.ok) ? true : undefined}
        aria-describedby={`${id}-count ${id}-error`}
        className={`${textareaClass} min-h-[5.5rem]`}
      />
      <CharCounter id={`${id}-count`} text={body} max={COMMENT_MAX_LENGTH} />
      <div id={`${id}-error`} aria-live="polite">
        {result && !result.ok ? (
          <div role="alert" className="flex items-start gap-2 text-sm font-medium text-notyet">
            <WarningIcon className="mt-0.5 shrink-0" /> {result.error}
          </div>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending || !body.trim() || over} className={buttonClass({ size: 'touch' })}>
          {pending ? 'Saving…' : 'Save comment'}
        </button>
        <button
          type="button"
          onClick={() => setOpen(false)}
          className="min-h-11 rounded-lg px-3 text-sm font-medium text-muted hover:bg-canvas"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
