'use client';
import { Suspense, useEffect, useState, type ReactNode } from 'react';

/**
 * The <Suspense> around a panel from lazyPanel(). The server draws the panel in full, but in the browser it takes
 * no input until its code has arrived and React has hydrated it: a click or a keystroke before then is lost without a
 * word (an assessor's quick "Met" was, in the report journey). So its controls stay disabled until the panel is
 * live: a visible moment of waiting instead of a lost action. `display: contents` keeps the page's layout as if the
 * fieldset were not there, and role="presentation" keeps screen readers from announcing a group without a name.
 */
export function LazyBoundary({ fallback, children }: { fallback: ReactNode; children: ReactNode }) {
  const [live, setLive] = useState(false);
  return (
    <fieldset disabled={!live} role="presentation" className="contents">
      <Suspense fallback={fallback}>
        {children}
        <WhenLive onLive={setLive} />
      </Suspense>
    </fieldset>
  );
}

/** Mounted with the boundary's content, so its effect runs once that content is hydrated (or first drawn). */
function WhenLive({ onLive }: { onLive: (live: boolean) => void }) {
  useEffect(() => onLive(true), [onLive]);
  return null;
}
