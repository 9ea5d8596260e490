'use client';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ASSESSOR_SHORTCUTS } from '@/lib/reports/shortcuts';

const STORAGE_KEY = 'criterion:assessor-shortcuts';
const TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

const subscribe = (changed: () => void) => {
  window.addEventListener('storage', changed);
  return () => window.removeEventListener('storage', changed);
};

/** Typing goes to text: a text box, a list box or anything editable keeps every key. */
function takesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
    return true;
  return target instanceof HTMLInputElement && !TEXT_INPUTS.has(target.type);
}

/**
 * Single-key shortcuts for the assessor's criterion cards (AssessmentForm): J and K move between criteria (the card
 * takes the focus, so a screen reader reads its name), M and N record met or not yet met on the criterion in focus.
 * Never while typing in a text field, never with Ctrl, Alt or Cmd; each change is announced; they can be turned off
 * (WCAG 2.1.4), and the choice is kept in this browser.
 */
export function AssessorShortcuts({
  criteria,
  onAc,
}: {
  criteria: { id: string; number: string }[];
  onAc: (acId: string, patch: { outcome: 'met' | 'not_yet_met' }) => void;
}) {
  // On unless turned off in this browser (the server draws them on).
  const stored = useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(STORAGE_KEY) !== 'off',
    () => true,
  );
  const [chosen, setOn] = useState<boolean | null>(null);
  const on = chosen ?? stored;
  const [said, say] = useState('');
  const last = useRef<string | null>(null);

  useEffect(() => {
    if (!on) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || takesText(e.target)) return;
      const key = e.key.toLowerCase();
      if (!['j', 'k', 'm', 'n'].includes(key)) return;
      const cards = [...document.querySelectorAll<HTMLElement>('[data-criterion]')];
      if (!cards.length) return;
      const inFocus = (e.target instanceof Element ? e.target : null)?.closest<HTMLElement>('[data-criterion]');
      const at = inFocus ? cards.indexOf(inFocus) : cards.findIndex((c) => c.dataset.criterion === last.current);
      e.preventDefault();
      if (key === 'j' || key === 'k') {
        const next = at < 0 ? 0 : Math.min(cards.length - 1, Math.max(0, at + (key === 'j' ? 1 : -1)));
        const card = cards[next]!;
        last.current = card.dataset.criterion ?? null;
        card.focus();
        say(`Criterion ${card.dataset.criterion}, ${next + 1} of ${cards.length}`);
        return;
      }
      const criterion = at < 0 ? undefined : criteria.find((c) => c.number === cards[at]!.dataset.criterion);
      if (!criterion) {
        say('Press J to go to the first criterion, then M for met or N for not yet met.');
        return;
      }
      last.current = criterion.number;
      onAc(criterion.id, { outcome: key === 'm' ? 'met' : 'not_yet_met' });
      say(`${criterion.number}: ${key === 'm' ? 'met' : 'not yet met'}`);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [on, criteria, onAc]);

  return (
    <div className="text-sm" data-testid="assessor-shortcuts">
      <details>
        <summary className="min-h-6 cursor-pointer font-semibold text-brand-700">
          Keyboard shortcuts{on ? '' : ' (off)'}
        </summary>
        <ul className="mt-2 space-y-1" aria-label="Keyboard shortcuts">
          {ASSESSOR_SHORTCUTS.map((s) => (
            <li key={s.key}>
              <kbd className="rounded border border-line bg-canvas px-1.5 font-mono text-xs">{s.key}</kbd> {s.does}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-muted">
          Anywhere on this page except while you type in a box. Each change is announced.
        </p>
        <label className="mt-2 flex items-center gap-2">
          <input
            type="checkbox"
            className="size-4 accent-brand-600"
            checked={on}
            onChange={(e) => {
              setOn(e.target.checked);
              localStorage.setItem(STORAGE_KEY, e.target.checked ? 'on' : 'off');
            }}
          />
          Use single-key shortcuts
        </label>
      </details>
      <p role="status" aria-live="polite" className="sr-only" data-testid="shortcut-said">
        {said}
      </p>
    </div>
  );
}
