'use client';
import { useEffect, useRef, type ComponentType } from 'react';
import { buttonClass } from '@/components/ui/Button';
import type { RichEditorProps } from './rich/RichEditor';

// The word-processor editor (ProseMirror, ./rich) is the largest part of the report page's code, so it is not part
// of the page: the server draws the plain Markdown box, which takes typing from the first moment, and the editor
// replaces it once its code has arrived, starting from whatever is in the box by then (nothing typed meanwhile is
// lost). Someone who prefers the plain box says so once per device and never loads the editor. This switch is
// itself fetched just after the page (issue #19's first-load budget).
const EDITOR_MODE_KEY = 'criterion:report-editor';
// Someone typing in the plain box when the editor arrives goes on typing in the editor.
const loadRichEditor = () =>
  import('./rich/RichEditor').then((m) => {
    const el = document.activeElement;
    m.continueTyping(el instanceof HTMLTextAreaElement && el.labels?.[0]?.textContent === 'Report text (Markdown)');
    return m.RichEditor;
  });

function prefersPlain(): boolean {
  try {
    return localStorage.getItem(EDITOR_MODE_KEY) === 'plain';
  } catch {
    return false;
  }
}

export type RichEditorComponent = ComponentType<RichEditorProps>;

/** "Edit as plain text (Markdown)": on, the plain box; off, the editor (loaded on first use). */
export function EditorModeToggle({
  rich,
  onEditor,
  onNotice,
}: {
  rich: boolean;
  /** The editor to show, or null for the plain box (a React state setter: a component is set through a function). */
  onEditor: (set: () => RichEditorComponent | null) => void;
  onNotice: (message: string) => void;
}) {
  const latest = useRef(onEditor);
  useEffect(() => {
    latest.current = onEditor;
  });
  useEffect(() => {
    let live = true;
    // Offline at page load: the plain box stays, and the switch tries again.
    if (!prefersPlain())
      loadRichEditor().then(
        (editor) => live && latest.current(() => editor),
        () => {},
      );
    return () => {
      live = false;
    };
  }, []);

  const choose = (plain: boolean) => {
    try {
      localStorage.setItem(EDITOR_MODE_KEY, plain ? 'plain' : 'rich');
    } catch {
      // private browsing: the choice lasts for this page
    }
    if (plain) onEditor(() => null);
    else
      loadRichEditor().then(
        (editor) => onEditor(() => editor),
        () => onNotice('The formatted editor did not load: check your connection and try again.'),
      );
  };

  return (
    <button
      type="button"
      aria-pressed={!rich}
      className={buttonClass({ variant: 'link', size: 'tool' })}
      onClick={() => choose(rich)}
    >
      Edit as plain text (Markdown)
    </button>
  );
}
