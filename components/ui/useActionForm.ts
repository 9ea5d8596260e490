'use client';
import { useEffect, useRef, useState } from 'react';
import type { FormResult } from '@/components/admin/ActionForm';

const UNREACHABLE = 'We could not reach Criterion. Check your connection and try again.';

interface ActionFormState<T> {
  pending: boolean;
  /** The message for the whole form, left out when it only repeats an error shown at one of `fields`. */
  error?: string;
  fieldErrors: Record<string, string>;
  /** What to say when it worked. */
  success?: string;
  /** The action's answer, from the last submit that worked. */
  data?: T;
}

/**
 * What a refused submit shows: every field error, and the form's message unless it only repeats the error of a field
 * the form shows beside that field (a validation error comes back as both).
 */
export function refusal(result: { error: string; fieldErrors?: Record<string, string> }, fields: readonly string[]) {
  const fieldErrors = result.fieldErrors ?? {};
  const shownAtField = fields.some((f) => fieldErrors[f] === result.error);
  return { fieldErrors, error: shownAtField ? undefined : result.error };
}

/**
 * The submit of a form whose server action answers with a FormResult: stops the browser's own submit, sends the
 * fields, keeps "pending" while it waits, and then holds either the success or the errors. A validation error comes
 * back both as the form's message and as the field's; when the form shows that field's error at the field (list it
 * in `fields`), it is shown there only, not twice, and focus moves to the first field marked invalid, so a screen
 * reader announces the field with its error (the message is no longer in the form's live region).
 */
export function useActionForm<T>(
  action: (form: FormData) => Promise<FormResult<T>>,
  {
    fields = [],
    success,
    resetOnSuccess = false,
    onSuccess,
  }: {
    /** Names of the fields whose errors this form shows beside them. */
    fields?: readonly string[];
    /** The success message, or a function of the answer that makes it. */
    success?: string | ((data: T) => string | undefined);
    resetOnSuccess?: boolean;
    onSuccess?: (data: T) => void;
  } = {},
) {
  const [state, setState] = useState<ActionFormState<T>>({ pending: false, fieldErrors: {} });
  const formRef = useRef<HTMLFormElement | null>(null);
  const [focusInvalid, setFocusInvalid] = useState(0);

  useEffect(() => {
    if (focusInvalid) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  async function submit(form: HTMLFormElement) {
    formRef.current = form;
    setState({ pending: true, fieldErrors: {} });
    try {
      const result = await action(new FormData(form));
      if (result.ok) {
        if (resetOnSuccess) form.reset();
        setState({
          pending: false,
          fieldErrors: {},
          data: result.data,
          success: typeof success === 'function' ? success(result.data) : success,
        });
        onSuccess?.(result.data);
      } else {
        const shown = refusal(result, fields);
        setState({ pending: false, ...shown });
        if (fields.some((f) => shown.fieldErrors[f])) setFocusInvalid((n) => n + 1);
      }
    } catch {
      setState({ pending: false, fieldErrors: {}, error: UNREACHABLE });
    }
  }

  return {
    ...state,
    onSubmit(e: React.FormEvent<HTMLFormElement>) {
      e.preventDefault();
      void submit(e.currentTarget);
    },
  };
}
