'use client';
import { useEffect, useState, type RefObject } from 'react';

const NOT_TYPED_IN = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'image', 'range', 'color']);

function isTypingIn(el: Element | null): boolean {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly;
  if (el instanceof HTMLInputElement) return !el.readOnly && !NOT_TYPED_IN.has(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

/**
 * Moves focus to a panel that has just appeared, so keyboard and screen-reader users land on it, except when the
 * person is typing in a field: taking focus then would send their next keystrokes nowhere (a learner typing when a
 * save conflict arrived lost the rest of their sentence). Returns true in that case, so the panel announces itself
 * with an alert instead and the caret stays where it was.
 */
export function useFocusOnAppear(target: RefObject<HTMLElement | null>): boolean {
  // Read once, as the panel first renders: that is the moment it interrupts.
  const [typing] = useState(() => typeof document !== 'undefined' && isTypingIn(document.activeElement));
  useEffect(() => {
    if (!typing) target.current?.focus();
  }, [typing, target]);
  return typing;
}
