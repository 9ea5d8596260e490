'use client';
import { useEffect, useState } from 'react';

const EVENT = 'criterion:flash';

/** Announces a saved change from anywhere on the page (e.g. a judgement whose row then moves). */
export function flash(message: string) {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: message }));
}

/** A polite live region shown as a toast at the bottom of the screen. */
export function Flash() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const on = (e: Event) => {
      setMessage((e as CustomEvent<string>).detail);
      clearTimeout(timer);
      timer = setTimeout(() => setMessage(''), 8000);
    };
    window.addEventListener(EVENT, on);
    return () => {
      window.removeEventListener(EVENT, on);
      clearTimeout(timer);
    };
  }, []);
  return (
    <div
      aria-live="polite"
      role="status"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-20 flex justify-center px-4"
    >
      {message ? (
        <p className="pointer-events-auto max-w-lg rounded-lg bg-brand-900 px-4 py-2.5 text-sm font-medium text-white shadow-lg">
          <span aria-hidden="true" className="mr-1.5 text-[#f2b705]">
            ✓
          </span>
          {message}
        </p>
      ) : null}
    </div>
  );
}
